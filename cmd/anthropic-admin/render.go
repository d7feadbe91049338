package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"iter"
	"reflect"
	"regexp"
	"slices"
	"strings"
)

// column is one column of the table and CSV output of items of type T: its
// header (the wire name, dotted for nested fields) and how to print a value.
type column[T any] struct {
	name string
	get  func(T) string
	// inUnit, set on the columns of amounts (see moneyCol), returns the
	// column printing its amount in a unit of --unit.
	inUnit func(unit string) column[T]
	// check, set on the columns that look their field up by reflection
	// when first used (see field), looks it up now, panicking as get
	// would when it does not exist.
	check checker
}

// checker is what checks a column (see column.check).
type checker interface{ check() }

// col returns a column.
func col[T any](name string, get func(T) string) column[T] { return column[T]{name: name, get: get} }

// view describes how an item of type T prints as table or CSV rows. JSON
// output encodes T itself, so it keeps the API's field names.
type view[T any] struct {
	header []string
	rows   func(T) [][]string
	// inUnit returns the view with its amounts in a unit of --unit; nil
	// when the view prints no amount.
	inUnit func(unit string) view[T]
	// check looks up now the fields its columns find by reflection when
	// first used (see field), panicking on a name that is no field; nil
	// for a view with no such column.
	check func()
}

// verify looks up the fields of the columns of a view now, running its
// check (see view.check), which panics on a name that is no field: a leaf
// does it when it is set up, so that a misspelt column fails every test
// that sets the leaf up (its help, for one), not only a table printed by
// it.
func verify(check func()) {
	if check != nil {
		check()
	}
}

// checkers are the checks of columns (see column.check).
type checkers []checker

// check runs them all.
func (cs checkers) check() {
	for _, c := range cs {
		c.check()
	}
}

// checkOf returns the check of a view of cols plus more (nil for none).
func checkOf(cs checkers, more ...checker) func() {
	for _, m := range more {
		if m != nil {
			cs = append(cs, m)
		}
	}
	if len(cs) == 0 {
		return nil
	}
	return cs.check
}

// in returns v printing its amounts in unit, the value of --unit (see
// moneyCol); dollars, the default, is v itself.
func (v view[T]) in(unit string) view[T] {
	if v.inUnit == nil || unit == "" || unit == unitDollars {
		return v
	}
	return v.inUnit(unit)
}

// inUnit returns cols with the amounts in unit (see moneyCol), or nil
// when none of cols is an amount.
func inUnit[T any](cols []column[T], unit string) []column[T] {
	var out []column[T]
	for i, c := range cols {
		if c.inUnit == nil {
			continue
		}
		if out == nil {
			out = slices.Clone(cols)
		}
		out[i] = c.inUnit(unit)
	}
	return out
}

// namesChecks returns the headers of cols, and the checks of those that
// have one.
func namesChecks[T any](cols []column[T]) ([]string, checkers) {
	h := make([]string, len(cols))
	var cs checkers
	for i, c := range cols {
		h[i] = c.name
		if c.check != nil {
			cs = append(cs, c.check)
		}
	}
	return h, cs
}

// cells returns the cells of v under cols.
func cells[T any](cols []column[T], v T) []string {
	r := make([]string, len(cols))
	for i, c := range cols {
		r[i] = c.get(v)
	}
	return r
}

// flat returns a view printing one row per item.
func flat[T any](cols ...column[T]) view[T] {
	header, checks := namesChecks(cols)
	vw := view[T]{header: header, rows: func(v T) [][]string { return [][]string{cells(cols, v)} }, check: checkOf(checks)}
	if inUnit(cols, unitCents) != nil {
		vw.inUnit = func(unit string) view[T] { return flat(inUnit(cols, unit)...) }
	}
	return vw
}

