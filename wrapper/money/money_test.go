package money

import (
	"encoding/json"
	"math/big"
	"testing"
)

func TestParseAndFormat(t *testing.T) {
	for _, tc := range []struct{ in, dollars, round2 string }{
		{"12345", "123.45", "123.45"},
		{"123.45", "1.2345", "1.23"},
		{"41280.000000", "412.80000000", "412.80"},
		{"0.5", "0.005", "0.01"},
		{"-0.5", "-0.005", "-0.01"},
		{"0", "0.00", "0.00"},
		{"1.5e2", "1.50", "1.50"},
		{"25e-1", "0.025", "0.03"},
		{"99999999999999999999.99", "999999999999999999.9999", "1000000000000000000.00"},
	} {
		c, err := ParseCents(tc.in)
		if err != nil {
			t.Fatalf("ParseCents(%q): %v", tc.in, err)
		}
		if c.String() != tc.in || c.Dollars() != tc.dollars || c.RoundDollars(2) != tc.round2 {
			t.Errorf("%q: String %q Dollars %q RoundDollars %q; want %q %q %q", tc.in, c.String(), c.Dollars(), c.RoundDollars(2), tc.in, tc.dollars, tc.round2)
		}
	}
	for _, bad := range []string{"", ".", "-", "1.2.3", "12a", "$1", "1e", "1e99999", "NaN", "Infinity", "0e0+", "1e+-2"} {
		if _, err := ParseCents(bad); err == nil {
			t.Errorf("ParseCents(%q) succeeded", bad)
		}
	}
}

// TestJSONKeepsTheWire checks that decoding and encoding gives back the
// wire's bytes, strings and numbers alike, which float64 cannot.
func TestJSONKeepsTheWire(t *testing.T) {
	for _, wire := range []string{`"41280.000000"`, `"0.10"`, `12.5`, `0.1`, `1234567890123456789.123456789`} {
		var c Cents
		if err := json.Unmarshal([]byte(wire), &c); err != nil {
			t.Fatalf("%s: %v", wire, err)
		}
		out, _ := json.Marshal(c)
		if string(out) != wire {
			t.Errorf("%s encoded back as %s", wire, out)
		}
	}
	var c Cents
	for _, bad := range []string{`null`, `"abc"`, `true`, `{}`} {
		if err := json.Unmarshal([]byte(bad), &c); err == nil {
			t.Errorf("%s decoded", bad)
		}
	}
}

// FuzzArithmetic checks Add, Sub, Cmp, Dollars and the round trip against
// math/big's exact rationals.
func FuzzArithmetic(f *testing.F) {
	f.Add("123.45", "0.005")
	f.Add("-1", "1")
	f.Add("41280.000000", "1e3")
	f.Add("0.1", "0.2")
	f.Fuzz(func(t *testing.T, a, b string) {
		x, err1 := ParseCents(a)
		y, err2 := ParseCents(b)
		if err1 != nil || err2 != nil {
			return
		}
		ra, _ := new(big.Rat).SetString(a)
		rb, _ := new(big.Rat).SetString(b)
		if ra == nil || rb == nil {
			t.Fatalf("math/big refuses %q or %q that ParseCents took", a, b)
		}
		if x.Rat().Cmp(ra) != 0 {
			t.Fatalf("%q parsed as %v", a, x.Rat())
		}
		if got, want := x.Add(y).Rat(), new(big.Rat).Add(ra, rb); got.Cmp(want) != 0 {
			t.Fatalf("%q + %q = %v, want %v", a, b, got, want)
		}
		if got, want := x.Sub(y).Rat(), new(big.Rat).Sub(ra, rb); got.Cmp(want) != 0 {
			t.Fatalf("%q - %q = %v, want %v", a, b, got, want)
		}
		if got, want := x.Cmp(y), ra.Cmp(rb); got != want {
			t.Fatalf("Cmp(%q, %q) = %d, want %d", a, b, got, want)
		}
		dollars, ok := new(big.Rat).SetString(x.Dollars())
		if !ok || dollars.Cmp(new(big.Rat).Quo(ra, big.NewRat(100, 1))) != 0 {
			t.Fatalf("Dollars(%q) = %s, not %q / 100", a, x.Dollars(), a)
		}
		sum := x.Add(y)
		again, err := ParseCents(sum.String())
		if err != nil || again.Cmp(sum) != 0 {
			t.Fatalf("String of %q + %q = %q does not parse back", a, b, sum.String())
		}
	})
}
