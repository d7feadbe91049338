package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRelativize(t *testing.T) {
	out := "# example.com/m/wrapper/admin\n" +
		"vet: /home/ci/m/wrapper/admin/a.go:3:1: undefined: x\n" +
		"./wrapper/admin/b.go:4:2: undefined: y\n" +
		"# example.com/m/wrapper/admin\n" +
		"vet: /home/ci/m/wrapper/admin/a.go:3:1: undefined: x\n"
	want := "# example.com/m/wrapper/admin\n" +
		"wrapper/admin/a.go:3:1: undefined: x\n" +
		"wrapper/admin/b.go:4:2: undefined: y\n" +
		"# example.com/m/wrapper/admin\n"
	if got := relativize(out, "/home/ci/m"); got != want {
		t.Errorf("relativize:\n%s\nwant:\n%s", got, want)
	}
	errs := parseCompileErrors(want)
	if len(errs) != 2 || errs[0] != (compileError{File: "wrapper/admin/a.go", Line: 3, Msg: "undefined: x"}) {
		t.Errorf("parseCompileErrors = %+v", errs)
	}
}

func TestSortBlocks(t *testing.T) {
	in := "go: warning\n# example.com/m/b\nb.go:1:1: x\n# example.com/m/a\na.go:1:1: y\na.go:2:1: z"
	want := "go: warning\n# example.com/m/a\na.go:1:1: y\na.go:2:1: z\n# example.com/m/b\nb.go:1:1: x"
	if got := sortBlocks(in); got != want {
		t.Errorf("sortBlocks:\n%s\nwant:\n%s", got, want)
	}
}

