// Package admintest is the fixture's fake of the API: it implements the
// strict server interface of gen/server.
package admintest

import (
	"context"
	"net/http"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
)

type fake struct{ users map[string]gen.User }

var _ server.StrictServerInterface = (*fake)(nil)

// NewHandler returns the fake's HTTP handler, with one user.
func NewHandler() http.Handler {
	f := &fake{users: map[string]gen.User{
		"user_1": {ID: "user_1", Email: "ada@example.com", Name: "Ada", Role: gen.OrganizationRoleAdmin},
	}}
	return server.Handler(server.NewStrictHandler(f, nil))
}

func (f *fake) ListUsers(ctx context.Context, req server.ListUsersRequestObject) (server.ListUsersResponseObject, error) {
	var list server.ListUsers200JSONResponse
	for _, u := range f.users {
		list.Data = append(list.Data, u)
	}
	return list, nil
}

func (f *fake) GetUser(ctx context.Context, req server.GetUserRequestObject) (server.GetUserResponseObject, error) {
	return server.GetUser200JSONResponse(f.users[req.UserID]), nil
}

func (f *fake) UpdateUser(ctx context.Context, req server.UpdateUserRequestObject) (server.UpdateUserResponseObject, error) {
	u := f.users[req.UserID]
	u.Role = gen.OrganizationRole(req.Body.Role)
	f.users[req.UserID] = u
	return server.UpdateUser200JSONResponse(u), nil
}
