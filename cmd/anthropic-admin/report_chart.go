package main

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/money"
)

// The terminal chart of --chart: one horizontal bar per day, stacked by
// group, each group drawn with its own block character, the day's total
// at the end of the bar and a legend below. It is plain text, as wide as
// the terminal (80 columns when stdout is not one), and depends only on
// the data, so golden files can hold it. Bars are scaled exactly (big.Rat)
// and rounded at the stack's boundaries, so a stack is as long as its
// total says whatever its parts.

// chartSymbols draw the groups, largest first; the last draws "Other".
var chartSymbols = []string{"█", "▓", "▒", "░", "▚", "·"}

// chart is what a chart draws.
type chart struct {
	title string
	days  []time.Time
	// series are the groups, largest first, at most len(chartSymbols).
	series []chartSeries
	// dayLabel and seriesLabel format a day's and a group's total.
	dayLabel    []string
	seriesLabel func(chartSeries) string
	note        string
}

// chartSeries is one group of a chart: its values per day.
type chartSeries struct {
	name   string
	values []*big.Rat
	total  *big.Rat
}

// chartOf builds a chart of tallies by day: value reads a tally's size.
// Groups beyond the largest len(chartSymbols)-1 are drawn together as
// "Other".
func chartOf(ts []tally, days []time.Time, value func(tally) *big.Rat) chart {
	index := map[time.Time]int{}
	for i, d := range days {
		index[d] = i
	}
	byName := map[string]*chartSeries{} // by the group's ID
	var order []*chartSeries
	for _, t := range ts {
		s := byName[t.id]
		if s == nil {
			s = &chartSeries{name: t.name, values: zeros(len(days)), total: new(big.Rat)}
			byName[t.id] = s
			order = append(order, s)
		}
		v := value(t)
		if i, ok := index[t.day]; ok {
			s.values[i].Add(s.values[i], v)
		}
		s.total.Add(s.total, v)
	}
	slices.SortFunc(order, func(x, y *chartSeries) int {
		return cmp.Or(y.total.Cmp(x.total), cmp.Compare(x.name, y.name))
	})
	var series []chartSeries
	for i, s := range order {
		if i == len(chartSymbols)-1 && len(order) > len(chartSymbols) {
			other := chartSeries{name: fmt.Sprintf("Other (%d groups)", len(order)-i), values: zeros(len(days)), total: new(big.Rat)}
			for _, o := range order[i:] {
				for d := range days {
					other.values[d].Add(other.values[d], o.values[d])
				}
				other.total.Add(other.total, o.total)
			}
			series = append(series, other)
			break
		}
		series = append(series, *s)
	}
	return chart{days: days, series: series}
}

// zeros returns n zero rationals.
func zeros(n int) []*big.Rat {
	z := make([]*big.Rat, n)
	for i := range z {
		z[i] = new(big.Rat)
	}
	return z
}

// costChart is the chart of report cost --chart: the cost per day in
// dollars (USD only).
func costChart(ts []tally, days []time.Time) chart {
	var usd []tally
	other := false
	for _, t := range ts {
		if t.currency == "" {
			usd = append(usd, t)
		} else {
			other = true
		}
	}
	c := chartOf(usd, days, func(t tally) *big.Rat { return t.cost.Rat() })
	c.title = "Cost per day (USD)"
	perDay := make([]admin.Cents, len(days))
	index := map[time.Time]int{}
	for i, d := range days {
		index[d] = i
	}
	for _, t := range usd {
		if i, ok := index[t.day]; ok {
			perDay[i] = perDay[i].Add(t.cost)
		}
	}
	for _, d := range perDay {
		c.dayLabel = append(c.dayLabel, "$"+d.RoundDollars(2))
	}
	c.seriesLabel = func(s chartSeries) string { return "$" + ratCents(s.total).RoundDollars(2) }
	if other {
		c.note = "Amounts in other currencies than USD are not drawn."
	}
	return c
}

// ratCents turns an exact sum of cents back into admin.Cents for
// printing: the sum of decimals is a decimal, so its denominator is a
// power of ten and the conversion is exact.
func ratCents(r *big.Rat) admin.Cents {
	s := r.FloatString(decimalPlaces(r))
	c, err := money.ParseCents(s)
	if err != nil {
		panic(err) // FloatString always spells a decimal number
	}
	return c
}

// decimalPlaces returns the decimal places r, a decimal fraction, needs.
func decimalPlaces(r *big.Rat) int {
	d := new(big.Int).Set(r.Denom())
	ten := big.NewInt(10)
	n := 0
	for d.Cmp(big.NewInt(1)) > 0 && n < 40 {
		d.Quo(d, ten)
		n++
	}
	return n
}

