//go:build generate

package anthropicadmin

//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config spec/oapi-codegen.yaml -o gen/gen.go spec/admin-api.yaml
//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config spec/oapi-codegen-server.yaml -o gen/server/server.go spec/admin-api.yaml
//go:generate go run ./wrapper/admin/internal/wrappergen -spec spec/admin-api.yaml -gen gen/gen.go -o wrapper/admin
