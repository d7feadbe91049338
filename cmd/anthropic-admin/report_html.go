package main

import (
	"cmp"
	"context"
	"html/template"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// report html writes one self-contained page: inline CSS and inline SVG
// charts and tables, no script, no font, image or style sheet from
// anywhere. html/template writes it, so every string from the server
// (workspace names above all) is escaped for where it lands, text or
// attribute. The page is well-formed XML as well as HTML, which lets the
// tests walk its structure. Chart geometry is whole pixels scaled exactly
// from the amounts (see scaled): no amount becomes a float.

// htmlPalette colours the groups, largest first; the last is "Other".
var htmlPalette = []string{"#6c5bb9", "#d97757", "#2d7ff9", "#1fa67a", "#c9a227", "#8a8a8a"}

// htmlReport is what the page shows.
type htmlReport struct {
	Title          string
	From, To       string
	CostTotal      string
	TokenTotal     string
	CostChart      htmlChart
	TokenChart     htmlChart
	CostWorkspaces []htmlRow
	CostModels     []htmlRow
	TokWorkspaces  []htmlRow
	TokModels      []htmlRow
}

// htmlRow is a row of a table of the page.
type htmlRow struct {
	Name, Value, Share, Color string
	Tokens                    *admin.Tokens
	Total                     bool
}

// htmlChart is a stacked column chart in SVG: a column per day, a
// segment per group.
type htmlChart struct {
	Title         string
	Width, Height int
	Columns       []htmlColumn
	Legend        []htmlLegend
	Axis          int // the y of the x axis
	PeakLabel     string
}

// htmlColumn is the column of one day.
type htmlColumn struct {
	X, LabelX, Width int
	Label, Total     string
	Segments         []htmlSegment
	ShowLabel        bool
}

// htmlSegment is one group's part of a column.
type htmlSegment struct {
	Y, Height int
	Color     string
	Title     string
}

// htmlLegend is an entry of a chart's legend.
type htmlLegend struct {
	X, Y  int
	Color string
	Name  string
}

// svgChart lays out c, a chart of the terminal's kind, as SVG columns.
func svgChart(c chart, title string, colors htmlColors) htmlChart {
	const (
		width, plotTop, plotHeight, left, right = 880, 20, 220, 10, 10
	)
	h := htmlChart{Title: title, Width: width, Axis: plotTop + plotHeight}
	n := len(c.days)
	if n == 0 {
		h.Height = h.Axis + 40
		return h
	}
	step := (width - left - right) / n
	barW := max(1, step*7/10)
	peak := new(big.Rat)
	for d := range c.days {
		sum := new(big.Rat)
		for _, s := range c.series {
			if s.values[d].Sign() > 0 {
				sum.Add(sum, s.values[d])
			}
		}
		if sum.Cmp(peak) > 0 {
			peak = sum
		}
	}
	labelEvery := max(1, (n+13)/14) // at most 14 date labels
	for d, day := range c.days {
		col := htmlColumn{X: left + d*step + (step-barW)/2, Width: barW, Label: day.Format("01-02"), ShowLabel: d%labelEvery == 0}
		col.LabelX = col.X + barW/2
		if d < len(c.dayLabel) {
			col.Total = c.dayLabel[d]
		}
		cum, drawn := new(big.Rat), 0
		for _, s := range c.series {
			if s.values[d].Sign() <= 0 {
				continue
			}
			cum.Add(cum, s.values[d])
			top := scaled(cum, peak, plotHeight)
			if top > drawn {
				col.Segments = append(col.Segments, htmlSegment{
					Y: h.Axis - top, Height: top - drawn, Color: htmlPalette[colors.of(s.name)],
					Title: day.Format(time.DateOnly) + " " + s.name + ": " + c.seriesLabel(chartSeries{total: s.values[d]}),
				})
			}
			drawn = top
		}
		h.Columns = append(h.Columns, col)
	}
	x, y := left, h.Axis+36
	for _, s := range c.series {
		if x > width-200 {
			x, y = left, y+20
		}
		h.Legend = append(h.Legend, htmlLegend{X: x, Y: y, Color: htmlPalette[colors.of(s.name)], Name: s.name})
		x += 210
	}
	h.Height = y + 16
	h.PeakLabel = c.seriesLabel(chartSeries{total: peak})
	return h
}

// runReportHTML runs report html.
func runReportHTML(ctx context.Context, a *app, p *reportRange) error {
	from, to := p.resolve(a.clock())
	costWs, days, err := costTallies(ctx, a, from, to, "workspace", true)
	if err != nil {
		return err
	}
	costModels, _, err := costTallies(ctx, a, from, to, "model", false)
	if err != nil {
		return err
	}
	tokWs, tokDays, err := usageTallies(ctx, a, from, to, "workspace", true)
	if err != nil {
		return err
	}
	tokModels, _, err := usageTallies(ctx, a, from, to, "model", false)
	if err != nil {
		return err
	}
	n, err := loadNames(ctx, a.c, "workspace")
	if err != nil {
		return err
	}
	// Names are escaped for HTML by the template, and their control
	// characters shown as escapes first (safeText), as in tables: the page
	// may well be printed on a terminal.
	for _, ts := range [][]tally{costWs, tokWs} {
		for i := range ts {
			ts[i].name = safeText(n.name("workspace", ts[i].id))
		}
	}
	for _, ts := range [][]tally{costModels, tokModels} {
		for i := range ts {
			ts[i].name = safeText(n.name("model", ts[i].id))
		}
	}
	r := htmlReport{
		Title: "Claude API cost and usage",
		From:  from.Format(time.DateOnly), To: to.Add(-time.Nanosecond).Format(time.DateOnly),
	}
	cc, tc := costChart(costWs, days), usageChart(tokWs, tokDays)
	colors := newHTMLColors(cc, tc)
	r.CostChart = svgChart(cc, "Cost per day by workspace (USD)", colors)
	r.TokenChart = svgChart(tc, "Tokens per day by workspace", colors)
	costTotals := totalRows(costWs, false)
	r.CostTotal = "$" + costTotals[0].cost.RoundDollars(2)
	tokTotal := totalRows(tokWs, true)[0]
	r.TokenTotal = fmtTokens(tokTotal.tokens.Total())
	r.CostWorkspaces = htmlCostRows(costWs, colors)
	r.CostModels = htmlCostRows(costModels, nil)
	r.TokWorkspaces = htmlTokenRows(tokWs, colors)
	r.TokModels = htmlTokenRows(tokModels, nil)
	return htmlPage.get().Execute(a.stdout, r)
}

// mergeDays sums per-day tallies into one tally per group (and currency).
func mergeDays(ts []tally) []tally {
	type key struct{ id, cur string }
	m := map[key]*tally{}
	var order []key
	for _, t := range ts {
		k := key{t.id, t.currency}
		x := m[k]
		if x == nil {
			x = &tally{id: t.id, name: t.name, currency: t.currency}
			m[k] = x
			order = append(order, k)
		}
		x.cost = x.cost.Add(t.cost)
		x.tokens = x.tokens.Add(t.tokens)
	}
	out := make([]tally, len(order))
	for i, k := range order {
		out[i] = *m[k]
	}
	sortTallies(out)
	return out
}

// htmlColors gives each group of the page's charts its colour, an index
// of htmlPalette, the same in every chart and table: a workspace is one
// colour throughout. "Other" groups take the palette's last colour.
type htmlColors map[string]int

// newHTMLColors gives the groups of charts colours in the order they
// come: largest first in the first chart, then the second's new ones.
func newHTMLColors(charts ...chart) htmlColors {
	colors := htmlColors{}
	next := 0
	for _, c := range charts {
		for _, s := range c.series {
			if _, ok := colors[s.name]; ok {
				continue
			}
			if strings.HasPrefix(s.name, "Other (") || next >= len(htmlPalette)-1 {
				colors[s.name] = len(htmlPalette) - 1
				continue
			}
			colors[s.name] = next
			next++
		}
	}
	return colors
}

// of returns the palette index of the group called name.
func (c htmlColors) of(name string) int {
	if i, ok := c[name]; ok {
		return i
	}
	return len(htmlPalette) - 1
}

// class returns the CSS class of the colour of the group called name
// (c0 for htmlPalette[0], and so on), or "" when it is in no chart.
func (c htmlColors) class(name string) string {
	i, ok := c[name]
	if !ok {
		return ""
	}
	return "c" + num(int64(i))
}

// htmlCostRows are the rows of a table of cost, largest first, with the
// total.
func htmlCostRows(ts []tally, colors htmlColors) []htmlRow {
	ts = mergeDays(ts)
	totals := totalRows(ts, false)
	all := totals[0].cost.Rat()
	var rows []htmlRow
	for _, t := range append(ts, totals...) {
		v := "$" + t.cost.Dollars()
		if t.currency != "" {
			v = t.cost.Dollars() + " " + t.currency
		}
		row := htmlRow{Name: t.name, Value: v, Total: t.total, Color: colors.class(t.name)}
		if t.currency == totals[0].currency {
			row.Share = share(t.cost.Rat(), all) + "%"
		}
		rows = append(rows, row)
	}
	return rows
}

// htmlTokenRows are the rows of a table of tokens, largest first, with
// the total.
func htmlTokenRows(ts []tally, colors htmlColors) []htmlRow {
	ts = mergeDays(ts)
	slices.SortStableFunc(ts, func(x, y tally) int { return cmp.Compare(y.tokens.Total(), x.tokens.Total()) })
	total := totalRows(ts, true)[0]
	all := new(big.Rat).SetInt64(total.tokens.Total())
	var rows []htmlRow
	for _, t := range append(ts, total) {
		tok := t.tokens
		rows = append(rows, htmlRow{Name: t.name, Value: fmtTokens(tok.Total()), Tokens: &tok, Total: t.total,
			Share: share(new(big.Rat).SetInt64(tok.Total()), all) + "%", Color: colors.class(t.name)})
	}
	return rows
}

// htmlPage is the template of report html. It must stay free of scripts
// and of anything loaded from elsewhere (TestReportHTMLStructure checks
// it), and well-formed XML. It is parsed on first use, so that the
// commands that make no HTML do not pay for it at start-up.
var htmlPage = lazily(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{"fmtTokens": fmtTokens}).Parse(htmlSource))
})

