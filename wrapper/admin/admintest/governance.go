package admintest

import (
	"context"
	"net/http"
	"strings"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
)

// governance is the state of the organization-wide controls: external
// keys, compliance settings and RBAC groups. Guarded by Server.mu.
type governance struct {
	externalKeys       *table[externalKey]
	extKeyUses         map[string]int // external key ID -> number of workspaces using it
	complianceDisabled bool           // the compliance settings' state is disabled
	rbacGroups         *table[rbacGroup]
	rbacPermissions    map[string]*table[gen.RBACRolePermission] // by role ID
}

func newGovernance() *governance {
	return &governance{
		externalKeys:    newTable[externalKey](),
		extKeyUses:      make(map[string]int),
		rbacGroups:      newTable[rbacGroup](),
		rbacPermissions: make(map[string]*table[gen.RBACRolePermission]),
	}
}

// ------------------------------------------------------ compliance settings

func (s *Server) complianceSettingsLocked() gen.ComplianceSettings {
	st := gen.ComplianceSettingsStateTypeEnabled
	if s.st.gov.complianceDisabled {
		st = gen.ComplianceSettingsStateTypeDisabled
	}
	return gen.ComplianceSettings{Type: gen.ComplianceSettingsTypeComplianceSettings, State: gen.ComplianceSettingsState{Type: st}}
}

func (s *api) GetComplianceSettings(ctx context.Context, _ server.GetComplianceSettingsRequestObject) (server.GetComplianceSettingsResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return server.GetComplianceSettings200JSONResponse{Body: s.complianceSettingsLocked()}, nil
}

func (s *api) UpdateComplianceSettings(ctx context.Context, req server.UpdateComplianceSettingsRequestObject) (server.UpdateComplianceSettingsResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.gov.complianceDisabled = req.Body.State.Type == gen.ComplianceSettingsStateTypeDisabled
	return server.UpdateComplianceSettings200JSONResponse{Body: s.complianceSettingsLocked()}, nil
}

// checkComplianceEnabled refuses a Compliance API request (a path under
// /v1/compliance/) while the compliance settings disable the API.
func (s *Server) checkComplianceEnabled(r *http.Request) *apiError {
	if !strings.HasPrefix(r.URL.Path, "/v1/compliance/") {
		return nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.st.gov.complianceDisabled {
		return newError(http.StatusForbidden, errPermission, "the Compliance API is disabled for this organization (see /v1/organizations/compliance_settings)")
	}
	return nil
}
