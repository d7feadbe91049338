package admin_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLeanDependencies keeps what users compile small: package admin must
// not pull in the fake, the generated server, kin-openapi or YAML.
func TestLeanDependencies(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list -deps printed %d packages; the check below would prove nothing", len(deps))
	}
	for _, dep := range deps {
		for _, banned := range []string{"kin-openapi", "/admintest", "/gen/server", "yaml", "gorilla"} {
			if strings.Contains(dep, banned) {
				t.Errorf("package admin depends on %s", dep)
			}
		}
	}
}