// TestExplain correlates compile errors with the spec's changelog and the
// Go API diff, as the build step does.
func TestExplain(t *testing.T) {
	base := []string{
		"pkg gen, const OrganizationRoleManaged OrganizationRole = \"managed\"",
		"pkg gen, type User struct",
		"pkg gen, type User struct, Email string `json:\"email\"`",
		"pkg gen, type User struct, Name string `json:\"name\"`",
		"pkg gen, type User struct, Nick *string `json:\"nick,omitempty\"`",
		"pkg gen/server, type GetUserRequestObject struct",
		"pkg gen/server, type GetUserRequestObject struct, UserID string `json:\"user_id\"`",
		"pkg gen/server, type StrictServerInterface interface",
		"pkg wrapper/admin, type User = gen.User",
	}
	rev := []string{
		"pkg gen, type User struct",
		"pkg gen, type User struct, EmailAddress string `json:\"email\"`",
		"pkg gen, type User struct, Nick string `json:\"nick\"`",
		"pkg gen/server, type GetUserRequestObject struct",
		"pkg gen/server, type GetUserRequestObject struct, MemberID string `json:\"member_id\"`",
		"pkg gen/server, type RemoveUserRequestObject struct",
		"pkg gen/server, type RemoveUserResponseObject interface",
		"pkg gen/server, type StrictServerInterface interface",
		"pkg gen/server, type StrictServerInterface interface, RemoveUser(context.Context, RemoveUserRequestObject) (RemoveUserResponseObject, error)",
		"pkg wrapper/admin, type User = gen.User",
	}
	d, err := diffAPI(base, rev)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "wrapper", "admin", "admintest"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "wrapper", "admin", "admintest", "seed.go"), []byte("package admintest\n\tu.Nick = ptr(id)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	hc := hintContext{
		dir: dir,
		changes: []oasChange{
			{ID: "endpoint-added", Text: "endpoint added", Operation: "DELETE", OperationID: "removeUser", Path: "/users/{user_id}"},
			{ID: "response-required-property-removed", Text: "removed the required property `data/items/name` from the response", Operation: "GET", Path: "/users"},
			{ID: "response-required-property-removed", Text: "removed the required property `name` from the response", Operation: "GET", Path: "/users/{user_id}"},
			{ID: "response-property-enum-value-removed", Text: "removed the `managed` enum value from the `role` response property", Operation: "GET", Path: "/users/{user_id}"},
		},
		diff:    d,
		rev:     indexListing(rev),
		base:    indexListing(base),
		baseOps: map[string]string{"getUser": "/users/{user_id}", "removeUser": "/users/{user_id}"},
		revOps:  map[string]string{"getUser": "/users/{member_id}", "removeUser": "/users/{user_id}"},
	}
	for _, tc := range []struct {
		name string
		errs []compileError
		want string
	}{
		{
			name: "new operation the fake lacks, twice",
			errs: []compileError{
				{File: "wrapper/admin/admintest/server.go", Line: 76, Msg: "cannot use (*api)(nil) (value of type *api) as server.StrictServerInterface value in variable declaration: *api does not implement server.StrictServerInterface (missing method RemoveUser)"},
				{File: "wrapper/admin/admintest/server.go", Line: 90, Msg: "cannot use a (variable of type *api) as server.StrictServerInterface value in argument to server.NewStrictHandler: *api does not implement server.StrictServerInterface (missing method RemoveUser)"},
			},
			want: "The spec adds the operation `removeUser` (`DELETE /users/{user_id}`), so `server.StrictServerInterface` gained `RemoveUser`, which the fake (`wrapper/admin/admintest`) does not implement yet (`wrapper/admin/admintest/server.go:76`, `wrapper/admin/admintest/server.go:90`): add `func (*api) RemoveUser(context.Context, server.RemoveUserRequestObject) (server.RemoveUserResponseObject, error)` to the fake (`wrapper/admin/admintest`).",
		},
		{
			name: "field renamed, same JSON name, through an alias",
			errs: []compileError{{File: "wrapper/admin/users.go", Line: 12, Msg: "u.Email undefined (type User has no field or method Email)"}},
			want: "`gen.User.Email` is now `EmailAddress`, with the same JSON name `email`: the spec gave the field another Go name (an `x-go-name`?). Rename the use at `wrapper/admin/users.go:12`, or keep the old Go name in the spec.",
		},
		{
			name: "path parameter renamed",
			errs: []compileError{{File: "wrapper/admin/admintest/users.go", Line: 40, Msg: "req.UserID undefined (type server.GetUserRequestObject has no field or method UserID)"}},
			want: "The spec renames the path parameter `user_id` of `getUser` to `member_id` (`/users/{user_id}` → `/users/{member_id}`). oasdiff does not report renamed path parameters, but the generated code names fields and parameters after them: `server.GetUserRequestObject.UserID` is now `MemberID`. Update the code at `wrapper/admin/admintest/users.go:40`.",
		},
		{
			name: "field removed, in a composite literal",
			errs: []compileError{{File: "wrapper/admin/admintest/seed.go", Line: 7, Msg: "unknown field Name in struct literal of type gen.User"}},
			want: "`gen.User.Name` was removed from the Go API (spec: removed the required property `name` from the response; `response-required-property-removed`, GET /users/{user_id}). Update the code at `wrapper/admin/admintest/seed.go:7`.",
		},
		{
			name: "constant removed",
			errs: []compileError{{File: "cmd/anthropic-admin/users.go", Line: 3, Msg: "undefined: gen.OrganizationRoleManaged"}},
			want: "`gen.OrganizationRoleManaged` was removed from the Go API (spec: removed the `managed` enum value from the `role` response property; `response-property-enum-value-removed`, GET /users/{user_id}). Update the code at `cmd/anthropic-admin/users.go:3`.",
		},
		{
			name: "field type changed",
			errs: []compileError{{File: "wrapper/admin/users.go", Line: 20, Msg: "cannot use u.Nick (variable of type string) as *string value in assignment"}},
			want: "`gen.User.Nick` changed from `*string` to `string`. Update the code at `wrapper/admin/users.go:20`.",
		},
		{
			name: "field type changed, named only by the line",
			errs: []compileError{{File: "wrapper/admin/admintest/seed.go", Line: 2, Msg: "cannot use ptr(id) (value of type *string) as string value in assignment"}},
			want: "`gen.User.Nick` changed from `*string` to `string`. Update the code at `wrapper/admin/admintest/seed.go:2`.",
		},
		{
			name: "unrelated error",
			errs: []compileError{{File: "wrapper/admin/x.go", Line: 1, Msg: "undefined: frobnicate"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hints := explain(tc.errs, hc)
			switch {
			case tc.want == "" && len(hints) != 0:
				t.Errorf("hints = %q, want none", hints)
			case tc.want != "" && (len(hints) != 1 || hints[0] != tc.want):
				t.Errorf("hints = %q\nwant [%q]", hints, tc.want)
			}
		})
	}
}

func TestSpecOperations(t *testing.T) {
	spec := "openapi: 3.0.3\npaths:\n  /v1/users:\n    get:\n      operationId: listUsers\n  \"/v1/users/{user_id}\":\n    get:\n      operationId: 'getUser'\n    delete:\n      operationId: removeUser\ncomponents:\n  schemas: {}\n"
	got := specOperations(spec)
	want := map[string]string{"listUsers": "/v1/users", "getUser": "/v1/users/{user_id}", "removeUser": "/v1/users/{user_id}"}
	if len(got) != len(want) {
		t.Errorf("specOperations = %v, want %v", got, want)
	}
	for id, p := range want {
		if got[id] != p {
			t.Errorf("%s: %q, want %q", id, got[id], p)
		}
	}
}
