package main

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"
)

// apiSource exercises every kind of line of the listing.
const apiSource = `package p

import (
	"context"
	"io"
)

const Untyped = 1 << 3
const Typed Role = "admin"
const unexported = 2

var Default = &Client{}

type Role string

type Client struct {
	Name    string ` + "`json:\"name\"`" + `
	Nick    *string ` + "`json:\"nick,omitempty\"`" + `
	Hook    func(ctx context.Context, n int) error
	Ch      <-chan []map[string]int
	Arr     [4]byte
	Anon    struct{ A int }
	secret  int
	io.Reader
	*Embedded
}

type Embedded struct{ X int }

type Doer interface {
	io.Closer
	Do(ctx context.Context, args ...string) (n int, err error)
}

type Sealed interface {
	Open()
	seal()
}

type Number interface{ ~int | ~float64 }

type List[T any] struct{ Items []T }

type Alias = Client

type Func func(int, ...string) bool

func New(name string, opts ...func(*Client)) (*Client, error) { return nil, nil }

func Map[K comparable, V Number](m map[K]V) []V { return nil }

func (c *Client) Get(ctx context.Context) error { return nil }

func (c Client) String() string { return "" }

func (c *Client) private() {}

func (l *List[T]) Len() int { return 0 }

func helper() {}
`

func TestPackageAPI(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", apiSource, 0)
	if err != nil {
		t.Fatal(err)
	}
	conf := types.Config{Importer: importer.Default()}
	pkg, err := conf.Check("example.com/m/p", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := packageAPI("wrapper/p", pkg)
	want := []string{
		"pkg wrapper/p, const Typed Role = \"admin\"",
		"pkg wrapper/p, const Untyped = 8",
		"pkg wrapper/p, var Default *Client",
		"pkg wrapper/p, type Alias = Client",
		"pkg wrapper/p, type Client struct",
		"pkg wrapper/p, type Client struct, Name string `json:\"name\"`",
		"pkg wrapper/p, type Client struct, Nick *string `json:\"nick,omitempty\"`",
		"pkg wrapper/p, type Client struct, Hook func(context.Context, int) error",
		"pkg wrapper/p, type Client struct, Ch <-chan []map[string]int",
		"pkg wrapper/p, type Client struct, Arr [4]byte",
		"pkg wrapper/p, type Client struct, Anon struct{A int}",
		"pkg wrapper/p, type Client struct, embedded io.Reader",
		"pkg wrapper/p, type Client struct, embedded *Embedded",
		"pkg wrapper/p, method (*Client) Get(context.Context) error",
		"pkg wrapper/p, method (Client) String() string",
		"pkg wrapper/p, type Doer interface",
		"pkg wrapper/p, type Doer interface, Close() error",
		"pkg wrapper/p, type Doer interface, Do(context.Context, ...string) (int, error)",
		"pkg wrapper/p, type Embedded struct",
		"pkg wrapper/p, type Embedded struct, X int",
		"pkg wrapper/p, type Func func(int, ...string) bool",
		"pkg wrapper/p, type List[T any] struct",
		"pkg wrapper/p, type List[T any] struct, Items []T",
		"pkg wrapper/p, method (*List[T]) Len() int",
		"pkg wrapper/p, func Map[K comparable, V Number](map[K]V) []V",
		"pkg wrapper/p, func New(string, ...func(*Client)) (*Client, error)",
		"pkg wrapper/p, type Number interface",
		"pkg wrapper/p, type Number interface, ~int | ~float64",
		"pkg wrapper/p, type Role string",
		"pkg wrapper/p, type Sealed interface",
		"pkg wrapper/p, type Sealed interface, Open()",
		"pkg wrapper/p, type Sealed interface, unexported methods",
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing %q", w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			t.Errorf("unexpected %q", g)
		}
		if _, err := parseAPILine(g); err != nil {
			t.Error(err)
		}
	}
}

