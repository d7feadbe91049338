package money

import (
	"math/big"
	"strings"
	"testing"
)

func TestParseDollars(t *testing.T) {
	for _, tc := range []struct{ in, cents string }{
		{"500", "50000"},
		{"500.00", "50000"},
		{"500.000", "50000"},
		{"0.01", "1"},
		{"0.125", "12.5"},
		{"1234.5", "123450"},
		{"-2.5", "-250"},
		{"1e3", "100000"},
		{"0", "0"},
		{"0.001", "0.1"},
		{"99999999999999999999.99", "9999999999999999999999"},
	} {
		c, err := ParseDollars(tc.in)
		if err != nil {
			t.Fatalf("ParseDollars(%q): %v", tc.in, err)
		}
		if c.String() != tc.cents {
			t.Errorf("ParseDollars(%q) = %q cents, want %q", tc.in, c.String(), tc.cents)
		}
	}
	for _, bad := range []string{"", ".", "$5", "5 USD", "1,000", "1.2.3", "NaN", "1e99999"} {
		if _, err := ParseDollars(bad); err == nil {
			t.Errorf("ParseDollars(%q) succeeded", bad)
		}
	}
}

// FuzzParseDollars checks ParseDollars against math/big: the cents are the
// dollars times 100 exactly, they print in dollars as the input's value,
// their spelling parses back as cents to the same amount with no trailing
// zero after a decimal point, and exactly the inputs ParseCents takes are
// taken.
func FuzzParseDollars(f *testing.F) {
	for _, s := range []string{"500.00", "0.125", "-2.5", "1e3", "0.001", "25e-1", "7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseDollars(s)
		if _, cerr := ParseCents(s); (err == nil) != (cerr == nil) {
			t.Fatalf("ParseDollars(%q) error %v, ParseCents error %v", s, err, cerr)
		}
		if err != nil {
			return
		}
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			t.Fatalf("math/big refuses %q that ParseDollars took", s)
		}
		want := new(big.Rat).Mul(r, big.NewRat(100, 1))
		if c.Rat().Cmp(want) != 0 {
			t.Fatalf("ParseDollars(%q) = %v cents, want %v", s, c.Rat(), want)
		}
		if d, ok := new(big.Rat).SetString(c.Dollars()); !ok || d.Cmp(r) != 0 {
			t.Fatalf("ParseDollars(%q).Dollars() = %q", s, c.Dollars())
		}
		back, err := ParseCents(c.String())
		if err != nil || back.Cmp(c) != 0 {
			t.Fatalf("ParseDollars(%q) spelt %q, which does not parse back", s, c.String())
		}
		if strings.Contains(c.String(), ".") && strings.HasSuffix(c.String(), "0") {
			t.Fatalf("ParseDollars(%q) spelt %q with a trailing zero", s, c.String())
		}
		if c.Rat().IsInt() != !strings.Contains(c.String(), ".") {
			t.Fatalf("ParseDollars(%q) spelt %q: whole %v", s, c.String(), c.Rat().IsInt())
		}
	})
}
