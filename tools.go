//go:build tools

// Package anthropicadmin pins the code generator used by go generate, so that
// go.mod records the exact version every developer and CI run.
package anthropicadmin

import (
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
)