// nested returns a view printing one row per child of an item (such as the
// results of a report bucket): the parent's columns, then the child's. The
// children are the list field of T whose wire name is children (see
// field). An item without children prints one row with empty child cells.
func nested[T, C any](parent []column[T], children string, child []column[C]) view[T] {
	// The field of the children is looked up when first used, as the
	// columns' are (see field).
	kids := &lazyGetter{t: reflect.TypeFor[T](), path: children, want: reflect.TypeFor[[]C]()}
	parentHeader, parentChecks := namesChecks(parent)
	childHeader, childChecks := namesChecks(child)
	var units func(string) view[T]
	if inUnit(parent, unitCents) != nil || inUnit(child, unitCents) != nil {
		units = func(unit string) view[T] {
			p, c := inUnit(parent, unit), inUnit(child, unit)
			if p == nil {
				p = parent
			}
			if c == nil {
				c = child
			}
			return nested(p, children, c)
		}
	}
	return view[T]{
		inUnit: units,
		header: append(parentHeader, childHeader...),
		check:  checkOf(append(parentChecks, childChecks...), kids),
		rows: func(v T) [][]string {
			p := cells(parent, v)
			kids := kids.get(reflect.ValueOf(v)).Interface().([]C)
			if len(kids) == 0 {
				return [][]string{append(p, make([]string, len(child))...)}
			}
			out := make([][]string, len(kids))
			for i, k := range kids {
				out[i] = append(slices.Clip(p), cells(child, k)...)
			}
			return out
		},
	}
}

// sink writes items in one output format. Rows are buffered until flush,
// called at every page boundary and at the end.
type sink interface {
	// item writes one item: v for JSON, rows for table and CSV.
	item(v any, rows [][]string) error
	// flush writes what is buffered.
	flush() error
	// end finishes the output (closing the JSON array) and flushes.
	end() error
}

// outputOptions are the settings of the output that come from the global
// flags and from stdout.
type outputOptions struct {
	// format is table, json or csv.
	format string
	// width is the width of the terminal stdout is, which table rows are
	// truncated to fit; zero (stdout is not a terminal) keeps full values.
	width int
	// csvFormulas writes CSV cells that spreadsheets take for formulas
	// unchanged, rather than neutralised (see csvCell).
	csvFormulas bool
	// jq is the --jq expression, which replaces the format (see jqSink).
	jq string
	// columns is --columns: the table and CSV columns to print, by
	// header name, in order ("" for all).
	columns string
}

// output returns the output options of the run.
func (a *app) output() outputOptions {
	return outputOptions{format: a.g.output, width: a.width, csvFormulas: a.g.csvFormulas, jq: a.g.jq, columns: a.g.columns}
}

// newSink returns the sink of o.format for w. list selects a JSON array
// rather than a single object; header is the table and CSV header.
func newSink(o outputOptions, w io.Writer, list bool, header []string) sink {
	bw := bufio.NewWriter(w)
	if s := jsonFormatSink(o, bw, list); s != nil {
		return s
	}
	var cols []int
	if o.columns != "" && header != nil {
		var err error
		if cols, err = columnsOf(o.columns, header); err != nil {
			return errSink{err}
		}
		header = project(header, cols)
	}
	switch o.format {
	case "json":
		return &jsonSink{w: bw, list: list}
	case "csv":
		return newRowSink(bw, header, cols, &csvRows{w: csv.NewWriter(bw), formulas: o.csvFormulas})
	default:
		up := make([]string, len(header))
		keep := make([]bool, len(header))
		for i, h := range header {
			up[i] = strings.ToUpper(h)
			keep[i] = isIDColumn(h)
		}
		return newRowSink(bw, up, cols, &tableRows{w: bw, width: o.width, keep: keep})
	}
}

// rowWriter writes rows of cells in one format.
type rowWriter interface {
	// write writes or buffers a row.
	write(cells []string) error
	// flush passes the rows written to the underlying writer.
	flush() error
}

// rowSink writes rows of cells: RFC 4180 CSV with a header row, or a table
// of aligned columns whose alignment restarts at each flush (each page).
// Every cell goes through safeText first, so no server-supplied string can
// put a terminal control sequence into table or CSV output, whichever
// command prints it.
type rowSink struct {
	bw   *bufio.Writer
	rows rowWriter
	cols []int // the cells printed, by index (--columns); nil for all
	err  error // of writing the header
}

// newRowSink returns a rowSink that has written header (already
// projected onto cols).
func newRowSink(bw *bufio.Writer, header []string, cols []int, rows rowWriter) *rowSink {
	return &rowSink{bw: bw, rows: rows, cols: cols, err: rows.write(safeRow(header))}
}

func (s *rowSink) item(_ any, rows [][]string) error {
	if s.err != nil {
		return s.err
	}
	for _, r := range rows {
		if s.cols != nil {
			r = project(r, s.cols)
		}
		if err := s.rows.write(safeRow(r)); err != nil {
			return err
		}
	}
	return nil
}

