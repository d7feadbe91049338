package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/oauth2"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/workflow"
)

// Bulk runs: --from-csv on every leaf that creates or changes one object
// per call (its operation is a POST, PUT or PATCH and its action is
// object: see bulkable). The leaf runs once per row of the CSV file, with
// workflow.RunBulk: at most --parallel rows at once, a 429 pausing every
// row until its Retry-After has passed, the rows' results in the order of
// the file.
//
// The CSV's header names the columns: a positional argument by its name
// without the angle brackets (<email> is the column email, <user-id> the
// column user-id), a flag by its name without dashes (rbac-group). A flag
// that takes a list (or key=value tags) takes several values in one cell
// separated by ";", or a column repeated; so does a last argument that
// takes several values (<limiter=value>... is the column limiter=value).
// Cells are trimmed of spaces; an empty cell leaves a flag out. A column
// that is neither, a column repeated that takes one value, a missing
// argument column and a missing required flag column are errors (exit 2);
// a column without a name (a spreadsheet's trailing comma) is ignored
// while its cells are empty.
//
// Every row is parsed and checked before any request: its flags as the
// command line would parse them, its arguments against the values they
// accept, and the command's own checks, by running the row against a
// client whose transport sends nothing (dryRunTransport), as --dry-run
// does. All the errors are reported at once, each naming its row (the
// line of the file it starts on; the header is line 1) and column, and
// nothing is sent (exit 2). With --dry-run the rows are checked, each
// row's request is printed, and nothing is sent at all.
//
// The results, one line per row (row, status, request_id, id, error), go
// to stdout in the output format of -o, and with --results to a CSV file,
// whose cells go through safeText and csvCell like every CSV the tool
// writes. --already-done-ok counts the refusals that mean the row's work
// was done (invite_already_exists, already_member, any 409 conflict) as
// already_done, so that running a file again after a failure halfway
// finishes it without doing a row twice. The exit status is 1 when a row
// failed or was not run. A destructive leaf asks once, for all the rows,
// or takes --yes.

// maxBulkParallel is the most rows --parallel lets run at once: more
// only meet the API's rate limits sooner.
const maxBulkParallel = 32

// bulkParams are the flags of a leaf that takes --from-csv.
type bulkParams struct {
	file        string
	results     string
	parallel    int
	alreadyDone bool
	// cols are the columns the leaf accepts.
	cols []bulkColumn
}

// bulkColumn is a column a leaf's CSV may have: a positional argument or
// a flag.
type bulkColumn struct {
	name string
	// arg is the index of the positional argument, or -1 for a flag.
	arg      int
	variadic bool
	required bool
	// repeatable marks a column that takes several values: ";" in a
	// cell, or the column repeated.
	repeatable bool
}

// bulkable reports whether --from-csv applies to the leaf c: one whose
// action makes one call and prints its object, to an operation that
// creates or changes (POST, PUT or PATCH).
func bulkable(c *command) bool {
	if !c.do.object || c.op == "" {
		return false
	}
	switch m, _ := c.op.Route(); m {
	case http.MethodPost, http.MethodPut, http.MethodPatch:
		return true
	}
	return false
}

// bulkFlags registers --from-csv, --parallel, --already-done-ok and
// --results on fs, which holds the leaf's own flags, and --dry-run where
// the leaf has none; it returns nil for a leaf that does not take
// --from-csv.
func (a *app) bulkFlags(c *command, fs *flag.FlagSet) *bulkParams {
	if !bulkable(c) {
		return nil
	}
	b := &bulkParams{cols: bulkColumns(c, fs)}
	fs.StringVar(&b.file, "from-csv", "", "run once per row of this CSV `file` (- for stdin), whose header names the columns: "+b.describe())
	fs.IntVar(&b.parallel, "parallel", workflow.DefaultBulkParallel, "with --from-csv: run at most `N` rows at once, 1 to "+strconv.Itoa(maxBulkParallel))
	fs.BoolVar(&b.alreadyDone, "already-done-ok", false, "with --from-csv: count a row refused as done already (invite_already_exists, already_member, a 409 conflict) as already_done")
	fs.StringVar(&b.results, "results", "", "with --from-csv: write each row's result (row, status, request_id, id, error) to this CSV `file`")
	if fs.Lookup("dry-run") == nil {
		fs.BoolVar(&a.dryRun, "dry-run", false, "print the request it would send (with --from-csv: each row's, all rows checked first) and send nothing")
	}
	return b
}

