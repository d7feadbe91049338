package main

import (
	"context"
	"flag"
	"fmt"
	"iter"
	"reflect"
	"runtime"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// This file turns the methods of package admin into what leaves do. A
// leaf declaration (commands.go) names a method expression, such as
// (*admin.UsersService).Get, and a view; the constructors here supply the
// rest: the receiver, the arguments, the flags, the paging and the output.
//
// Method expressions rather than reflection on op.Method(): the compiler
// checks that the method takes the path IDs and the parameters the
// constructor passes and returns the type the view prints, so a change of
// the generated API breaks the build rather than a run. What reflection
// finds is only what the compiler has fixed already or the library
// documents as the same for every operation: the receiver, by its type
// (serviceOf); the Limit of the parameters (limitSetter); the Data,
// HasMore and NextPage of a page (pageReader). None is looked up when
// the leaf is declared, which every run does for every leaf: the Limit,
// the page and the fields of the view's columns (see field) when it is set
// up, which only the leaf that runs pays for, and which every test of the
// leaf does (its help, for one), so a mismatch fails the tests rather than
// one command at run time; the receiver when it runs (TestLeafServices
// checks every leaf's). TestLeafMethods checks that a leaf's method is the
// one its op names.

// action is what a leaf does, made by one of the constructors below.
type action struct {
	// setup registers the leaf's flags on fs, bound to new parameters, and
	// returns what runs the leaf with them once fs is parsed.
	setup func(fs *flag.FlagSet, leaf *command) runFunc
	// method is the function of package admin the action calls, or the
	// function of this package that does; its String is the name the
	// runtime gives it (".../wrapper/admin.(*UsersService).Get").
	method funcRef
	// local marks an action that needs no client: no key, no request
	// (version, completion, fake serve).
	local bool
	// object marks an action made by object: one call, whose object it
	// prints, or hands to a --from-csv run (see bulk.go).
	object bool
}

// local returns the action of a leaf that runs fn, a named function of
// this package, without a client: it needs no key and sends nothing.
func local[P any](fn func(ctx context.Context, a *app, args []string, p *P) error) action {
	return action{method: funcName(fn), local: true, setup: func(fs *flag.FlagSet, leaf *command) runFunc {
		p := new(P)
		leaf.bindFlags(fs, p)
		return func(ctx context.Context, a *app, args []string) error { return fn(ctx, a, args, p) }
	}}
}

// none is the parameters of a leaf without flags.
type none struct{}

// object returns the action of a leaf that makes one call, fn, and prints
// the object it returns with vw. fn gets the positional arguments and the
// leaf's parameters, the struct its flags set.
func object[P, T any](fn func(ctx context.Context, c *admin.Client, args []string, p *P) (*T, error), vw view[T]) action {
	return action{method: funcName(fn), object: true, setup: func(fs *flag.FlagSet, leaf *command) runFunc {
		verify(vw.check)
		p := new(P)
		leaf.bindFlags(fs, p)
		return func(ctx context.Context, a *app, args []string) error {
			v, err := fn(ctx, a.c, args, p)
			if err != nil {
				return err
			}
			if bulkCollect(ctx, v) {
				return nil // a row of --from-csv: its result is the object
			}
			return printOne(a, v, vw)
		}
	}}
}

// call0 returns the action of a leaf that calls m, a method of package
// admin without path ID such as (*admin.OrganizationService).Get, and
// prints the object it returns with vw.
func call0[S, T any](m func(*S, context.Context) (*T, error), vw view[T]) action {
	return calling(m, object(func(ctx context.Context, c *admin.Client, _ []string, _ *none) (*T, error) {
		return m(service[S](c), ctx)
	}, vw))
}

// call1 is call0 for a method taking one path ID, such as
// (*admin.UsersService).Get: the leaf's first argument.
func call1[S, T any](m func(*S, context.Context, string) (*T, error), vw view[T]) action {
	return calling(m, object(func(ctx context.Context, c *admin.Client, args []string, _ *none) (*T, error) {
		return m(service[S](c), ctx, args[0])
	}, vw))
}

// call2 is call0 for a method taking two path IDs, such as
// (*admin.WorkspaceMembersService).Get: the leaf's first two arguments.
func call2[S, T any](m func(*S, context.Context, string, string) (*T, error), vw view[T]) action {
	return calling(m, object(func(ctx context.Context, c *admin.Client, args []string, _ *none) (*T, error) {
		return m(service[S](c), ctx, args[0], args[1])
	}, vw))
}

// pagesFunc returns the pages of a list for the positional arguments and
// the parameters p, whose Limit holds the page size.
type pagesFunc[P, L any] func(ctx context.Context, a *app, args []string, p *P) iter.Seq2[*L, error]

// listing returns the action of a list leaf: it prints the items of the
// pages that pages returns, with the view that viewOf returns for the
// parameters, through printList (--limit and --all, a page at a time,
// progress on a terminal, the hint that more exist). The largest page
// size is the leaf's op.MaxPageSize(); a report leaf shows progress even
// for its first page.
func listing[P, L, T any](pages pagesFunc[P, L], viewOf func(*P) view[T]) action {
	return action{method: funcName(pages), setup: func(fs *flag.FlagSet, leaf *command) runFunc {
		unpack := pageReader[L, T]()
		setLimit := limitSetter[P]()
		p := new(P)
		verify(viewOf(p).check)
		leaf.bindFlags(fs, p)
		var lf listFlags
		lf.register(fs)
		return func(ctx context.Context, a *app, args []string) error {
			l := lister[T]{
				maxPage: leaf.op.MaxPageSize(),
				report:  leaf.report,
				pages: func(ctx context.Context, n int) iter.Seq2[page[T], error] {
					setLimit(p, n)
					return pagesOf(pages(ctx, a, args, p), unpack)
				},
			}
			return printList(ctx, a, lf, l, viewOf(p))
		}
	}}
}

// list0 returns the action of a list leaf whose items come from m, the
// Pages method of a list of package admin without path ID, such as
// (*admin.UsersService).Pages, and print with vw. The leaf's flags set the
// fields of m's parameters.
func list0[S, P, L, T any](m func(*S, context.Context, *P) iter.Seq2[*L, error], vw view[T]) action {
	return grouped0(m, func(*P) view[T] { return vw })
}

// grouped0 is list0 for a list whose columns depend on its parameters,
// such as a report's on --group-by: viewOf returns its view.
func grouped0[S, P, L, T any](m func(*S, context.Context, *P) iter.Seq2[*L, error], viewOf func(*P) view[T]) action {
	return calling(m, listing(func(ctx context.Context, a *app, _ []string, p *P) iter.Seq2[*L, error] {
		return m(service[S](a.c), ctx, p)
	}, viewOf))
}

// list1 is list0 for a Pages method taking one path ID, such as
// (*admin.WorkspaceMembersService).Pages: the leaf's first argument.
func list1[S, P, L, T any](m func(*S, context.Context, string, *P) iter.Seq2[*L, error], vw view[T]) action {
	return calling(m, listing(func(ctx context.Context, a *app, args []string, p *P) iter.Seq2[*L, error] {
		return m(service[S](a.c), ctx, args[0], p)
	}, func(*P) view[T] { return vw }))
}

// listWith returns the action of a list leaf whose pages come from a
// function of this package rather than straight from a method, such as
// one that looks up a path ID first; vw prints the items.
func listWith[P, L, T any](pages pagesFunc[P, L], vw view[T]) action {
	return listing(pages, func(*P) view[T] { return vw })
}

// failed returns the pages of a list that fails with err before its first
// page, for a pagesFunc that cannot start.
func failed[L any](err error) iter.Seq2[*L, error] {
	return func(yield func(*L, error) bool) { yield(nil, err) }
}

// calling returns a, noting that it calls the method m.
func calling(m any, a action) action {
	a.method = funcName(m)
	return a
}

// funcRef is a function of which the declarations keep the name (see
// action.method), looked up only when asked for: start-up does not pay
// for the runtime's function table.
type funcRef struct{ f any }

// funcName returns the reference to the function f.
func funcName(f any) funcRef { return funcRef{f} }

// String returns the name the runtime gives the function, such as
// "github.com/anthropic-admin/anthropic-admin-go/wrapper/admin.(*UsersService).Get",
// or "" for none.
func (r funcRef) String() string {
	if r.f == nil {
		return ""
	}
	return runtime.FuncForPC(reflect.ValueOf(r.f).Pointer()).Name()
}

// service returns the service of type *S of the client c (see
// serviceOf). The leaves look their receiver up when they run, not when
// they are declared: start-up does not pay for it, and TestLeafServices
// checks that every leaf's receiver is a service of the client.
func service[S any](c *admin.Client) *S { return serviceOf[S]()(c) }

// serviceOf returns the function that picks out the service of a client
// whose type is *S, such as Users for admin.UsersService: the receiver of
// the method expressions of S. Finding the field by its type, which the
// method expression fixes, spares every service a hand-written accessor.
// It panics when admin.Client has no exported field of type *S.
func serviceOf[S any]() func(*admin.Client) *S {
	want := reflect.TypeFor[*S]()
	if i, ok := serviceFields.get()[want]; ok {
		return func(c *admin.Client) *S { return reflect.ValueOf(c).Elem().Field(i).Interface().(*S) }
	}
	panic(fmt.Sprintf("admin.Client has no field of type %v", want))
}

// serviceFields maps the type of each exported field of admin.Client to
// its index, found once: every leaf looks up its service at start-up.
var serviceFields = lazily(func() map[reflect.Type]int {
	t := reflect.TypeFor[admin.Client]()
	m := make(map[reflect.Type]int, t.NumField())
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() {
			m[f.Type] = i
		}
	}
	return m
})

