package main

import (
	"context"
	"strings"
)

// commits lists the commits of base..HEAD, oldest first (topological
// order), with the values of their `API-Break:` trailers.
func (r *runner) commits(ctx context.Context, base string) ([]Commit, error) {
	const (
		fieldSep  = "\x1f"
		recordSep = "\x1e"
		valueSep  = "\x1d"
	)
	out, err := r.git(ctx, "log", "--topo-order", "--reverse",
		"--format=%H"+fieldSep+"%s"+fieldSep+"%(trailers:key=API-Break,valueonly,separator=%x1d)"+recordSep,
		base+"..HEAD")
	if err != nil {
		return nil, err
	}
	var commits []Commit
	for _, rec := range strings.Split(out, recordSep) {
		fields := strings.Split(strings.TrimSpace(rec), fieldSep)
		if len(fields) != 3 {
			continue
		}
		c := Commit{Hash: fields[0], Subject: fields[1]}
		for _, why := range strings.Split(fields[2], valueSep) {
			if why = strings.TrimSpace(why); why != "" {
				c.Breaks = append(c.Breaks, why)
			}
		}
		commits = append(commits, c)
	}
	return commits, nil
}