// bulkColumns returns the columns the leaf c accepts: its positional
// arguments, then its declared flags, registered on fs.
func bulkColumns(c *command, fs *flag.FlagSet) []bulkColumn {
	var cols []bulkColumn
	for i, arg := range c.args {
		variadic := strings.HasSuffix(arg, "...")
		cols = append(cols, bulkColumn{name: strings.Trim(arg, "<>."), arg: i, variadic: variadic, required: true, repeatable: variadic})
	}
	for _, s := range c.flags {
		col := bulkColumn{name: s.name, arg: -1, required: s.required}
		if f := fs.Lookup(s.name); f != nil {
			switch f.Value.(type) {
			case *listValue, *tagsValue:
				col.repeatable = true
			}
		}
		cols = append(cols, col)
	}
	return cols
}

// describe lists the columns for the help of --from-csv.
func (b *bulkParams) describe() string {
	var req, opt []string
	for _, c := range b.cols {
		name := c.name
		if c.repeatable {
			name += " (;-separated)"
		}
		if c.required {
			req = append(req, name)
		} else {
			opt = append(opt, name)
		}
	}
	s := strings.Join(req, ", ")
	if len(opt) > 0 {
		if s != "" {
			s += "; "
		}
		s += "optional " + strings.Join(opt, ", ")
	}
	return s
}

// column returns the column called name, or nil.
func (b *bulkParams) column(name string) *bulkColumn {
	for i := range b.cols {
		if b.cols[i].name == name {
			return &b.cols[i]
		}
	}
	return nil
}

// active reports whether the command line asks for a bulk run (or gave a
// flag of one without --from-csv, which run refuses).
func (b *bulkParams) active() bool {
	return b != nil && (b.file != "" || b.results != "" || b.alreadyDone || b.parallel != workflow.DefaultBulkParallel)
}

// bulkRow is a row of the CSV, parsed and checked.
type bulkRow struct {
	// line is the line of the file the row starts on.
	line int
	args []string
	// run runs the leaf with the row's flags.
	run runFunc
	// req and body are the request the row would send, from its check.
	req  *http.Request
	body []byte
}

// run carries out the bulk run of the leaf c that cmd parsed; pos are the
// positional arguments, which must be none.
func (b *bulkParams) run(ctx context.Context, a *app, c *command, cmd *cobra.Command, pos []string) error {
	if b.file == "" {
		return usageErrorf("--parallel, --already-done-ok and --results need --from-csv")
	}
	if len(pos) > 0 {
		return usageErrorf("with --from-csv the arguments come from the file's columns: unexpected argument %q", pos[0])
	}
	var given error
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if given == nil && b.column(f.Name) != nil {
			given = usageErrorf("with --from-csv, --%s comes from the file: make it a column", f.Name)
		}
	})
	if given != nil {
		return given
	}
	if b.parallel < 1 || b.parallel > maxBulkParallel {
		return usageErrorf("--parallel must be from 1 to %d", maxBulkParallel)
	}
	if err := a.checkOutput(); err != nil {
		return err
	}
	rows, err := b.load(ctx, a, c)
	if err != nil {
		return err
	}
	if a.dryRun {
		return b.printDryRun(ctx, a, c, rows)
	}
	stop, err := a.connect(ctx, c)
	if err != nil {
		return err
	}
	defer stop()
	if c.confirm != nil {
		q := func(ctx context.Context, cl *admin.Client, _ []string) (string, error) {
			return b.question(ctx, a, c, cl, rows), nil
		}
		if err := a.confirm(ctx, q, nil); err != nil {
			return err
		}
	}
	var results *os.File
	if b.results != "" {
		// Created before any request, so that no run goes unrecorded.
		if results, err = os.Create(b.results); err != nil {
			return &exitError{2, fmt.Sprintf("--results: %v", err)}
		}
		defer results.Close()
	}
	prog := a.newProgress(true)
	done, failed := 0, 0
	opts := workflow.BulkOptions{Parallel: b.parallel, Progress: func(r workflow.BulkResult) {
		done++
		if r.Status == workflow.BulkError {
			failed++
		}
		prog.rows(done, len(rows), failed)
	}}
	if b.alreadyDone {
		opts.AlreadyDone, opts.ConflictIsDone = workflow.InviteAlreadyDone(), true
	}
	rep, runErr := workflow.RunBulk(ctx, len(rows), func(ctx context.Context, i int) (string, error) {
		var obj any
		r := rows[i]
		if err := r.run(context.WithValue(ctx, bulkObjectKey{}, func(v any) { obj = v }), a, r.args); err != nil {
			return "", err
		}
		return objectID(obj), nil
	}, opts)
	prog.erase()
	if err := b.writeResults(a, rows, rep, results); err != nil {
		return err
	}
	noun := "rows"
	if len(rows) == 1 {
		noun = "row"
	}
	fmt.Fprintf(a.stderr, "%s: %d %s: %d ok, %d already done, %d failed, %d not run\n",
		progName+" "+a.path, len(rows), noun, rep.OK, rep.AlreadyDone, rep.Failed, rep.Skipped)
	if runErr != nil {
		return runErr // interrupted
	}
	if rep.Failed > 0 || rep.Skipped > 0 {
		return &exitError{code: 1}
	}
	return nil
}

