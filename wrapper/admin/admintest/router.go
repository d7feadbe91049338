package admintest

import (
	"net/http"
	"net/url"
	"strings"
)

// router routes requests by the spec's path patterns, such as
// "GET /v1/organizations/users/{user_id}". It replaces http.ServeMux,
// which refuses two patterns that overlap with neither more specific than
// the other, as the Compliance API's paths do:
// /v1/compliance/apps/chats/{claude_chat_id}/messages and
// /v1/compliance/apps/chats/files/{claude_file_id} both match
// /v1/compliance/apps/chats/files/messages. Here a literal segment beats a
// wildcard at the first segment where two matching patterns differ, left
// to right, so .../chats/files/x is a file and .../chats/x/messages a
// chat's messages, as the service routes them. Callers register every
// pattern before serving.
type router struct {
	bySegs map[int][]*routerEntry // by number of path segments
	// exact holds the patterns without wildcards, by method and path: a
	// request whose path is one of them needs no walk, since no pattern
	// with a wildcard is more specific.
	exact    map[string]map[string]*routerEntry
	fallback http.Handler // the "/" pattern: no route matched
}

type routerEntry struct {
	method, pattern string
	segs            []string // "{name}" for a wildcard
	h               http.Handler
}

func newRouter() *router {
	return &router{bySegs: make(map[int][]*routerEntry), exact: make(map[string]map[string]*routerEntry), fallback: http.NotFoundHandler()}
}

// Handle registers h for pattern, "METHOD /path" or "/" for requests that
// match nothing else.
func (rt *router) Handle(pattern string, h http.Handler) {
	if pattern == "/" {
		rt.fallback = h
		return
	}
	method, path, _ := strings.Cut(pattern, " ")
	e := &routerEntry{method: method, pattern: pattern, segs: strings.Split(path, "/"), h: h}
	rt.bySegs[len(e.segs)] = append(rt.bySegs[len(e.segs)], e)
	if !strings.Contains(path, "{") {
		if rt.exact[method] == nil {
			rt.exact[method] = make(map[string]*routerEntry)
		}
		rt.exact[method][path] = e
	}
}

// HandleFunc registers f for pattern, as Handle does.
func (rt *router) HandleFunc(pattern string, f func(http.ResponseWriter, *http.Request)) {
	rt.Handle(pattern, http.HandlerFunc(f))
}

// match returns the most specific entry matching r, or nil. It
// allocates nothing: it walks the path's segments in place.
func (rt *router) match(r *http.Request) *routerEntry {
	path := r.URL.EscapedPath()
	if e := rt.exact[r.Method][path]; e != nil {
		return e
	}
	if r.Method == http.MethodHead {
		if e := rt.exact[http.MethodGet][path]; e != nil {
			return e
		}
	}
	var best *routerEntry
	for _, e := range rt.bySegs[strings.Count(path, "/")+1] {
		if (e.method != r.Method && !(e.method == http.MethodGet && r.Method == http.MethodHead)) || !e.matches(path, nil) {
			continue
		}
		if best == nil || moreSpecific(e, best) {
			best = e
		}
	}
	return best
}

// matches reports whether the escaped path, of as many segments as e,
// matches e, calling set (when not nil) with each wildcard's name and
// unescaped value.
func (e *routerEntry) matches(path string, set func(name, value string)) bool {
	rest := path
	for i, s := range e.segs {
		seg := rest
		if i < len(e.segs)-1 {
			seg, rest, _ = strings.Cut(rest, "/")
		}
		v, err := url.PathUnescape(seg)
		if err != nil {
			return false
		}
		if isWildcard(s) {
			if v == "" {
				return false
			}
			if set != nil {
				set(s[1:len(s)-1], v)
			}
		} else if s != v {
			return false
		}
	}
	return true
}

func isWildcard(seg string) bool { return strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") }

// moreSpecific reports whether a has a literal segment where b has a
// wildcard, at the first segment where they differ in kind.
func moreSpecific(a, b *routerEntry) bool {
	for i := range a.segs {
		if wa, wb := isWildcard(a.segs[i]), isWildcard(b.segs[i]); wa != wb {
			return wb
		}
	}
	return false
}

// Handler returns the handler and pattern that r routes to, as
// http.ServeMux's does: the fallback and "/" when no pattern matches.
func (rt *router) Handler(r *http.Request) (http.Handler, string) {
	if e := rt.match(r); e != nil {
		return e.h, e.pattern
	}
	return rt.fallback, "/"
}

// ServeHTTP routes r, setting its path values for r.PathValue.
func (rt *router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e := rt.match(r)
	if e == nil {
		rt.fallback.ServeHTTP(w, r)
		return
	}
	e.matches(r.URL.EscapedPath(), r.SetPathValue)
	e.h.ServeHTTP(w, r)
}
