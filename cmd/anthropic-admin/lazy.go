package main

import (
	"fmt"
	"sync"
)

// The groups of the root are lazy (see commands): each is declared with
// its name and summary and a function that builds its declarations, which
// runs when a run first reads its subcommands (children), such as when
// the command line names the group. The help of the root and of a group
// lists the leaves of the lazy groups under it from leafIndex
// (commands_index.go, generated), without building them.

// lazyGroup returns the group that build returns, called name with
// summary, but builds its subcommands only when they are first read (see
// children): a run builds the declarations of the group it runs only, not
// those of every group. name and summary must be those of the group build
// returns (TestLazyGroups checks them; children panics otherwise).
func lazyGroup(name, summary string, build func() *command) *command {
	return &command{name: name, summary: summary, build: build}
}

// indexedLeaf is a leaf of a lazy group as the help of a group above it
// lists it, in leafIndex (commands_index.go, generated from the tree by
// go test ./cmd/anthropic-admin -run TestCommandReference -update): so
// the root's help, which lists every leaf, builds no group.
type indexedLeaf struct {
	// group is the path of the lazy group from the root, such as "users".
	group string
	// leaf is the leaf's path from the group and its arguments, such as
	// "set-role <user-id> <role>".
	leaf string
	// summary is the leaf's summary.
	summary string
}

// indexedLeaves returns the leaves of the lazy group at path (from the
// root) that leafIndex lists, in the tree's order; nil for a group it
// does not list, whose help builds it.
func indexedLeaves(path string) []indexedLeaf {
	for i, l := range leafIndex {
		if l.group == path {
			j := i + 1
			for j < len(leafIndex) && leafIndex[j].group == path {
				j++
			}
			return leafIndex[i:j]
		}
	}
	return nil
}

// isGroup reports whether c is a group, lazy or not, rather than a leaf.
func (c *command) isGroup() bool { return c.subs != nil || c.build != nil }

// children returns the subcommands of c, nil for a leaf; those of a lazy
// group are built on the first call.
func (c *command) children() []*command {
	if c.build != nil {
		g := c.build()
		if g.name != c.name || g.summary != c.summary || g.subs == nil {
			panic(fmt.Sprintf("lazy group %q (%q) builds group %q (%q) with %d subcommands", c.name, c.summary, g.name, g.summary, len(g.subs)))
		}
		c.subs, c.build = g.subs, nil
	}
	return c.subs
}

// lazyValue is a package variable's value made on first use (see
// lazily): a compiled regexp or a parsed template that only some commands
// need. It does what sync.OnceValue does, but a package variable set to
// sync.OnceValue's result makes allocations when the package is
// initialised, which every run pays for, --help included
// (TestInitAllocs); a lazyValue makes none until it is used.
type lazyValue[T any] struct {
	once sync.Once
	make func() T
	v    T
}

// lazily returns the lazyValue that f makes, on first use.
func lazily[T any](f func() T) lazyValue[T] { return lazyValue[T]{make: f} }

// get returns the value, made by the first call.
func (l *lazyValue[T]) get() T {
	l.once.Do(func() { l.v = l.make() })
	return l.v
}
