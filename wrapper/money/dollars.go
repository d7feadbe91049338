package money

import (
	"fmt"
	"math/big"
)

// ParseDollars parses a decimal number of dollars (the currency's major
// unit), such as "500", "500.00", "0.125" or "-2.5", as people type
// amounts, and returns it in cents, exact: "500.00" dollars is 50000
// cents. It takes the same decimal forms as [ParseCents]. The result is
// spelled as a plain decimal with no more decimal places than it needs
// ("500.000" dollars is "50000" cents, "0.125" dollars is "12.5"), so a
// whole number of cents is written without a fraction; check that with
// Rat().IsInt() where only whole cents make sense.
func ParseDollars(s string) (Cents, error) {
	u, scale, err := parseDecimal(s)
	if err != nil {
		return Cents{}, fmt.Errorf("money: %q is not a decimal number of dollars: %w", s, err)
	}
	// dollars × 100: two fewer decimal places, or two more zeros.
	scale -= 2
	if scale < 0 {
		u.Mul(u, pow10(-scale))
		scale = 0
	}
	ten, r := big.NewInt(10), new(big.Int)
	for scale > 0 {
		q, m := new(big.Int).QuoRem(u, ten, r)
		if m.Sign() != 0 {
			break
		}
		u, scale = q, scale-1
	}
	return Cents{unscaled: u, scale: scale}, nil
}