// load reads the CSV and parses and checks every row, reporting every
// error at once (exit 2).
func (b *bulkParams) load(ctx context.Context, a *app, c *command) ([]*bulkRow, error) {
	var in io.Reader = a.stdin
	if b.file != "-" {
		f, err := os.Open(b.file)
		if err != nil {
			return nil, &exitError{2, fmt.Sprintf("--from-csv: %v", err)}
		}
		defer f.Close()
		in = f
	}
	r := csv.NewReader(in)
	header, err := r.Read()
	if err == io.EOF {
		return nil, &exitError{2, fmt.Sprintf("--from-csv %s: the file is empty: it needs a header row naming the columns (%s)", b.file, b.describe())}
	}
	if err != nil {
		return nil, &exitError{2, fmt.Sprintf("--from-csv %s: %v", b.file, err)}
	}
	idx, errs := b.mapHeader(header)
	if len(errs) > 0 {
		return nil, b.refuse(a, errs)
	}
	va, err := validationApp(a)
	if err != nil {
		return nil, err
	}
	var rows []*bulkRow
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, err.Error())
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(err, csv.ErrFieldCount) {
				continue // the other rows are still checked
			}
			break
		}
		line, _ := r.FieldPos(0)
		row, rowErrs := b.parseRow(ctx, c, va, rec, line, idx)
		errs = append(errs, rowErrs...)
		rows = append(rows, row)
	}
	if len(errs) > 0 {
		return nil, b.refuse(a, errs)
	}
	if len(rows) == 0 {
		return nil, &exitError{2, fmt.Sprintf("--from-csv %s: no rows after the header", b.file)}
	}
	return rows, nil
}

// refuse prints errs, the problems of the file, and returns the exit
// status 2, as nothing was sent.
func (b *bulkParams) refuse(a *app, errs []string) error {
	for _, e := range errs {
		fmt.Fprintf(a.stderr, "%s: --from-csv %s: %s\n", progName+" "+a.path, b.file, safeText(e))
	}
	fmt.Fprintf(a.stderr, "%s: %d problem(s) in %s; nothing was sent\n", progName+" "+a.path, len(errs), b.file)
	return &exitError{code: 2}
}

// mapHeader maps each column of the header to its places in a record.
func (b *bulkParams) mapHeader(header []string) (map[string][]int, []string) {
	idx := map[string][]int{}
	var errs []string
	for j, h := range header {
		h = strings.TrimSpace(h)
		if j == 0 {
			h = strings.TrimPrefix(h, "\ufeff") // a spreadsheet's byte order mark
		}
		col := b.column(h)
		switch {
		case h == "":
			idx[""] = append(idx[""], j) // a spreadsheet's unnamed column: it must stay empty
		case col == nil:
			errs = append(errs, fmt.Sprintf("column %d of the header, %q, is neither an argument nor a flag of the command (columns: %s)", j+1, h, b.describe()))
		case len(idx[h]) > 0 && !col.repeatable:
			errs = append(errs, fmt.Sprintf("column %q appears twice, but takes one value", h))
		default:
			idx[h] = append(idx[h], j)
		}
	}
	for _, col := range b.cols {
		if col.required && len(idx[col.name]) == 0 {
			errs = append(errs, fmt.Sprintf("the header lacks the column %q, which is required", col.name))
		}
	}
	return idx, errs
}

