package admintest

import (
	"context"
	"regexp"
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// External keys (customer-managed encryption keys). A key is attached
// while a workspace, live or archived, names it in external_key_id;
// workspaces are never deleted here, so an attached key stays attached.
// Attached keys cannot be deleted, and their geo and provider_config
// cannot change.

// externalKey is a stored external key configuration. Attachment is
// computed from state.extKeyUses when the key is shown.
type externalKey struct {
	gen.ExternalKey
	// validationError, when not empty, makes validation fail with this
	// message and workspaces refuse the key (seeded only).
	validationError string
}

func externalKeyNotFound(id string) *apiError {
	return notFound("external_key_id: no external key %q", id)
}

// viewExternalKey returns k as the API shows it, with its attachment.
func (s *Server) viewExternalKey(k *externalKey) gen.ExternalKey {
	v := k.ExternalKey
	v.Attachment.Type = gen.ExternalKeyAttachmentTypeUnattached
	if s.st.gov.extKeyUses[k.ID] > 0 {
		v.Attachment.Type = gen.ExternalKeyAttachmentTypeAttached
	}
	return v
}

func (s *api) ListExternalKeys(ctx context.Context, req server.ListExternalKeysRequestObject) (server.ListExternalKeysResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	data, next, e := newestFirstPage(s.st.gov.externalKeys, "external-keys", req.Params.Limit, req.Params.Page, s.viewExternalKey)
	if e != nil {
		return nil, e
	}
	return server.ListExternalKeys200JSONResponse{Body: gen.ExternalKeyList{Data: data, NextPage: next}}, nil
}

// newestFirstPage is tokenPage for the lists that the real service orders
// newest first: a page is the limit (default 20) records created just
// before the token's position, newest first.
func newestFirstPage[T, R any](t *table[T], kind string, limit *int, page *string, conv func(*T) R) ([]R, *string, *apiError) {
	before, e := parsePageToken(kind, page)
	if e != nil {
		return nil, nil, e
	}
	if before == "" {
		before = "\U0010FFFF" // after every ID
	}
	c := cursor{limit: 20, beforeID: before}
	if limit != nil {
		c.limit = *limit
	}
	ids, items, more := t.page(c, nil)
	data := make([]R, 0, len(items))
	for i := len(items) - 1; i >= 0; i-- {
		data = append(data, conv(items[i]))
	}
	if more {
		return data, pageToken(kind, ids[0]), nil
	}
	return data, nil, nil
}

func (s *api) GetExternalKey(ctx context.Context, req server.GetExternalKeyRequestObject) (server.GetExternalKeyResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	k, ok := s.st.gov.externalKeys.get(req.ExternalKeyID)
	if !ok {
		return nil, externalKeyNotFound(req.ExternalKeyID)
	}
	return server.GetExternalKey200JSONResponse{Body: s.viewExternalKey(k)}, nil
}

func (s *api) CreateExternalKey(ctx context.Context, req server.CreateExternalKeyRequestObject) (server.CreateExternalKeyResponseObject, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	b := req.Body
	k, e := s.addExternalKeyLocked(b.ProviderConfig, b.DisplayName, b.Geo, b.UserProfileID, "", now)
	if e != nil {
		return nil, e
	}
	return server.CreateExternalKey200JSONResponse{Body: s.viewExternalKey(k)}, nil
}

// addExternalKeyLocked checks and stores a new external key.
func (s *Server) addExternalKeyLocked(pc gen.ExternalKeyProviderConfig, name *string, geo *gen.WorkspaceGeo, profile *string, validationError string, now time.Time) (*externalKey, *apiError) {
	pc, e := checkProviderConfig(pc)
	if e != nil {
		return nil, e
	}
	g := gen.WorkspaceGeoUS
	if geo != nil {
		g = *geo
	}
	if profile != nil && *profile == "" {
		return nil, badRequest("user_profile_id: must not be empty")
	}
	k := &externalKey{
		ExternalKey: gen.ExternalKey{
			ID:             s.ids.next("ekey"),
			Type:           gen.ExternalKeyTypeExternalKey,
			CreatedAt:      now,
			UpdatedAt:      now,
			DisplayName:    clonePtr(name),
			Geo:            g,
			ProviderConfig: pc,
			UserProfileID:  clonePtr(profile),
		},
		validationError: validationError,
	}
	s.st.gov.externalKeys.put(k.ID, k)
	return k, nil
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	return ptr(*p)
}

var (
	// kmsARN is an AWS KMS key ARN: arn:<partition>:kms:<region>:<account>:key/<id>
	// (an alias ARN has alias/<name> instead).
	kmsARN = regexp.MustCompile(`^arn:aws[a-z-]*:kms:([a-z0-9-]+):[0-9]{12}:(key|alias)/[A-Za-z0-9/_-]+$`)
	// gcpKeyName is a Cloud KMS key's resource name.
	gcpKeyName = regexp.MustCompile(`^projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+$`)
	// azureVaultURI is a Key Vault or Managed HSM data-plane URI.
	azureVaultURI = regexp.MustCompile(`^https://[A-Za-z0-9-]+\.(vault\.azure\.net|managedhsm\.azure\.net)/?$`)
)

// checkProviderConfig checks a provider configuration against its
// variant: the variant's required fields are present and well formed, no
// field of another variant is set. It returns the configuration as
// stored, with an AWS region derived from the ARN when absent.
func checkProviderConfig(pc gen.ExternalKeyProviderConfig) (gen.ExternalKeyProviderConfig, *apiError) {
	set := map[string]bool{
		"kms_arn": pc.KMSARN != nil, "region": pc.Region != nil, "key_name": pc.KeyName != nil,
		"tenant_id": pc.TenantID != nil, "vault_uri": pc.VaultURI != nil, "client_id": pc.ClientID != nil,
	}
	var required, optional []string
	switch pc.Type {
	case gen.ExternalKeyProviderTypeAWS:
		required, optional = []string{"kms_arn"}, []string{"region"}
	case gen.ExternalKeyProviderTypeGCP:
		required = []string{"key_name"}
	case gen.ExternalKeyProviderTypeAzure:
		required, optional = []string{"key_name", "tenant_id", "vault_uri"}, []string{"client_id"}
	}
	for _, f := range required {
		if !set[f] {
			return pc, badRequest("provider_config.%s: is required for type %s", f, pc.Type)
		}
		delete(set, f)
	}
	for _, f := range optional {
		delete(set, f)
	}
	for _, f := range []string{"kms_arn", "region", "key_name", "tenant_id", "vault_uri", "client_id"} {
		if set[f] {
			return pc, badRequest("provider_config.%s: not allowed for type %s", f, pc.Type)
		}
	}
	out := pc
	switch pc.Type {
	case gen.ExternalKeyProviderTypeAWS:
		m := kmsARN.FindStringSubmatch(*pc.KMSARN)
		if m == nil {
			return pc, badRequest("provider_config.kms_arn: %q is not an AWS KMS key ARN", *pc.KMSARN)
		}
		if m[2] == "alias" {
			return pc, badRequest("provider_config.kms_arn: alias ARNs are not accepted; use the key's ARN")
		}
		switch {
		case pc.Region == nil:
			out.Region = ptr(m[1])
		case *pc.Region != m[1]:
			return pc, badRequest("provider_config.region: %q differs from the region of kms_arn, %q", *pc.Region, m[1])
		}
	case gen.ExternalKeyProviderTypeGCP:
		if !gcpKeyName.MatchString(*pc.KeyName) {
			return pc, badRequest("provider_config.key_name: %q is not a Cloud KMS key name (projects/.../locations/.../keyRings/.../cryptoKeys/...)", *pc.KeyName)
		}
	case gen.ExternalKeyProviderTypeAzure:
		if strings.TrimSpace(*pc.KeyName) == "" || strings.TrimSpace(*pc.TenantID) == "" {
			return pc, badRequest("provider_config: key_name and tenant_id must not be empty")
		}
		if !azureVaultURI.MatchString(*pc.VaultURI) {
			return pc, badRequest("provider_config.vault_uri: %q is not a Key Vault URI (https://<vault>.vault.azure.net)", *pc.VaultURI)
		}
	}
	return out, nil
}

func (s *api) UpdateExternalKey(ctx context.Context, req server.UpdateExternalKeyRequestObject) (server.UpdateExternalKeyResponseObject, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	k, ok := s.st.gov.externalKeys.get(req.ExternalKeyID)
	if !ok {
		return nil, externalKeyNotFound(req.ExternalKeyID)
	}
	b := req.Body
	nk := *k
	attached := s.st.gov.extKeyUses[k.ID] > 0
	if b.Geo != nil && *b.Geo != k.Geo {
		if attached {
			return nil, conflict("geo: cannot change while a workspace uses external key %q", k.ID)
		}
		nk.Geo = *b.Geo
	}
	if b.ProviderConfig != nil {
		pc, e := checkProviderConfig(*b.ProviderConfig)
		if e != nil {
			return nil, e
		}
		if !sameProviderConfig(pc, k.ProviderConfig) {
			if k.ProviderConfig.Type == gen.ExternalKeyProviderTypeGCP &&
				(pc.Type != gen.ExternalKeyProviderTypeGCP || *pc.KeyName != *k.ProviderConfig.KeyName) {
				return nil, badRequest("provider_config: the provider and key_name of a Google Cloud key cannot change")
			}
			if attached {
				return nil, conflict("provider_config: cannot change while a workspace uses external key %q", k.ID)
			}
			nk.ProviderConfig = pc
		}
	}
	if b.DisplayName != nil {
		nk.DisplayName = ptr(*b.DisplayName)
	}
	nk.UpdatedAt = now
	s.st.gov.externalKeys.put(k.ID, &nk)
	return server.UpdateExternalKey200JSONResponse{Body: s.viewExternalKey(&nk)}, nil
}

// sameProviderConfig reports whether two checked configurations are
// equal.
func sameProviderConfig(a, b gen.ExternalKeyProviderConfig) bool {
	eq := func(x, y *string) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	return a.Type == b.Type && eq(a.KMSARN, b.KMSARN) && eq(a.Region, b.Region) && eq(a.KeyName, b.KeyName) &&
		eq(a.TenantID, b.TenantID) && eq(a.VaultURI, b.VaultURI) && eq(a.ClientID, b.ClientID)
}

func (s *api) DeleteExternalKey(ctx context.Context, req server.DeleteExternalKeyRequestObject) (server.DeleteExternalKeyResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.st.gov.externalKeys.get(req.ExternalKeyID); !ok {
		return nil, externalKeyNotFound(req.ExternalKeyID)
	}
	if n := s.st.gov.extKeyUses[req.ExternalKeyID]; n > 0 {
		return nil, conflict("external key %q is used by %d workspace(s), archived ones included, and cannot be deleted", req.ExternalKeyID, n)
	}
	s.st.gov.externalKeys.del(req.ExternalKeyID)
	return server.DeleteExternalKey200JSONResponse{Body: gen.ExternalKeyDeleted{ID: req.ExternalKeyID, Type: gen.ExternalKeyDeletedTypeExternalKeyDeleted}}, nil
}

func (s *api) ValidateExternalKey(ctx context.Context, req server.ValidateExternalKeyRequestObject) (server.ValidateExternalKeyResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	k, ok := s.st.gov.externalKeys.get(req.ExternalKeyID)
	if !ok {
		return nil, externalKeyNotFound(req.ExternalKeyID)
	}
	v := gen.ExternalKeyValidation{Type: gen.ExternalKeyValidationTypeExternalKeyValidation, Status: gen.ExternalKeyValidationStatusSuccess}
	if k.validationError != "" {
		v.Status, v.Error = gen.ExternalKeyValidationStatusFailure, ptr(k.validationError)
	}
	return server.ValidateExternalKey200JSONResponse{Body: v}, nil
}

// useExternalKeyLocked checks that a workspace may use the external key
// id and counts the use. A key must exist, must validate, and must not be
// bound to a user profile: workspaces here have none, and a bound key is
// only for a workspace with the same profile.
func (s *Server) useExternalKeyLocked(id string) *apiError {
	k, ok := s.st.gov.externalKeys.get(id)
	if !ok {
		return badRequest("external_key_id: the organization has no external key %q", id)
	}
	if k.validationError != "" {
		return badRequest("external_key_id: external key %q failed validation: %s", id, k.validationError)
	}
	if k.UserProfileID != nil {
		return badRequest("external_key_id: external key %q is bound to user profile %q, and the workspace has no user profile", id, *k.UserProfileID)
	}
	s.st.gov.extKeyUses[id]++
	return nil
}

// ExternalKeySeed describes an external key for [Server.AddExternalKey].
type ExternalKeySeed struct {
	// ProviderConfig is required and checked as the API checks it.
	ProviderConfig admin.ExternalKeyProviderConfig
	// DisplayName is optional.
	DisplayName string
	// UserProfileID binds the key to a user profile; workspaces (which have
	// none here) then refuse it.
	UserProfileID string
	// ValidationError, when set, makes POST .../validate report failure
	// with this message, and makes workspaces refuse the key as the real
	// service does a key that fails validation (400).
	ValidationError string
	// CreatedAt defaults to now.
	CreatedAt time.Time
}

// AddExternalKey adds an external key configuration and returns it.
func (s *Server) AddExternalKey(k ExternalKeySeed) (admin.ExternalKey, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	var name, profile *string
	if k.DisplayName != "" {
		name = &k.DisplayName
	}
	if k.UserProfileID != "" {
		profile = &k.UserProfileID
	}
	nk, e := s.addExternalKeyLocked(k.ProviderConfig, name, nil, profile, k.ValidationError, orNow(k.CreatedAt, now))
	if e != nil {
		return gen.ExternalKey{}, asError(e)
	}
	return s.viewExternalKey(nk), nil
}
