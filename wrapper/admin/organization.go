package admin

import (
	"context"
	"net/http"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// Organization is an organization.
type Organization = gen.Organization

// OrganizationType is the object type of `organization` objects.
type OrganizationType = gen.OrganizationType

// The values of OrganizationType.
const (
	OrganizationTypeOrganization = gen.OrganizationTypeOrganization
)

// OrganizationService reads the organization the Admin key belongs to. Get
// it from [Client.Organization].
type OrganizationService struct{ cfg *config }

// Get returns the organization the Admin API key belongs to. Its ID is the
// organization UUID the Compliance API asks for.
func (s *OrganizationService) Get(ctx context.Context) (*Organization, error) {
	return call[Organization](ctx, s.cfg, op{verb: "get organization"}, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.GetOrganizationMe(ctx, edit)
	})
}
