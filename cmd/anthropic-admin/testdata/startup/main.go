// Command startup is the yardstick of the tool's start-up (see startup.sh
// beside it): a plain net/http program doing what the measured commands
// do, with nothing else linked.
//
//	startup --help       prints a help text
//	startup version      prints the Go version and the module's build info
//	startup get URL      GETs URL with the Admin key of $ANTHROPIC_ADMIN_KEY
//	                     and prints the body, as "org show -o json" does
//	startup serve        serves GET /v1/organizations/me on a loopback
//	                     port, printing its base URL, until killed
//
// It lives in testdata so that ./... (tests, vet, lint) leaves it out.
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
)

// help is what --help prints.
const help = `Usage: startup <command>

A plain net/http program: the yardstick of anthropic-admin's start-up.

Commands:
  get <url>   GET url with the Admin key and print the body
  serve       serve GET /v1/organizations/me on loopback
  version     print the Go version
`

// org is the organization the server returns.
const org = `{"id":"12345678-1234-5678-1234-567812345678","type":"organization","name":"Startup Measurement Org"}`

func main() {
	switch {
	case len(os.Args) == 2 && os.Args[1] == "--help":
		fmt.Print(help)
	case len(os.Args) == 2 && os.Args[1] == "version":
		module := "(unknown)"
		if bi, ok := debug.ReadBuildInfo(); ok {
			module = bi.Main.Version
		}
		fmt.Printf("startup %s\ngo: %s\n", module, runtime.Version())
	case len(os.Args) == 3 && os.Args[1] == "get":
		if err := get(os.Args[2]); err != nil {
			fmt.Fprintln(os.Stderr, "startup:", err)
			os.Exit(1)
		}
	case len(os.Args) == 2 && os.Args[1] == "serve":
		if err := serve(); err != nil {
			fmt.Fprintln(os.Stderr, "startup:", err)
			os.Exit(1)
		}
	default:
		fmt.Fprint(os.Stderr, help)
		os.Exit(2)
	}
}

// get GETs url with the Admin key and prints the body.
func get(url string) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("x-api-key", os.Getenv("ANTHROPIC_ADMIN_KEY"))
	req.Header.Set("anthropic-version", "2023-06-01")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s", resp.Status)
	}
	_, err = io.Copy(os.Stdout, resp.Body)
	fmt.Println()
	return err
}

// serve serves the organization on a loopback port until killed.
func serve() error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fmt.Printf("http://%s\n", l.Addr())
	return http.Serve(l, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != "/v1/organizations/me" || r.Header.Get("x-api-key") == "" {
			http.Error(w, `{"type":"error","error":{"type":"not_found_error","message":"not found"}}`, http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("request-id", "req_startup")
		io.WriteString(w, org)
	}))
}