// htmlSource is the text of htmlPage.
const htmlSource = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>{{.Title}}, {{.From}} to {{.To}}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px auto; max-width: 920px; color: #1d1d1f; background: #faf9f7; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; }
.range { color: #666; margin: 0 0 16px; }
.cards { display: flex; gap: 16px; }
.card { background: #fff; border: 1px solid #e4e2dd; border-radius: 8px; padding: 12px 16px; flex: 1; }
.card .label { color: #666; font-size: 13px; }
.card .value { font-size: 26px; font-weight: 600; }
svg { background: #fff; border: 1px solid #e4e2dd; border-radius: 8px; }
svg text { font-size: 11px; fill: #555; }
svg .legend { font-size: 12px; fill: #1d1d1f; }
table { border-collapse: collapse; width: 100%; background: #fff; margin-bottom: 8px; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid #eee; font-size: 13px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 600; border-top: 2px solid #ccc; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
footer { color: #888; font-size: 12px; margin-top: 24px; }
.c0 { background: #6c5bb9; } .c1 { background: #d97757; } .c2 { background: #2d7ff9; }
.c3 { background: #1fa67a; } .c4 { background: #c9a227; } .c5 { background: #8a8a8a; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="range">{{.From}} to {{.To}} (UTC days, both included)</p>
<div class="cards">
<div class="card"><div class="label">Cost (USD)</div><div class="value">{{.CostTotal}}</div></div>
<div class="card"><div class="label">Tokens (input, cache and output)</div><div class="value">{{.TokenTotal}}</div></div>
</div>
{{template "chart" .CostChart}}
<div class="grid">
<div>
<h2>Cost by workspace</h2>
{{template "money" .CostWorkspaces}}
</div>
<div>
<h2>Cost by model</h2>
{{template "money" .CostModels}}
</div>
</div>
{{template "chart" .TokenChart}}
<h2>Tokens by workspace</h2>
{{template "tokens" .TokWorkspaces}}
<h2>Tokens by model</h2>
{{template "tokens" .TokModels}}
<footer>Made by anthropic-admin report html from the Admin API's cost and usage reports. Amounts are exact dollars (the API's cents / 100).</footer>
</body>
</html>
{{define "chart"}}<h2>{{.Title}}</h2>
<svg role="img" width="{{.Width}}" height="{{.Height}}" viewBox="0 0 {{.Width}} {{.Height}}">
<title>{{.Title}}</title>
<line x1="0" y1="{{.Axis}}" x2="{{.Width}}" y2="{{.Axis}}" stroke="#bbb"/>
<text x="{{.Width}}" y="14" text-anchor="end" dx="-8">peak {{.PeakLabel}}</text>
{{range $c := .Columns}}<g>
{{range $c.Segments}}<rect x="{{$c.X}}" y="{{.Y}}" width="{{$c.Width}}" height="{{.Height}}" fill="{{.Color}}"><title>{{.Title}}</title></rect>
{{end}}{{if $c.ShowLabel}}<text x="{{$c.LabelX}}" y="{{$.Axis}}" dy="14" text-anchor="middle">{{$c.Label}}</text>{{end}}
</g>
{{end}}{{range .Legend}}<rect x="{{.X}}" y="{{.Y}}" width="12" height="12" rx="2" fill="{{.Color}}"/><text class="legend" x="{{.X}}" y="{{.Y}}" dx="18" dy="10">{{.Name}}</text>
{{end}}</svg>
{{end}}
{{define "money"}}<table>
<thead><tr><th>Name</th><th class="num">Cost (USD)</th><th class="num">Share</th></tr></thead>
<tbody>
{{range .}}<tr class="{{if .Total}}total{{end}}"><td>{{if .Color}}<span class="swatch {{.Color}}"></span>{{end}}{{.Name}}</td><td class="num">{{.Value}}</td><td class="num">{{.Share}}</td></tr>
{{end}}</tbody>
</table>{{end}}
{{define "tokens"}}<table>
<thead><tr><th>Name</th><th class="num">Uncached input</th><th class="num">Cache writes</th><th class="num">Cache reads</th><th class="num">Output</th><th class="num">Total</th><th class="num">Share</th></tr></thead>
<tbody>
{{range .}}<tr class="{{if .Total}}total{{end}}"><td>{{if .Color}}<span class="swatch {{.Color}}"></span>{{end}}{{.Name}}</td><td class="num">{{fmtTokens .Tokens.UncachedInput}}</td><td class="num">{{fmtTokens .Tokens.CacheCreation}}</td><td class="num">{{fmtTokens .Tokens.CacheRead}}</td><td class="num">{{fmtTokens .Tokens.Output}}</td><td class="num">{{.Value}}</td><td class="num">{{.Share}}</td></tr>
{{end}}</tbody>
</table>{{end}}`
