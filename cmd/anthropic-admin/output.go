package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/itchyny/gojq"
	"go.yaml.in/yaml/v3"
)

// This file holds the output formats built on JSON (-o jsonl, -o yaml,
// --jq) and the choice of table and CSV columns (--columns). Each starts
// from the JSON encoding of the API's objects, so they show the API's
// field names; each keeps the output safe from what the server sends.

// outputFormats are the values of -o.
var outputFormats = []string{"table", "json", "jsonl", "yaml", "csv"}

// checkOutput checks the output flags before anything is sent: the --jq
// expression must compile, and --columns applies only to table and csv.
// Both failures are usage errors.
func (a *app) checkOutput() error {
	if a.g.jq != "" {
		if _, err := compileJQ(a.g.jq); err != nil {
			return err
		}
	}
	if a.g.columns != "" && a.g.jq == "" && a.g.output != "table" && a.g.output != "csv" {
		return usageErrorf("--columns applies to -o table and -o csv, not -o %s", a.g.output)
	}
	return nil
}

// compileJQ parses and compiles a --jq expression; a mistake in it is a
// usage error.
func compileJQ(expr string) (*gojq.Code, error) {
	q, err := gojq.Parse(expr)
	if err != nil {
		return nil, usageErrorf("--jq: %v", err)
	}
	code, err := gojq.Compile(q)
	if err != nil {
		return nil, usageErrorf("--jq: %v", err)
	}
	return code, nil
}

// jsonValue returns the JSON encoding of v, an object of the API or a
// json.RawMessage, compacted.
func jsonValue(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var c bytes.Buffer
	if err := json.Compact(&c, b); err != nil {
		return nil, err
	}
	return c.Bytes(), nil
}

// jsonlSink writes one compact JSON value per line: an object, or each
// item of a list. Like -o json, the values are exact and jsonSafe spells
// the characters a terminal could interpret as JSON escapes.
type jsonlSink struct{ w *bufio.Writer }

func (s *jsonlSink) item(v any, _ [][]string) error {
	b, err := jsonValue(v)
	if err != nil {
		return err
	}
	if _, err := s.w.Write(jsonSafe(b)); err != nil {
		return err
	}
	return s.w.WriteByte('\n')
}

func (s *jsonlSink) flush() error { return s.w.Flush() }
func (s *jsonlSink) end() error   { return s.w.Flush() }

// jqSink evaluates a --jq expression with gojq, in process, over what -o
// json would print: the object, or the array of every item of a list
// (gathered in memory until the end). Each result is printed as one
// compact JSON line, escaped like -o json; an error of the evaluation
// ends the output.
type jqSink struct {
	w     *bufio.Writer
	code  *gojq.Code
	list  bool
	items []any
}

func (s *jqSink) item(v any, _ [][]string) error {
	b, err := jsonValue(v)
	if err != nil {
		return err
	}
	var generic any
	if err := json.Unmarshal(b, &generic); err != nil {
		return err
	}
	s.items = append(s.items, generic)
	return nil
}

func (s *jqSink) flush() error { return nil }

func (s *jqSink) end() error {
	var input any = s.items
	if !s.list {
		if len(s.items) == 0 {
			return s.w.Flush()
		}
		input = s.items[0]
	}
	iter := s.code.Run(input)
	for {
		v, ok := iter.Next()
		if !ok {
			break
		}
		if err, ok := v.(error); ok {
			if h, ok := err.(*gojq.HaltError); ok && h.Value() == nil {
				break
			}
			_ = s.w.Flush()
			msg := safeText(err.Error())
			if s.list && strings.Contains(msg, "expected an object but got: array") {
				// .email over a list: say that a list is one array.
				msg += "; a list prints as one JSON array, so start with .[] to take its items (such as --jq '.[].email')"
			}
			return fmt.Errorf("--jq: %s", msg)
		}
		b, err := gojq.Marshal(v)
		if err != nil {
			return err
		}
		if _, err := s.w.Write(jsonSafe(b)); err != nil {
			return err
		}
		if err := s.w.WriteByte('\n'); err != nil {
			return err
		}
	}
	return s.w.Flush()
}

