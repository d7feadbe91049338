//go:build startupfloor

// This file is built only with the startupfloor tag, by
// testdata/startup/startup.sh, into a binary that exits before any code
// of the tool runs: the floor of the tool's start-up, which is the Go
// runtime's start and the package initialisation of everything the tool
// links, so that the measurement can say how much of the start-up the
// tool's own code could still save. Its name sorts before every other
// file of the package: package variables without dependencies are
// initialised in the order the files are given to the compiler, which
// the go command gives in lexical order, so this one is the first of
// package main.

package main

import "os"

// floor stops the program with status 0 before any other variable of the
// package is initialised.
var _ = floor()

// floor exits.
func floor() int {
	os.Exit(0)
	return 0
}
