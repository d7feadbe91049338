package main

import (
	"image"
	"image/png"
	"os"
	"strconv"
	"testing"
)

// TestHTMLScreenshot checks a screenshot of the HTML report that a real
// browser made (.ci/html-screenshot passes its path in HTML_SCREENSHOT):
// a PNG at least 900 pixels square, not blank (a tenth of its pixels
// differ from the background), showing the charts: every colour of the
// demo's four workspaces covers a good area. Without HTML_SCREENSHOT it
// is skipped.
func TestHTMLScreenshot(t *testing.T) {
	path := os.Getenv("HTML_SCREENSHOT")
	if path == "" {
		t.Skip("set HTML_SCREENSHOT to a screenshot of report html (see .ci/html-screenshot)")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b := img.Bounds()
	if b.Dx() < 900 || b.Dy() < 900 {
		t.Fatalf("%s is %dx%d, want at least 900x900", path, b.Dx(), b.Dy())
	}
	bg := rgb(img, b.Min.X, b.Min.Y)
	differ := 0
	palette := map[int]int{} // index in htmlPalette → pixels of that colour
	want := make([][3]int, 4)
	for i := range want {
		for c := range 3 {
			v, _ := strconv.ParseUint(htmlPalette[i][1+2*c:3+2*c], 16, 8)
			want[i][c] = int(v)
		}
	}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			p := rgb(img, x, y)
			if p != bg {
				differ++
			}
			for i, w := range want {
				if near(p, w) {
					palette[i]++
				}
			}
		}
	}
	if total := b.Dx() * b.Dy(); differ*10 < total {
		t.Errorf("nearly blank: %d of %d pixels differ from the background", differ, total)
	}
	for i := range want {
		if palette[i] < 2000 {
			t.Errorf("colour %s covers %d pixels, want a chart's worth (2000)", htmlPalette[i], palette[i])
		}
	}
}

// rgb returns the 8-bit colour of img at x, y.
func rgb(img image.Image, x, y int) [3]int {
	r, g, b, _ := img.At(x, y).RGBA()
	return [3]int{int(r >> 8), int(g >> 8), int(b >> 8)}
}

// near reports whether two colours differ by at most 6 in each channel.
func near(p, q [3]int) bool {
	for i := range p {
		if d := p[i] - q[i]; d > 6 || d < -6 {
			return false
		}
	}
	return true
}
