package admin

import (
	"context"
	"iter"
	"net/http"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// APIKey is an API key of the organization (never its secret).
type APIKey = gen.APIKey

// APIKeyList is one page of API keys (ID cursor).
type APIKeyList = gen.APIKeyList

// APIKeyCreator describes who created an API key.
type APIKeyCreator = gen.APIKeyCreator

// APIKeyCreatorType is the kind of principal that created a key.
type APIKeyCreatorType = gen.APIKeyCreatorType

// APIKeyPrincipal is the principal a key is bound to.
type APIKeyPrincipal = gen.APIKeyPrincipal

// APIKeyPrincipalType is the kind of principal a key is bound to.
type APIKeyPrincipalType = gen.APIKeyPrincipalType

// APIKeyScope describes what a key gives access to.
type APIKeyScope = gen.APIKeyScope

// APIKeyScopeType describes what an API key gives access to.
type APIKeyScopeType = gen.APIKeyScopeType

// APIKeyStatus is the state of an API key.
type APIKeyStatus = gen.APIKeyStatus

// APIKeyStatusUpdate is a state an API key can be put in (`expired` cannot be set).
type APIKeyStatusUpdate = gen.APIKeyStatusUpdate

// APIKeyType is the object type of `api_key` objects.
type APIKeyType = gen.APIKeyType

// UpdateAPIKeyRequest is a change to an API key; absent fields are left unchanged.
type UpdateAPIKeyRequest = gen.UpdateAPIKeyRequest

// The values of APIKeyCreatorType.
const (
	APIKeyCreatorTypeServiceAccount = gen.APIKeyCreatorTypeServiceAccount
	APIKeyCreatorTypeUser           = gen.APIKeyCreatorTypeUser
)

// The values of APIKeyPrincipalType.
const (
	APIKeyPrincipalTypeServiceAccountActor = gen.APIKeyPrincipalTypeServiceAccountActor
	APIKeyPrincipalTypeUserActor           = gen.APIKeyPrincipalTypeUserActor
)

// The values of APIKeyScopeType.
const (
	APIKeyScopeTypeOrganization = gen.APIKeyScopeTypeOrganization
	APIKeyScopeTypeWorkspace    = gen.APIKeyScopeTypeWorkspace
)

// The values of APIKeyStatus.
const (
	APIKeyStatusActive   = gen.APIKeyStatusActive
	APIKeyStatusArchived = gen.APIKeyStatusArchived
	APIKeyStatusExpired  = gen.APIKeyStatusExpired
	APIKeyStatusInactive = gen.APIKeyStatusInactive
)

// The values of APIKeyStatusUpdate.
const (
	APIKeyStatusUpdateActive   = gen.APIKeyStatusUpdateActive
	APIKeyStatusUpdateArchived = gen.APIKeyStatusUpdateArchived
	APIKeyStatusUpdateInactive = gen.APIKeyStatusUpdateInactive
)

// The values of APIKeyType.
const (
	APIKeyTypeAPIKey = gen.APIKeyTypeAPIKey
)

// ListAPIKeysParams are the parameters of [APIKeysService.List].
type ListAPIKeysParams struct {
	ListParams
	// Status, when set, returns only keys in this state.
	Status APIKeyStatus
	// WorkspaceID, when set, returns only the keys of this workspace.
	WorkspaceID string
	// CreatedByUserID, when set, returns only keys this user created.
	CreatedByUserID string
}

// APIKeysService reads and updates the organization's API keys (keys are
// created and deleted in the Console only). Get it from [Client.APIKeys].
type APIKeysService struct{ cfg *config }

// Get returns the API key with the given ID (never its secret).
func (s *APIKeysService) Get(ctx context.Context, apiKeyID string) (*APIKey, error) {
	o := op{verb: "get API key", ids: [2]arg{{"API key ID", apiKeyID}}}
	return call[APIKey](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.GetAPIKey(ctx, apiKeyID, edit)
	})
}

// List returns one page of API keys. params may be nil.
func (s *APIKeysService) List(ctx context.Context, params *ListAPIKeysParams) (*APIKeyList, error) {
	p := deref(params)
	o := op{verb: "list API keys"}
	if err := p.check(o); err != nil {
		return nil, err
	}
	q := &gen.ListAPIKeysParams{
		Limit:           optional(p.Limit),
		BeforeID:        optional(p.BeforeID),
		AfterID:         optional(p.AfterID),
		Status:          optional(p.Status),
		WorkspaceID:     optional(p.WorkspaceID),
		CreatedByUserID: optional(p.CreatedByUserID),
	}
	return call[APIKeyList](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.ListAPIKeys(ctx, q, edit)
	})
}

// Pages iterates over the pages that List returns, one page per loop
// iteration, fetching each only when the loop asks for it. It yields an
// error at most once and then stops.
func (s *APIKeysService) Pages(ctx context.Context, params *ListAPIKeysParams) iter.Seq2[*APIKeyList, error] {
	p := deref(params)
	return idPages(ctx, p.cursor(), func(ctx context.Context, c idCursor) (*APIKeyList, error) {
		q := p
		q.ListParams = p.at(c)
		return s.List(ctx, &q)
	}, func(l *APIKeyList) idPage { return idPage{len(l.Data) == 0, l.HasMore, l.FirstID, l.LastID} })
}

// All iterates over every API key matching params, fetching pages lazily.
// params may be nil.
func (s *APIKeysService) All(ctx context.Context, params *ListAPIKeysParams) iter.Seq2[APIKey, error] {
	return items(s.Pages(ctx, params), func(l *APIKeyList) []APIKey { return l.Data })
}

// Update renames an API key or changes its status; fields left nil are
// unchanged.
func (s *APIKeysService) Update(ctx context.Context, apiKeyID string, body UpdateAPIKeyRequest) (*APIKey, error) {
	o := op{verb: "update API key", ids: [2]arg{{"API key ID", apiKeyID}}}
	if body.Name == nil && body.Status == nil {
		return nil, opError(o.String(), invalidInput("nothing to update: set Name or Status"))
	}
	return call[APIKey](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.UpdateAPIKey(ctx, apiKeyID, body, edit)
	})
}
