package main

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Strings from the server (names of users, workspaces and API keys, email
// addresses, error messages) reach the terminal in table and CSV cells, in
// confirmation questions and in error lines. Printed raw, a key named
// "ci\x1b[1A\x1b[2K" would move the cursor up and erase a row of the
// listing, and a user's name could rewrite the question asked before that
// user is removed, or reorder it with a right-to-left override. Every such
// path therefore goes through safeText, which shows these characters as
// visible escapes instead: the row sink does it for every cell (see
// rowSink.item), report and usage for error lines, confirm for questions.
// JSON output keeps the exact values; jsonSafe only spells the same
// characters as JSON escapes.

// safeText returns s with every character a terminal could interpret
// replaced by a visible escape:
//
//   - C0 controls (NUL to US) and DEL: \t, \n and \r for tab, line feed and
//     carriage return, \xNN for the others (ESC is \x1b, BEL \x07, NUL \x00);
//   - C1 controls (U+0080 to U+009F), as \u0080 to \u009f;
//   - bidirectional formatting characters (U+061C, U+200E, U+200F, U+202A
//     to U+202E, U+2066 to U+2069) and the line and paragraph separators
//     U+2028 and U+2029, as \u202e and so on;
//   - bytes that are not valid UTF-8, as \xNN (so a lone 0x9b, the 8-bit
//     CSI, is inert too).
//
// Everything else passes unchanged, backslashes included: the result is
// for reading, and a literal "\x1b" in a name is as harmless as the escape.
func safeText(s string) string {
	i := unsafeIndex(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// safeRow returns cells with safeText applied to each; it returns cells
// itself when none needs it, so the common case does not allocate.
func safeRow(cells []string) []string {
	var out []string
	for i, c := range cells {
		if s := safeText(c); s != c || out != nil {
			if out == nil {
				out = make([]string, len(cells))
				copy(out, cells[:i])
			}
			out[i] = s
		}
	}
	if out == nil {
		return cells
	}
	return out
}

// unsafeIndex returns the index of the first byte of s that safeText
// escapes, or -1.
func unsafeIndex(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || unsafeRune(r) {
			return i
		}
		i += n
	}
	return -1
}

// unsafeRune reports whether r, a valid rune beyond ASCII, is one a
// terminal may interpret rather than show: a C1 control, a bidirectional
// formatting character, or a line or paragraph separator.
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f: // C1 controls, CSI (U+009B) and OSC (U+009D) among them
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f: // arabic letter mark, LRM, RLM
		return true
	case r >= 0x202a && r <= 0x202e: // LRE, RLE, PDF, LRO, RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI, RLI, FSI, PDI
		return true
	case r == 0x2028, r == 0x2029: // line and paragraph separators
		return true
	}
	return false
}

// jsonSafe rewrites the characters that unsafeRune reports in b, the
// output of encoding/json, as \u escapes. encoding/json already escapes
// the C0 controls (and U+2028 and U+2029) and replaces invalid UTF-8, but
// writes C1 controls and bidirectional formatting characters raw. Outside
// strings JSON text is ASCII, so every such character is inside a string,
// where the escape denotes the very same character: the JSON decodes to
// exactly the values the API returned.
func jsonSafe(b []byte) []byte {
	first := -1
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if unsafeRune(r) {
			first = i
			break
		}
		i += n
	}
	if first < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	out = append(out, b[:first]...)
	for i := first; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r >= utf8.RuneSelf && unsafeRune(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}
