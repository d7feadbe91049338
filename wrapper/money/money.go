// Package money holds exact amounts of money as the Anthropic organization
// APIs send them: decimal numbers of cents (the lowest unit of the
// currency), such as the cost report's "123.4500" (a string) or the Claude
// Code report's 12.5 (a number). The API's cost figures are in cents, not
// dollars: reading them as dollars makes every figure 100 times too large,
// and reading them as float64 loses digits. A [Cents] keeps every digit the
// wire had, adds exactly, and formats as cents or dollars on request; no
// code path turns it into a float.
package money

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Cents is an exact decimal number of cents. The zero value is 0 cents.
// Decode it from JSON (a string or a number) or make it with [ParseCents];
// it encodes back to JSON in the same form and with the same digits. A
// Cents is a value: its methods never modify it.
type Cents struct {
	// unscaled × 10^-scale is the amount in cents; a nil unscaled is zero.
	unscaled *big.Int
	scale    int32
	// text is the wire's spelling when the value was parsed, "" when it
	// was computed.
	text string
	// number records that the wire sent a JSON number, not a string.
	number bool
}

// ParseCents parses a decimal number of cents such as "123.45", "-0.5",
// "41280.000000" or "1.5e2"; the result keeps s as its spelling.
func ParseCents(s string) (Cents, error) {
	u, scale, err := parseDecimal(s)
	if err != nil {
		return Cents{}, fmt.Errorf("money: %q is not a decimal number of cents: %w", s, err)
	}
	return Cents{unscaled: u, scale: scale, text: s}, nil
}

// MustParseCents is [ParseCents] for constants in code and tests; it
// panics if s is not a decimal number.
func MustParseCents(s string) Cents {
	c, err := ParseCents(s)
	if err != nil {
		panic(err)
	}
	return c
}

// parseDecimal reads sign, integer digits, an optional fraction and an
// optional exponent, as JSON numbers and decimal strings have them.
func parseDecimal(s string) (*big.Int, int32, error) {
	rest := s
	neg := false
	if strings.HasPrefix(rest, "-") {
		neg, rest = true, rest[1:]
	} else if strings.HasPrefix(rest, "+") {
		rest = rest[1:]
	}
	mant, exp, hasExp := strings.Cut(strings.ToLower(rest), "e")
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := intPart + frac
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return nil, 0, errors.New("want digits with an optional fraction and exponent")
	}
	scale := int64(len(frac))
	if hasExp {
		e, err := strconv.ParseInt(exp, 10, 64)
		if err != nil || e > 1000 || e < -1000 {
			return nil, 0, errors.New("bad exponent")
		}
		scale -= e
	}
	u, _ := new(big.Int).SetString(digits, 10)
	if scale < 0 { // 1.5e2: no fraction left
		u.Mul(u, new(big.Int).Exp(big.NewInt(10), big.NewInt(-scale), nil))
		scale = 0
	}
	if neg {
		u.Neg(u)
	}
	return u, int32(scale), nil
}

func (c Cents) int() *big.Int {
	if c.unscaled == nil {
		return new(big.Int)
	}
	return c.unscaled
}

// Rat returns the amount in cents as an exact rational number.
func (c Cents) Rat() *big.Rat {
	den := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(c.scale)), nil)
	return new(big.Rat).SetFrac(new(big.Int).Set(c.int()), den)
}

// Add returns c + d, exact, with the larger number of decimal places of
// the two.
func (c Cents) Add(d Cents) Cents {
	a, b, scale := align(c, d)
	return Cents{unscaled: a.Add(a, b), scale: scale}
}

// Sub returns c − d, exact.
func (c Cents) Sub(d Cents) Cents {
	a, b, scale := align(c, d)
	return Cents{unscaled: a.Sub(a, b), scale: scale}
}