func TestParseAPILine(t *testing.T) {
	for _, tc := range []struct {
		line, key, parent string
		kind              entryKind
	}{
		{"pkg gen, const RoleAdmin Role = \"admin\"", "gen|RoleAdmin", "", kindDecl},
		{"pkg gen, var Default *Client", "gen|Default", "", kindDecl},
		{"pkg gen, func Map[K comparable](map[K]int) []K", "gen|Map", "", kindDecl},
		{"pkg gen, type User struct", "gen|User", "", kindDecl},
		{"pkg gen, type User = other.User", "gen|User", "", kindDecl},
		{"pkg gen, type F func(a, b int) (int, error)", "gen|F", "", kindDecl},
		{"pkg gen, type User struct, Name *string `json:\"name,omitempty\"`", "gen|User|Name", "gen|User", kindField},
		{"pkg gen, type List[T any, U comparable] struct, Items []T", "gen|List|Items", "gen|List", kindField},
		{"pkg gen, type User struct, embedded *other.Base[int]", "gen|User|Base", "gen|User", kindField},
		{"pkg gen, method (*List[T]) Len() int", "gen|List|Len", "gen|List", kindMethod},
		{"pkg gen/server, type StrictServerInterface interface, GetUser(context.Context, GetUserRequestObject) (GetUserResponseObject, error)", "gen/server|StrictServerInterface|GetUser", "gen/server|StrictServerInterface", kindIfaceMethod},
		{"pkg gen, type Sealed interface, unexported methods", "gen|Sealed|unexported methods", "gen|Sealed", kindIfaceOther},
	} {
		e, err := parseAPILine(tc.line)
		if err != nil {
			t.Errorf("%s: %v", tc.line, err)
			continue
		}
		if e.Key != tc.key || e.Parent != tc.parent || e.Kind != tc.kind {
			t.Errorf("%s: key %q parent %q kind %d, want %q %q %d", tc.line, e.Key, e.Parent, e.Kind, tc.key, tc.parent, tc.kind)
		}
	}
	for _, bad := range []string{"gen, func F()", "pkg gen", "pkg gen, frobnicate X", "pkg gen, method X()", "pkg gen, type  struct"} {
		if _, err := parseAPILine(bad); err == nil {
			t.Errorf("parseAPILine(%q) succeeded", bad)
		}
	}
	e, _ := parseAPILine("pkg gen/server, type GetUserRequestObject struct, UserID string `json:\"user_id,omitempty\" form:\"x\"`")
	if got := e.Name(); got != "server.GetUserRequestObject.UserID" {
		t.Errorf("Name = %q", got)
	}
	if got := e.jsonName(); got != "user_id" {
		t.Errorf("jsonName = %q", got)
	}
	if got := e.withoutTag(); got != "pkg gen/server, type GetUserRequestObject struct, UserID string" {
		t.Errorf("withoutTag = %q", got)
	}
}

func TestParseListing(t *testing.T) {
	lines, err := parseListing(apiHeader + "pkg gen, var B int\n\npkg gen, var A int\npkg gen, var A int\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"pkg gen, var A int", "pkg gen, var B int"}; !slices.Equal(lines, want) {
		t.Errorf("parseListing = %q, want %q", lines, want)
	}
	if _, err := parseListing("pkg gen, nonsense\n"); err == nil {
		t.Error("parseListing accepted a malformed line")
	}
}

