package admintest

import "flag"

// stress selects the full sizes of the stress tests. Without it (go test,
// make check) they run a smaller size that still exercises every operation
// concurrently and checks the same invariants; `make stress` sets it:
//
//	go test -race -run Concurrent ./wrapper/admin/admintest -args -stress
var stress = flag.Bool("stress", false, "run the stress tests at full size (slow under -race; see make stress)")

// sized returns small, or full under -stress.
func sized[T any](small, full T) T {
	if *stress {
		return full
	}
	return small
}