// align returns the unscaled values of c and d at their common scale.
func align(c, d Cents) (*big.Int, *big.Int, int32) {
	a, b := new(big.Int).Set(c.int()), new(big.Int).Set(d.int())
	scale := max(c.scale, d.scale)
	a.Mul(a, pow10(scale-c.scale))
	b.Mul(b, pow10(scale-d.scale))
	return a, b, scale
}

func pow10(n int32) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil) }

// Cmp compares c and d: -1 if c < d, 0 if they are equal, +1 if c > d.
// "1.50" and "1.5" are equal.
func (c Cents) Cmp(d Cents) int {
	a, b, _ := align(c, d)
	return a.Cmp(b)
}

// Equal reports whether c and d are the same amount ("1.50" equals "1.5"),
// so that go-cmp compares amounts by value.
func (c Cents) Equal(d Cents) bool { return c.Cmp(d) == 0 }

// IsZero reports whether the amount is zero.
func (c Cents) IsZero() bool { return c.int().Sign() == 0 }

// String returns the amount in cents as the wire spelled it, or, for a
// computed amount, as a plain decimal with its decimal places ("1234.50").
func (c Cents) String() string {
	if c.text != "" {
		return c.text
	}
	return decimalString(c.int(), c.scale)
}

// decimalString writes u × 10^-scale as a plain decimal.
func decimalString(u *big.Int, scale int32) string {
	s := new(big.Int).Abs(u).String()
	if scale > 0 {
		if len(s) <= int(scale) {
			s = strings.Repeat("0", int(scale)-len(s)+1) + s
		}
		s = s[:len(s)-int(scale)] + "." + s[len(s)-int(scale):]
	}
	if u.Sign() < 0 {
		s = "-" + s
	}
	return s
}

// Dollars returns the amount in dollars (cents divided by 100, exact),
// with at least two decimal places and every digit the amount has: 12345
// cents is "123.45", "41280.000000" cents is "412.80000000", 0.5 cents is
// "0.005". It has no currency sign: say the unit in the column or label.
func (c Cents) Dollars() string {
	scale := c.scale + 2
	u := c.int()
	if scale < 2 {
		u = new(big.Int).Mul(u, pow10(2-scale))
		scale = 2
	}
	return decimalString(u, scale)
}

// RoundDollars returns the amount in dollars rounded half away from zero
// to places decimal places, such as "412.80" for places 2.
func (c Cents) RoundDollars(places int) string {
	r := c.Rat()
	r.Quo(r, big.NewRat(100, 1))
	r.Mul(r, new(big.Rat).SetInt(pow10(int32(places))))
	num, den := new(big.Int).Set(r.Num()), r.Denom()
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	if new(big.Int).Mul(new(big.Int).Abs(m), big.NewInt(2)).Cmp(den) >= 0 {
		if num.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return decimalString(q, int32(places))
}

// AsJSONNumber returns c encoding to JSON as a number rather than a
// string, for the fields the API sends as numbers.
func (c Cents) AsJSONNumber() Cents {
	c.number = true
	return c
}

// MarshalJSON encodes the amount as the wire sent it: the same digits, as
// a string or a number. A computed amount is a JSON string.
func (c Cents) MarshalJSON() ([]byte, error) {
	if c.number {
		return []byte(c.String()), nil
	}
	return []byte(`"` + c.String() + `"`), nil
}

// UnmarshalJSON decodes a JSON string or number of cents, keeping its
// digits.
func (c *Cents) UnmarshalJSON(b []byte) error {
	s := string(b)
	number := true
	if strings.HasPrefix(s, `"`) {
		if len(s) < 2 || !strings.HasSuffix(s, `"`) {
			return fmt.Errorf("money: bad JSON string %s", s)
		}
		s, number = s[1:len(s)-1], false
	}
	if s == "null" && number {
		return errors.New("money: an amount is never null")
	}
	v, err := ParseCents(s)
	if err != nil {
		return err
	}
	v.number = number
	*c = v
	return nil
}