// limitSetter returns the function that sets the page size of the list
// parameters P, their int field Limit (as every list of package admin
// calls it); it does nothing for parameters without one, whose operation
// has no page size.
func limitSetter[P any]() func(*P, int) {
	f, ok := reflect.TypeFor[P]().FieldByName("Limit")
	if !ok || f.Type.Kind() != reflect.Int {
		return func(*P, int) {}
	}
	return func(p *P, n int) { reflect.ValueOf(p).Elem().FieldByIndex(f.Index).SetInt(int64(n)) }
}

// pageReader returns the function that reads a page of type L of package
// admin: its items, and whether the API says more follow it. Every page of
// package admin has the same fields (see its Pagination section): Data,
// the items; HasMore in the ID-cursor lists and the reports; NextPage, the
// cursor of the next page, in the page-token lists and the reports. More
// follow when each of those the page has says so: HasMore is true,
// NextPage is set. It panics when L has no Data of type []T, or neither
// HasMore nor NextPage.
func pageReader[L, T any]() func(*L) ([]T, bool) {
	f := pageFieldsOf(reflect.TypeFor[L](), reflect.TypeFor[[]T]())
	return func(l *L) ([]T, bool) {
		data, more := f.read(reflect.ValueOf(l).Elem())
		return data.Interface().([]T), more
	}
}

