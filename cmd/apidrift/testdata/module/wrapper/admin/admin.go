// Package admin is the fixture's public package: aliases of the generated
// models and a small client.
package admin

import (
	"context"
	"fmt"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// User is a member of the organization.
type User = gen.User

// OrganizationRole is a user's role.
type OrganizationRole = gen.OrganizationRole

// OrganizationRoleAdmin is the admin role.
const OrganizationRoleAdmin = gen.OrganizationRoleAdmin

// Client calls the API.
type Client struct{ c *gen.ClientWithResponses }

// NewClient returns a client of the API at server.
func NewClient(server string) (*Client, error) {
	c, err := gen.NewClientWithResponses(server)
	if err != nil {
		return nil, err
	}
	return &Client{c: c}, nil
}

// GetUser gets a user.
func (c *Client) GetUser(ctx context.Context, id string) (*User, error) {
	resp, err := c.c.GetUserWithResponse(ctx, id)
	if err != nil {
		return nil, err
	}
	if resp.JSON200 == nil {
		return nil, fmt.Errorf("status %d", resp.StatusCode())
	}
	return resp.JSON200, nil
}

// DisplayName is the user's name.
func DisplayName(u User) string { return u.Name }
