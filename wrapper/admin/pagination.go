package admin

import (
	"context"
	"fmt"
	"iter"
	"strconv"
)

// pageSeq is the one pager behind every Pages method. It fetches the page
// at the start cursor and yields it; then, only once the caller asks for
// more and only while next reports more, it fetches the page at the cursor
// next returns. It yields an error at most once and then stops. A cursor
// the server gives a second time would repeat pages forever, so it stops
// the iteration with an error matching ErrUnexpectedResponse instead.
func pageSeq[L any, C comparable](ctx context.Context, start C, fetch func(context.Context, C) (*L, error), next func(*L) (C, bool)) iter.Seq2[*L, error] {
	return func(yield func(*L, error) bool) {
		cursor := start
		seen := map[C]struct{}{start: {}}
		for {
			page, err := fetch(ctx, cursor)
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(page, nil) {
				return
			}
			c, more := next(page)
			if !more {
				return
			}
			if _, repeated := seen[c]; repeated {
				yield(nil, fmt.Errorf("admin: pagination stopped after %d pages: %w: the server returned the cursor %s again", len(seen), ErrUnexpectedResponse, cursorText(c)))
				return
			}
			seen[c] = struct{}{}
			cursor = c
		}
	}
}

// items flattens pages into their items, for the All methods: it fetches a
// page only when the caller has taken every item of the previous one.
func items[T, L any](pages iter.Seq2[*L, error], data func(*L) []T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for page, err := range pages {
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, item := range data(page) {
				if !yield(item, nil) {
					return
				}
			}
		}
	}
}

// cursorText describes a cursor in an error.
func cursorText(c any) string {
	switch c := c.(type) {
	case idCursor:
		if c.beforeID != "" {
			return "before_id=" + strconv.Quote(c.beforeID)
		}
		return "after_id=" + strconv.Quote(c.afterID)
	case string:
		return "next_page=" + strconv.Quote(c)
	}
	return fmt.Sprint(c)
}

// idCursor is the position in an ID-cursor list: at most one is set.
type idCursor struct{ beforeID, afterID string }

// idPage is what the pager needs of an ID-cursor page.
type idPage struct {
	empty           bool
	hasMore         bool
	firstID, lastID *string
}

// idPages iterates the pages of an ID-cursor list from start: forwards
// with after_id = last_id, or backwards with before_id = first_id when
// start has a beforeID. It stops at a page without has_more, an empty page
// or a page without the cursor ID.
func idPages[L any](ctx context.Context, start idCursor, list func(context.Context, idCursor) (*L, error), unpack func(*L) idPage) iter.Seq2[*L, error] {
	backward := start.beforeID != ""
	return pageSeq(ctx, start, list, func(l *L) (idCursor, bool) {
		p := unpack(l)
		id := p.lastID
		if backward {
			id = p.firstID
		}
		if !p.hasMore || p.empty || id == nil || *id == "" {
			return idCursor{}, false
		}
		if backward {
			return idCursor{beforeID: *id}, true
		}
		return idCursor{afterID: *id}, true
	})
}

// tokenPages iterates the pages of a page-token list from the token start.
// next returns the next_page token and whether the server says more follow
// (always true for lists without has_more); it stops at an empty token.
func tokenPages[L any](ctx context.Context, start string, list func(context.Context, string) (*L, error), next func(*L) (*string, bool)) iter.Seq2[*L, error] {
	return pageSeq(ctx, start, list, func(l *L) (string, bool) {
		token, more := next(l)
		return deref(token), more && token != nil && *token != ""
	})
}