// parseRow parses the record rec, which starts on line line, into a row
// of c and checks it, running it with va, whose client sends nothing. It
// returns the row and its problems.
func (b *bulkParams) parseRow(ctx context.Context, c *command, va *app, rec []string, line int, idx map[string][]int) (*bulkRow, []string) {
	fs := newFlagSet(c.name)
	row := &bulkRow{line: line, run: c.setup(fs)}
	var errs []string
	fail := func(col, format string, args ...any) {
		where := fmt.Sprintf("row %d", line)
		if col != "" {
			where += ", column " + col
		}
		errs = append(errs, where+": "+fmt.Sprintf(format, args...))
	}
	for _, j := range idx[""] {
		if strings.TrimSpace(rec[j]) != "" {
			fail("", "column %d has a value but no name in the header", j+1)
		}
	}
	set := map[string]bool{}
	var fixed, rest []string
	for _, col := range b.cols {
		var vals []string
		for _, j := range idx[col.name] {
			cell := strings.TrimSpace(rec[j])
			if !col.repeatable {
				if cell != "" {
					vals = append(vals, cell)
				}
				continue
			}
			for part := range strings.SplitSeq(cell, ";") {
				if part = strings.TrimSpace(part); part != "" {
					vals = append(vals, part)
				}
			}
		}
		if col.arg < 0 {
			for _, v := range vals {
				if err := fs.Set(col.name, v); err != nil {
					fail(col.name, "invalid value %q: %v", v, err)
				}
			}
			set[col.name] = len(vals) > 0
			continue
		}
		if len(vals) == 0 {
			fail(col.name, "empty, but the argument <%s> is required", col.name)
			continue
		}
		if col.arg < len(c.argValues) && c.argValues[col.arg] != nil {
			for _, v := range vals {
				if !slices.Contains(c.argValues[col.arg], v) {
					fail(col.name, "%q is not one of %s", v, strings.Join(c.argValues[col.arg], ", "))
				}
			}
		}
		if col.variadic {
			rest = vals
		} else {
			fixed = append(fixed, vals[0])
		}
	}
	if len(errs) > 0 {
		return row, errs
	}
	row.args = append(fixed, rest...)
	if err := checkSetFlags(fs, set, c.flags); err != nil {
		fail("", "%v", err)
		return row, errs
	}
	// The command's own checks, up to the request, which is not sent.
	rctx, d := withDryRun(ctx, false)
	err := row.run(rctx, va, row.args)
	if d.req == nil && err != nil {
		fail("", "%v", err)
	}
	row.req, row.body = d.req, d.body
	return row, errs
}

// validationApp returns a copy of a whose client sends nothing and holds
// every kind of credential, for checking rows: the requests it would send
// are recorded in the context (see withDryRun), never sent.
func validationApp(a *app) (*app, error) {
	const placeholder = "not-sent"
	c, err := admin.NewClient(placeholder,
		admin.WithHTTPClient(&http.Client{Transport: dryRunTransport{}}),
		admin.WithComplianceKey(placeholder),
		admin.WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: placeholder, TokenType: "Bearer"})),
		admin.WithMaxRetries(0))
	if err != nil {
		return nil, err
	}
	va := *a
	va.c, va.stdout = c, io.Discard
	return &va, nil
}

// question is the one confirmation question of a destructive bulk run:
// the number of rows, and the question of the first row, which names
// objects by ID and looks nothing up.
func (b *bulkParams) question(ctx context.Context, a *app, c *command, cl *admin.Client, rows []*bulkRow) string {
	qctx, _ := withDryRun(ctx, true)
	first, err := c.confirm(qctx, cl, rows[0].args)
	if err != nil {
		first = "(not known)"
	}
	return fmt.Sprintf("Run '%s' for all %d rows of %s? The first row asks: %s", a.path, len(rows), b.file, first)
}