func (s *rowSink) flush() error {
	if s.err != nil {
		return s.err
	}
	if err := s.rows.flush(); err != nil {
		return err
	}
	return s.bw.Flush()
}

func (s *rowSink) end() error { return s.flush() }

// csvRows writes CSV rows through encoding/csv.
type csvRows struct {
	w *csv.Writer
	// formulas keeps cells that start like a formula unchanged.
	formulas bool
}

func (c *csvRows) write(cells []string) error {
	if !c.formulas {
		guarded := make([]string, len(cells))
		for i, cell := range cells {
			guarded[i] = csvCell(cell)
		}
		cells = guarded
	}
	return c.w.Write(cells)
}

func (c *csvRows) flush() error {
	c.w.Flush()
	return c.w.Error()
}

// plainNumber matches a decimal number without exponent, such as 42, -5 or
// 17360.81: the form of every numeric column. It is compiled on first use,
// which only CSV output makes.
var plainNumber = lazily(func() *regexp.Regexp { return regexp.MustCompile(`^[-+]?[0-9]+(\.[0-9]+)?$`) })

// csvCell neutralises a cell that a spreadsheet would evaluate as a
// formula (CSV or formula injection): one starting with =, +, -, @, tab or
// carriage return gets a leading ', as OWASP recommends, so that a name
// such as =HYPERLINK(...) or @SUM(...) shows as text. Cells that are a
// plain decimal number, such as -5 or +3.25, are left alone whether they
// come from a numeric field or a string: a spreadsheet reads such a cell
// as that number and nothing else, so it cannot carry a formula, while a
// ' would turn the numbers of the reports into text. The rule looks only
// at the cell, so it is the same for every column of every command.
// (Tab and carriage return never start a cell in practice, as safeText has
// already escaped them; they stay in the rule for cells that bypass it.)
func csvCell(cell string) string {
	if cell == "" || !strings.ContainsRune("=+-@\t\r", rune(cell[0])) || plainNumber.get().MatchString(cell) {
		return cell
	}
	return "'" + cell
}

// isIDColumn reports whether the column called name holds IDs, which
// table truncation shortens last.
func isIDColumn(name string) bool {
	return name == "id" || strings.HasSuffix(name, "_id")
}

// tableRows writes a table: the rows of a page are buffered, then written
// as aligned columns separated by two spaces (the last column unpadded),
// "-" standing for an empty cell. With a terminal width the columns are
// narrowed to fit it (see fitWidths) and cells cut with an ellipsis.
type tableRows struct {
	w io.Writer
	// width is the terminal width, or zero for no limit.
	width int
	// keep marks the columns shrunk only when shrinking the others is not
	// enough (IDs).
	keep []bool
	rows [][]string
}

// columnGap is the space between table columns.
const columnGap = 2

func (t *tableRows) write(cells []string) error {
	row := make([]string, len(cells))
	for i, c := range cells {
		if c == "" {
			c = "-"
		}
		row[i] = c
	}
	t.rows = append(t.rows, row)
	return nil
}

func (t *tableRows) flush() error {
	if len(t.rows) == 0 {
		return nil
	}
	var widths []int
	for _, r := range t.rows {
		for i, c := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	widths = fitWidths(widths, t.keep, t.width)
	var line strings.Builder
	for _, r := range t.rows {
		line.Reset()
		for i, c := range r {
			c = truncate(c, widths[i])
			line.WriteString(c)
			if i < len(r)-1 {
				line.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+columnGap))
			}
		}
		line.WriteByte('\n')
		if _, err := io.WriteString(t.w, line.String()); err != nil {
			return err
		}
	}
	t.rows = t.rows[:0]
	return nil
}

// jsonSink writes a single object, or a list as one JSON array streamed
// element by element (valid JSON for jq, written in constant memory). The
// values are exact; jsonSafe spells the characters a terminal could
// interpret as JSON escapes.
type jsonSink struct {
	w    *bufio.Writer
	list bool
	n    int
}

func (s *jsonSink) item(v any, _ [][]string) error {
	indent := "  "
	prefix := "  "
	sep := ",\n  "
	if !s.list {
		prefix, sep = "", ""
	} else if s.n == 0 {
		sep = "[\n  "
	}
	b, err := json.MarshalIndent(v, prefix, indent)
	if err != nil {
		return err
	}
	b = jsonSafe(b)
	s.n++
	if _, err := s.w.WriteString(sep); err != nil {
		return err
	}
	_, err = s.w.Write(b)
	return err
}