// yamlSink writes YAML: a mapping for one object, a sequence for a list,
// streamed item by item. It starts from the JSON encoding, so the keys
// and values are the API's. No server string can change the structure or
// reach the terminal raw: every string value is a double-quoted scalar,
// whose control characters the YAML encoder escapes (\e, \x..); keys are
// plain only when they are simple names; and jsonSafe escapes what is
// left (bidirectional controls, line and paragraph separators) as \uXXXX,
// which is the same character inside a double-quoted YAML scalar, the
// only place such a character can appear.
type yamlSink struct {
	w    *bufio.Writer
	list bool
	n    int
}

func (s *yamlSink) item(v any, _ [][]string) error {
	b, err := jsonValue(v)
	if err != nil {
		return err
	}
	// The YAML parser refuses raw C1 controls, which JSON leaves
	// unescaped: jsonSafe spells them as JSON escapes, which YAML reads
	// back as the same characters.
	var doc yaml.Node
	if err := yaml.Unmarshal(jsonSafe(b), &doc); err != nil {
		return fmt.Errorf("yaml: %w", err)
	}
	root := doc.Content[0]
	restyle(root, false)
	if s.list {
		root = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{root}}
	}
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return fmt.Errorf("yaml: %w", err)
	}
	if err := enc.Close(); err != nil {
		return err
	}
	s.n++
	_, err = s.w.Write(jsonSafe(out.Bytes()))
	return err
}

func (s *yamlSink) flush() error { return s.w.Flush() }

func (s *yamlSink) end() error {
	if s.list && s.n == 0 {
		if _, err := s.w.WriteString("[]\n"); err != nil {
			return err
		}
	}
	return s.w.Flush()
}

// plainKey matches the mapping keys printed unquoted in YAML; it is
// compiled on first use, which only -o yaml makes.
var plainKey = lazily(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`) })

// restyle sets the styles of a node decoded from JSON for YAML output:
// block mappings and sequences, double-quoted strings, plain simple keys
// (the encoder still quotes a key such as "true" that would read as
// another type).
func restyle(n *yaml.Node, key bool) {
	switch n.Kind {
	case yaml.MappingNode, yaml.SequenceNode:
		n.Style = 0
		for i, c := range n.Content {
			restyle(c, n.Kind == yaml.MappingNode && i%2 == 0)
		}
	case yaml.ScalarNode:
		if n.Tag == "!!str" {
			n.Style = yaml.DoubleQuotedStyle
			if key && plainKey.get().MatchString(n.Value) {
				n.Style = 0
			}
		}
	}
}

// columnsOf returns the indices of the --columns names in header, in their
// order; names are matched without regard to case. An unknown name is a
// usage error listing the columns there are.
func columnsOf(spec string, header []string) ([]int, error) {
	var idx []int
	for _, name := range strings.Split(spec, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		i := -1
		for j, h := range header {
			if strings.EqualFold(h, name) {
				i = j
				break
			}
		}
		if i < 0 {
			return nil, usageErrorf("--columns: no column %q; the columns are %s", safeText(name), strings.Join(header, ","))
		}
		idx = append(idx, i)
	}
	if len(idx) == 0 {
		return nil, usageErrorf("--columns: no column named; the columns are %s", strings.Join(header, ","))
	}
	return idx, nil
}

// project returns the cells of row at idx.
func project(row []string, idx []int) []string {
	out := make([]string, len(idx))
	for i, j := range idx {
		if j < len(row) {
			out[i] = row[j]
		}
	}
	return out
}

// errSink is a sink that fails with err, for output options that do not
// fit the command's output (such as an unknown --columns name).
type errSink struct{ err error }

func (s errSink) item(any, [][]string) error { return s.err }
func (s errSink) flush() error               { return s.err }
func (s errSink) end() error                 { return s.err }

// jsonFormatSink returns the sink of the JSON-based output options (--jq,
// -o jsonl, -o yaml), or nil for the others.
func jsonFormatSink(o outputOptions, bw *bufio.Writer, list bool) sink {
	switch {
	case o.jq != "":
		code, err := compileJQ(o.jq)
		if err != nil {
			return errSink{err}
		}
		return &jqSink{w: bw, code: code, list: list}
	case o.format == "jsonl":
		return &jsonlSink{w: bw}
	case o.format == "yaml":
		return &yamlSink{w: bw, list: list}
	}
	return nil
}