// usageChart is the chart of report usage --chart: tokens per day.
func usageChart(ts []tally, days []time.Time) chart {
	c := chartOf(ts, days, func(t tally) *big.Rat { return new(big.Rat).SetInt64(t.tokens.Total()) })
	c.title = "Tokens per day (input, cache and output)"
	perDay := make([]int64, len(days))
	index := map[time.Time]int{}
	for i, d := range days {
		index[d] = i
	}
	for _, t := range ts {
		if i, ok := index[t.day]; ok {
			perDay[i] += t.tokens.Total()
		}
	}
	for _, n := range perDay {
		c.dayLabel = append(c.dayLabel, fmtTokens(n))
	}
	c.seriesLabel = func(s chartSeries) string { return fmtTokens(s.total.Num().Int64()) }
	return c
}

// defaultChartWidth is the width of a chart when stdout is no terminal.
const defaultChartWidth = 80

// writeChart draws c on stdout, as wide as the terminal. Charts are for
// reading: -o json and csv are refused.
func writeChart(a *app, c chart) error {
	if a.g.output != "table" {
		return usageErrorf("--chart draws text for the terminal; leave out -o %s", a.g.output)
	}
	width := a.width
	if width <= 0 {
		width = defaultChartWidth
	}
	_, err := fmt.Fprint(a.stdout, renderChart(c, width))
	return err
}

// renderChart draws c in width columns.
func renderChart(c chart, width int) string {
	var b strings.Builder
	line := func(s string) { b.WriteString(truncate(s, width) + "\n") }
	title := c.title
	if n := len(c.days); n > 0 {
		title += fmt.Sprintf(", %s to %s (UTC)", c.days[0].Format(time.DateOnly), c.days[n-1].Format(time.DateOnly))
	}
	line(title)
	if len(c.days) == 0 {
		line("(no days in the range)")
		return b.String()
	}
	labelWidth := 0
	for _, l := range c.dayLabel {
		labelWidth = max(labelWidth, displayWidth(l))
	}
	const prefix = len("2006-01-02 |") // in columns: │ is one
	barWidth := max(10, width-prefix-1-labelWidth)
	peak := new(big.Rat)
	dayTotals := make([]*big.Rat, len(c.days))
	for d := range c.days {
		dayTotals[d] = new(big.Rat)
		for _, s := range c.series {
			if s.values[d].Sign() > 0 {
				dayTotals[d].Add(dayTotals[d], s.values[d])
			}
		}
		if dayTotals[d].Cmp(peak) > 0 {
			peak.Set(dayTotals[d])
		}
	}
	for d, day := range c.days {
		var bar strings.Builder
		cum, drawn := new(big.Rat), 0
		for i, s := range c.series {
			if s.values[d].Sign() <= 0 {
				continue
			}
			cum.Add(cum, s.values[d])
			end := scaled(cum, peak, barWidth)
			bar.WriteString(strings.Repeat(chartSymbols[i], end-drawn))
			drawn = end
		}
		label := ""
		if d < len(c.dayLabel) {
			label = c.dayLabel[d]
		}
		line(fmt.Sprintf("%s │%s%s %*s", day.Format(time.DateOnly), bar.String(), strings.Repeat(" ", barWidth-drawn), labelWidth, label))
	}
	line(strings.Repeat(" ", prefix-1) + "└" + strings.Repeat("─", barWidth))
	nameWidth, valueWidth := 0, 0
	all := new(big.Rat)
	for _, s := range c.series {
		nameWidth = max(nameWidth, displayWidth(safeText(s.name)))
		valueWidth = max(valueWidth, displayWidth(c.seriesLabel(s)))
		all.Add(all, s.total)
	}
	for i, s := range c.series {
		name := safeText(s.name)
		pad := strings.Repeat(" ", nameWidth-displayWidth(name))
		line(fmt.Sprintf("  %s %s%s  %*s  %5s%%", chartSymbols[i], name, pad, valueWidth, c.seriesLabel(s), share(s.total, all)))
	}
	if c.note != "" {
		line(c.note)
	}
	return b.String()
}

// scaled returns v/peak of width cells, rounded half up; zero for a zero
// peak.
func scaled(v, peak *big.Rat, width int) int {
	if peak.Sign() == 0 {
		return 0
	}
	r := new(big.Rat).Quo(v, peak)
	r.Mul(r, big.NewRat(int64(width), 1))
	n := new(big.Int).Mul(r.Num(), big.NewInt(2))
	n.Add(n, r.Denom())
	n.Quo(n, new(big.Int).Mul(r.Denom(), big.NewInt(2)))
	return int(n.Int64())
}
