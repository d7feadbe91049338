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
	bySegs   map[int][]*routerEntry // by number of path segments
	fallback http.Handler           // the "/" pattern: no route matched
}

type routerEntry struct {
	method, pattern string
	segs            []string // "{name}" for a wildcard
	h               http.Handler
}

func newRouter() *router {
	return &router{bySegs: make(map[int][]*routerEntry), fallback: http.NotFoundHandler()}
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
}

// HandleFunc registers f for pattern, as Handle does.
func (rt *router) HandleFunc(pattern string, f func(http.ResponseWriter, *http.Request)) {
	rt.Handle(pattern, http.HandlerFunc(f))
}

// match returns the most specific entry matching r and the values of its
// wildcards, or nil.
func (rt *router) match(r *http.Request) (*routerEntry, []string) {
	segs := strings.Split(r.URL.EscapedPath(), "/")
	var best *routerEntry
	var bestVals []string
	for _, e := range rt.bySegs[len(segs)] {
		if e.method != r.Method && !(e.method == http.MethodGet && r.Method == http.MethodHead) {
			continue
		}
		vals, ok := e.bind(segs)
		if !ok {
			continue
		}
		if best == nil || moreSpecific(e, best) {
			best, bestVals = e, vals
		}
	}
	return best, bestVals
}

// bind matches the escaped path segments against e and returns the
// unescaped values of e's wildcards in order.
func (e *routerEntry) bind(segs []string) ([]string, bool) {
	var vals []string
	for i, s := range e.segs {
		v, err := url.PathUnescape(segs[i])
		if err != nil {
			return nil, false
		}
		if isWildcard(s) {
			if v == "" {
				return nil, false
			}
			vals = append(vals, v)
		} else if s != v {
			return nil, false
		}
	}
	return vals, true
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
	if e, _ := rt.match(r); e != nil {
		return e.h, e.pattern
	}
	return rt.fallback, "/"
}

// ServeHTTP routes r, setting its path values for r.PathValue.
func (rt *router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e, vals := rt.match(r)
	if e == nil {
		rt.fallback.ServeHTTP(w, r)
		return
	}
	i := 0
	for _, s := range e.segs {
		if isWildcard(s) {
			r.SetPathValue(s[1:len(s)-1], vals[i])
			i++
		}
	}
	e.h.ServeHTTP(w, r)
}
