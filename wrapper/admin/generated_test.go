package admin_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// TestEveryOperationHasAMethod checks the generated layer against the
// spec: each operationId has an Operation constant whose Method names a
// real service field of Client and a real method of it, and each List has
// Pages and All beside it.
func TestEveryOperationHasAMethod(t *testing.T) {
	doc, err := server.GetSpec()
	if err != nil {
		t.Fatal(err)
	}
	known := map[admin.Operation]bool{}
	for _, op := range admin.Operations() {
		known[op] = true
	}
	client := reflect.TypeFor[admin.Client]()
	n := 0
	for _, item := range doc.Paths.Map() {
		for _, o := range item.Operations() {
			n++
			op := admin.Operation(o.OperationID)
			if !known[op] {
				t.Errorf("%s has no Operation constant", op)
				continue
			}
			service, method, ok := strings.Cut(op.Method(), ".")
			if !ok {
				t.Errorf("%s: Method() = %q", op, op.Method())
				continue
			}
			field, ok := client.FieldByName(service)
			if !ok {
				t.Errorf("%s: Client has no field %s", op, service)
				continue
			}
			methods := []string{method}
			if method == "List" {
				methods = append(methods, "Pages", "All")
			}
			for _, m := range methods {
				if _, ok := field.Type.MethodByName(m); !ok {
					t.Errorf("%s: %s has no method %s", op, field.Type, m)
				}
			}
		}
	}
	if n != len(admin.Operations()) {
		t.Errorf("the spec has %d operations, Operations() %d", n, len(admin.Operations()))
	}
	if got := admin.OpListUsers.MaxPageSize(); got != 1000 {
		t.Errorf("OpListUsers.MaxPageSize() = %d, want 1000", got)
	}
	if got := admin.OpGetUser.MaxPageSize(); got != 0 {
		t.Errorf("OpGetUser.MaxPageSize() = %d, want 0", got)
	}
}