// pageFields are the fields of a type of page (see pageReader), found by
// code that is not generic, so that it is not repeated for every list.
type pageFields struct {
	data, hasMore, next []int // indices; nil for a field the page lacks
}

// pageFieldsOf returns the fields of the page type t, whose Data must be
// of type data; it panics as pageReader says.
func pageFieldsOf(t, data reflect.Type) pageFields {
	d, ok := t.FieldByName("Data")
	if !ok || d.Type != data {
		panic(fmt.Sprintf("%v has no field Data of type %v", t, data))
	}
	f := pageFields{data: d.Index}
	if hasMore, ok := t.FieldByName("HasMore"); ok && hasMore.Type.Kind() == reflect.Bool {
		f.hasMore = hasMore.Index
	}
	if next, ok := t.FieldByName("NextPage"); ok && next.Type == reflect.TypeFor[*string]() {
		f.next = next.Index
	}
	if f.hasMore == nil && f.next == nil {
		panic(fmt.Sprintf("%v has neither HasMore bool nor NextPage *string", t))
	}
	return f
}

// read returns the items of the page v and whether more follow it.
func (f pageFields) read(v reflect.Value) (reflect.Value, bool) {
	more := true
	if f.hasMore != nil {
		more = v.FieldByIndex(f.hasMore).Bool()
	}
	if f.next != nil {
		p := v.FieldByIndex(f.next).Interface().(*string)
		more = more && p != nil && *p != ""
	}
	return v.FieldByIndex(f.data), more
}