// printDryRun prints what each row would send; nothing is sent.
func (b *bulkParams) printDryRun(ctx context.Context, a *app, c *command, rows []*bulkRow) error {
	w := a.stdout
	fmt.Fprintf(w, "Dry run of %s --from-csv %s: %d rows, all valid; nothing is sent.\n", progName+" "+a.path, safeText(b.file), len(rows))
	if c.confirm != nil {
		va, err := validationApp(a)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "Question: %s [y/N] (asked once on a terminal unless --yes is given)\n", safeText(b.question(ctx, a, c, va.c, rows)))
	}
	for _, r := range rows {
		if r.req == nil {
			fmt.Fprintf(w, "row %d: no request\n", r.line)
			continue
		}
		target := r.req.URL.EscapedPath()
		if r.req.URL.RawQuery != "" {
			target += "?" + r.req.URL.RawQuery
		}
		line := fmt.Sprintf("row %d: %s %s", r.line, r.req.Method, target)
		if len(r.body) > 0 {
			line += " " + string(r.body)
		}
		fmt.Fprintln(w, safeText(line))
	}
	return nil
}

// bulkLine is a row's result as the tool prints it.
type bulkLine struct {
	Row       int    `json:"row"`
	Status    string `json:"status"`
	RequestID string `json:"request_id"`
	ID        string `json:"id"`
	Error     string `json:"error"`
}

// bulkHeader is the header of the results.
var bulkHeader = []string{"row", "status", "request_id", "id", "error"}

// cells returns the table and CSV cells of l.
func (l bulkLine) cells() []string {
	return []string{strconv.Itoa(l.Row), l.Status, l.RequestID, l.ID, l.Error}
}

// writeResults prints the rows' results to stdout, in the format of -o,
// and to results, when set, as CSV.
func (b *bulkParams) writeResults(a *app, rows []*bulkRow, rep *workflow.BulkReport, results *os.File) error {
	out := newSink(a.output(), a.stdout, true, bulkHeader)
	var file sink
	if results != nil {
		file = newSink(outputOptions{format: "csv"}, results, true, bulkHeader)
	}
	for i, r := range rep.Results {
		l := bulkLine{Row: rows[i].line, Status: string(r.Status), RequestID: r.RequestID, ID: r.ID, Error: a.redact(bulkError(r))}
		if err := out.item(l, [][]string{l.cells()}); err != nil {
			return err
		}
		if file != nil {
			if err := file.item(l, [][]string{l.cells()}); err != nil {
				return err
			}
		}
	}
	if file != nil {
		if err := file.end(); err != nil {
			return fmt.Errorf("--results: %w", err)
		}
	}
	return out.end()
}

// bulkError returns the error of a result as the tool reports API errors:
// status, type, code and message (the request ID has its own column).
func bulkError(r workflow.BulkResult) string {
	var ae *admin.Error
	if !errors.As(r.Err, &ae) {
		return strings.Join(strings.Fields(r.Error), " ")
	}
	typ := ae.Type
	if typ == "" {
		typ = "error"
	}
	if ae.Code != "" {
		typ += " (" + string(ae.Code) + ")"
	}
	return strings.Join(strings.Fields(fmt.Sprintf("%d %s: %s", ae.StatusCode, typ, ae.Message)), " ")
}

// bulkObjectKey is the context key of the function that receives the
// object a row's call returned (see bulkCollect).
type bulkObjectKey struct{}

// bulkCollect hands v, the object a leaf's call returned, to the bulk run
// whose row ctx belongs to, and reports whether there is one; the leaf
// prints v only when there is not.
func bulkCollect(ctx context.Context, v any) bool {
	collect, ok := ctx.Value(bulkObjectKey{}).(func(any))
	if ok {
		collect(v)
	}
	return ok
}

// objectID returns the id field of v as JSON, or "" when it has none.
func objectID(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	var o struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(b, &o)
	return o.ID
}

// rows draws the progress line of a bulk run: done of n rows finished,
// failed of them failed.
func (p *progress) rows(done, n, failed int) {
	if p == nil {
		return
	}
	fmt.Fprintf(p.w, "\r%s: %d of %d rows done, %d failed...", p.label, done, n, failed)
	p.drawn = true
}
