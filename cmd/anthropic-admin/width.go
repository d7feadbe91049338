package main

import (
	"os"
	"strings"
	"unicode"

	"golang.org/x/term"
)

// widthReporter is implemented by writers that know the width of the
// terminal they write to; tests use it to play a terminal of a given width.
type widthReporter interface {
	TerminalWidth() int
}

// terminalWidth returns the width in columns of the terminal that v
// writes to, or zero when v is not a terminal (a pipe, a file, a buffer):
// a value implementing widthReporter says so itself, an *os.File asks the
// terminal driver (term.GetSize).
func terminalWidth(v any) int {
	switch f := v.(type) {
	case widthReporter:
		return f.TerminalWidth()
	case *os.File:
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return 0
}

// minColumn is the width below which fitWidths does not narrow a column:
// four characters and the ellipsis still tell values apart.
const minColumn = 5

// ellipsis ends a truncated cell.
const ellipsis = "…"

// fitWidths returns the widths of table columns whose widest cells are
// natural wide, narrowed so that a row fits in width columns with
// columnGap between them; width zero means no limit. Like gh, it shrinks
// the widest column first, one column of text at a time, so long names
// and emails give way before short fields; the columns marked in keep (the
// IDs, which users copy) are shrunk only when narrowing every other column
// to minColumn is not enough. When even that does not fit, the row is
// left wider than the terminal, which wraps it.
func fitWidths(natural []int, keep []bool, width int) []int {
	w := make([]int, len(natural))
	copy(w, natural)
	if width <= 0 || len(w) == 0 {
		return w
	}
	budget := width - columnGap*(len(w)-1)
	shrink(w, budget, func(i int) bool { return i >= len(keep) || !keep[i] })
	shrink(w, budget, func(int) bool { return true })
	return w
}

// shrink narrows the widest of the columns that may shrink by one, again
// and again, until the widths add up to at most budget or those columns
// are all at minColumn.
func shrink(w []int, budget int, may func(int) bool) {
	total := 0
	for _, n := range w {
		total += n
	}
	for total > budget {
		widest := -1
		for i, n := range w {
			if may(i) && n > minColumn && (widest < 0 || n > w[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			return
		}
		w[widest]--
		total--
	}
}

// truncate returns s cut to at most width columns, ending in an ellipsis
// when cut.
func truncate(s string, width int) string {
	if displayWidth(s) <= width {
		return s
	}
	if width <= 0 {
		return ""
	}
	var b strings.Builder
	used := 0
	for _, r := range s {
		rw := runeWidth(r)
		if used+rw > width-1 {
			break
		}
		b.WriteRune(r)
		used += rw
	}
	b.WriteString(ellipsis)
	return b.String()
}

// displayWidth returns the number of terminal columns s takes (see
// runeWidth).
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

// runeWidth returns the number of terminal columns r takes: none for
// combining marks and other zero-width characters, two for East Asian wide
// and fullwidth characters and emoji, one otherwise. It is an
// approximation of Unicode's East Asian Width property covering the main
// blocks; text reaching a table has been through safeText, so there are no
// controls left to measure.
func runeWidth(r rune) int {
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	case r >= 0x1100 && r <= 0x115f, // Hangul Jamo initials
		r >= 0x2e80 && r <= 0x303e,   // CJK radicals, punctuation
		r >= 0x3041 && r <= 0x33ff,   // kana, CJK symbols
		r >= 0x3400 && r <= 0x4dbf,   // CJK extension A
		r >= 0x4e00 && r <= 0x9fff,   // CJK unified ideographs
		r >= 0xa000 && r <= 0xa4cf,   // Yi
		r >= 0xac00 && r <= 0xd7a3,   // Hangul syllables
		r >= 0xf900 && r <= 0xfaff,   // CJK compatibility ideographs
		r >= 0xfe30 && r <= 0xfe4f,   // CJK compatibility forms
		r >= 0xff00 && r <= 0xff60,   // fullwidth forms
		r >= 0xffe0 && r <= 0xffe6,   // fullwidth signs
		r >= 0x1f300 && r <= 0x1f64f, // pictographs, emoticons
		r >= 0x1f900 && r <= 0x1f9ff, // supplemental pictographs
		r >= 0x20000 && r <= 0x3fffd: // CJK extensions B and beyond
		return 2
	}
	return 1
}
