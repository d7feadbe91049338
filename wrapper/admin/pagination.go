package admin

import (
	"context"
	"iter"
)

// pages is the one pager behind every All method. It calls fetch with the
// start cursor, yields the page's items, and fetches the next page with the
// cursor fetch returned, only once the caller has taken every item and only
// while fetch reports more. It yields an error at most once and then stops.
func pages[T, C any](ctx context.Context, start C, fetch func(context.Context, C) (items []T, next C, more bool, err error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		cursor := start
		for {
			items, next, more, err := fetch(ctx, cursor)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, item := range items {
				if !yield(item, nil) {
					return
				}
			}
			if !more || len(items) == 0 {
				return
			}
			cursor = next
		}
	}
}

// idCursor is the position in an ID-cursor list: at most one is set.
type idCursor struct{ beforeID, afterID string }

// idPage is what the pager needs of an ID-cursor page.
type idPage[T any] struct {
	data            []T
	hasMore         bool
	firstID, lastID *string
}

// idCursorAll iterates an ID-cursor list from start: forwards with after_id
// = last_id, or backwards with before_id = first_id when start has a
// beforeID.
func idCursorAll[T, L any](ctx context.Context, start idCursor, list func(context.Context, idCursor) (*L, error), unpack func(*L) idPage[T]) iter.Seq2[T, error] {
	backward := start.beforeID != ""
	return pages(ctx, start, func(ctx context.Context, cur idCursor) ([]T, idCursor, bool, error) {
		l, err := list(ctx, cur)
		if err != nil {
			return nil, cur, false, err
		}
		p := unpack(l)
		var next idCursor
		var id *string
		if backward {
			id = p.firstID
			next.beforeID = deref(id)
		} else {
			id = p.lastID
			next.afterID = deref(id)
		}
		return p.data, next, p.hasMore && id != nil && *id != "", nil
	})
}

// tokenAll iterates a page-token list from the page token start. unpack
// returns a page's items, whether the server says more follow (true for
// lists without has_more) and the next_page token.
func tokenAll[T, L any](ctx context.Context, start string, list func(context.Context, string) (*L, error), unpack func(*L) ([]T, bool, *string)) iter.Seq2[T, error] {
	return pages(ctx, start, func(ctx context.Context, page string) ([]T, string, bool, error) {
		l, err := list(ctx, page)
		if err != nil {
			return nil, page, false, err
		}
		items, more, next := unpack(l)
		return items, deref(next), more && next != nil && *next != "", nil
	})
}

func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// optional returns a pointer to v, or nil when v is the zero value.
func optional[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

// Ptr returns a pointer to v, for the optional fields of request bodies:
// admin.Ptr("#6C5BB9").
func Ptr[T any](v T) *T { return &v }