func TestDiffAPI(t *testing.T) {
	base := []string{
		"pkg gen, type ClientInterface interface",
		"pkg gen, type ClientInterface interface, GetUser(context.Context, string) (*http.Response, error)",
		"pkg gen, type Doer interface",
		"pkg gen, type Doer interface, Do()",
		"pkg gen, type Sealed interface",
		"pkg gen, type Sealed interface, Open()",
		"pkg gen, type Sealed interface, unexported methods",
		"pkg gen, type User struct",
		"pkg gen, type User struct, Email string `json:\"email\"`",
		"pkg gen, type User struct, Name string `json:\"name\"`",
		"pkg gen, type User struct, Nick *string `json:\"nick,omitempty\"`",
		"pkg gen, type User struct, Tags []string `json:\"tags\"`",
		"pkg gen, const RoleManaged Role = \"managed\"",
		"pkg wrapper/admin, type User = gen.User",
	}
	rev := []string{
		"pkg gen, type ClientInterface interface",
		"pkg gen, type ClientInterface interface, GetUser(context.Context, string) (*http.Response, error)",
		"pkg gen, type ClientInterface interface, RemoveUser(context.Context, string) (*http.Response, error)",
		"pkg gen, type Doer interface",
		"pkg gen, type Doer interface, Do()",
		"pkg gen, type Doer interface, Undo()",
		"pkg gen, type Sealed interface",
		"pkg gen, type Sealed interface, Close()",
		"pkg gen, type Sealed interface, Open()",
		"pkg gen, type Sealed interface, unexported methods",
		"pkg gen, type User struct",
		"pkg gen, type User struct, EmailAddress string `json:\"email\"`",
		"pkg gen, type User struct, Name string `json:\"name\"`",
		"pkg gen, type User struct, Nick string `json:\"nick\"`",
		"pkg gen, type User struct, Tags []string `json:\"tags,omitempty\"`",
		"pkg gen, type Workspace struct",
		"pkg gen, type Workspace struct, ID string `json:\"id\"`",
		"pkg wrapper/admin, type User = gen.User",
	}
	d, err := diffAPI(base, rev)
	if err != nil {
		t.Fatal(err)
	}
	lines := func(es []apiEntry) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.Line)
		}
		return out
	}
	check := func(what string, got, want []string) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s:\n got %q\nwant %q", what, got, want)
		}
	}
	check("removed", lines(d.Removed), []string{
		"pkg gen, const RoleManaged Role = \"managed\"",
		"pkg gen, type User struct, Email string `json:\"email\"`",
	})
	check("changed", []string{d.Changed[0].Old.Line, d.Changed[0].New.Line}, []string{
		"pkg gen, type User struct, Nick *string `json:\"nick,omitempty\"`",
		"pkg gen, type User struct, Nick string `json:\"nick\"`",
	})
	check("tag only", []string{d.TagOnly[0].New.Line}, []string{"pkg gen, type User struct, Tags []string `json:\"tags,omitempty\"`"})
	// Doer may be implemented outside: it breaks. ClientInterface is
	// generated and Sealed cannot be implemented outside: they do not.
	check("interfaces grown", lines(d.IfaceGrown), []string{"pkg gen, type Doer interface, Undo()"})
	check("added", lines(d.Added), []string{
		"pkg gen, type ClientInterface interface, RemoveUser(context.Context, string) (*http.Response, error)",
		"pkg gen, type Sealed interface, Close()",
		"pkg gen, type User struct, EmailAddress string `json:\"email\"`",
		"pkg gen, type Workspace struct",
		"pkg gen, type Workspace struct, ID string `json:\"id\"`",
	})
	if !d.Breaking() || d.Empty() {
		t.Errorf("Breaking = %v, Empty = %v", d.Breaking(), d.Empty())
	}
	if got := d.Aliases["gen.User"]; !slices.Equal(got, []string{"admin.User"}) {
		t.Errorf("aliases of gen.User = %q", got)
	}

	md := d.Markdown("wrapper/api.txt")
	noteHas(t, md,
		"**Removed (2): code that uses them no longer compiles**",
		"**Changed (1): code that uses them may no longer compile**\n\n```diff\n- pkg gen, type User struct, Nick *string `json:\"nick,omitempty\"`\n+ pkg gen, type User struct, Nick string `json:\"nick\"`\n```",
		"**Methods added to interfaces (1)",
		"**Struct tags changed (1): Go code compiles as before",
		"+ pkg gen, type Workspace struct  (+1 members)\n",
		"Users know the touched types by their aliases too: `admin.User` = `gen.User`.",
	)
	noteLacks(t, md, "+ pkg gen, type Workspace struct, ID")

	same, err := diffAPI(base, base)
	if err != nil || same.Breaking() || !same.Empty() {
		t.Errorf("diffAPI(base, base) = %+v, %v", same, err)
	}
}

func TestDiffAPIAddedCap(t *testing.T) {
	var rev []string
	for i := range maxAdded + 5 {
		rev = append(rev, "pkg gen, var V"+strings.Repeat("x", i)+" int")
	}
	d, err := diffAPI(nil, rev)
	if err != nil {
		t.Fatal(err)
	}
	noteHas(t, d.Markdown("wrapper/api.txt"), "# ... and 5 more: see the diff of wrapper/api.txt")
}