func (s *jsonSink) flush() error { return s.w.Flush() }

func (s *jsonSink) end() error {
	var tail string
	switch {
	case !s.list:
		tail = "\n"
	case s.n == 0:
		tail = "[]\n"
	default:
		tail = "\n]\n"
	}
	if _, err := s.w.WriteString(tail); err != nil {
		return err
	}
	return s.w.Flush()
}

// printOne prints a single object, such as the result of a get or update.
func printOne[T any](a *app, v *T, vw view[T]) error {
	vw = vw.in(a.g.unit)
	s := newSink(a.output(), a.stdout, false, vw.header)
	if err := s.item(v, vw.rows(*v)); err != nil {
		return err
	}
	return s.end()
}

// listFlags are the flags of every list command.
type listFlags struct {
	limit int
	all   bool
}

// register adds --limit and --all to fs.
func (l *listFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&l.limit, "limit", 0, "print at most `N` items; also the page size (capped at the API's maximum)")
	fs.BoolVar(&l.all, "all", false, "fetch every page (without it only the first page is printed)")
}

// page is one page of a list in the shape printList needs: its items, and
// whether the API says more follow it.
type page[T any] struct {
	items []T
	more  bool
}

// pagesOf adapts a Pages iterator of package admin to pages of T; unpack
// returns the items of a page and whether more follow it.
func pagesOf[L, T any](pages iter.Seq2[*L, error], unpack func(*L) ([]T, bool)) iter.Seq2[page[T], error] {
	return func(yield func(page[T], error) bool) {
		for l, err := range pages {
			if err != nil {
				yield(page[T]{}, err)
				return
			}
			items, more := unpack(l)
			if !yield(page[T]{items, more}, nil) {
				return
			}
		}
	}
}

// lister fetches the pages of a list through a Pages iterator of package
// admin, which requests a page only when the loop asks for it.
type lister[T any] struct {
	// pages iterates over the pages of pageSize items (zero: the API's
	// default).
	pages func(ctx context.Context, pageSize int) iter.Seq2[page[T], error]
	// maxPage is the largest page size the API accepts.
	maxPage int
	// report marks a report, whose single page may take long: it shows
	// progress even without --all.
	report bool
}

// printList streams a list to stdout page by page in constant memory,
// flushing once per page, and shows progress on a terminal. It stops after
// --limit items, and without --all after the first page, saying on stderr
// when more results exist.
func printList[T any](ctx context.Context, a *app, lf listFlags, l lister[T], vw view[T]) error {
	if lf.limit < 0 {
		return usageErrorf("--limit must not be negative")
	}
	pageSize := 0
	if lf.limit > 0 {
		pageSize = min(lf.limit, l.maxPage)
	}
	vw = vw.in(a.g.unit)
	s := newSink(a.output(), a.stdout, true, vw.header)
	if es, ok := s.(errSink); ok {
		return es.err // before anything is fetched
	}
	prog := a.newProgress(lf.all || l.report)

	n, pages := 0, 0
	more := false // more results exist than were printed
	prog.fetching(1, 0)
	for p, err := range l.pages(ctx, pageSize) {
		prog.erase()
		if err != nil {
			if pages == 0 {
				return err // print nothing, not even the header
			}
			return flushThen(s, err)
		}
		pages++
		items, left := p.items, lf.limit-n
		more = p.more
		if lf.limit > 0 && len(items) > left {
			items, more = items[:left], true
		}
		for _, v := range items {
			if err := s.item(v, vw.rows(v)); err != nil {
				return err
			}
		}
		n += len(items)
		if !more || !lf.all || (lf.limit > 0 && n == lf.limit) {
			break
		}
		if err := s.flush(); err != nil {
			return err
		}
		prog.fetching(pages+1, n)
	}
	prog.erase() // the iterator may end without fetching the page announced
	if err := s.end(); err != nil {
		return err
	}
	if more && !lf.all {
		fmt.Fprintf(a.stderr, "(more results: pass --all to fetch every page)\n")
	}
	return nil
}

// flushThen writes what was printed before the error err, and returns err.
func flushThen(s sink, err error) error {
	_ = s.flush() // err is what the user needs to see
	return err
}
