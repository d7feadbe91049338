package admintest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

const (
	testARN      = "arn:aws:kms:us-east-1:111122223333:key/abcd1234-5678-90ab-cdef-000011112222"
	testGCPKey   = "projects/p1/locations/us/keyRings/r1/cryptoKeys/k1"
	testVaultURI = "https://contoso.vault.azure.net"
)

func awsConfig() map[string]any { return map[string]any{"type": "aws", "kms_arn": testARN} }

// TestExternalKeyCreate checks creation: each provider's required fields,
// the AWS region derived from the ARN, the defaults, and the refusals of
// malformed or mixed configurations.
func TestExternalKeyCreate(t *testing.T) {
	f := newFake(t)
	aws := ok[gen.ExternalKey](f, "POST", "/v1/organizations/external_keys", map[string]any{"provider_config": awsConfig(), "display_name": "Prod key"})
	if !strings.HasPrefix(aws.ID, "ekey_01") || aws.Type != gen.ExternalKeyTypeExternalKey ||
		aws.Attachment.Type != gen.ExternalKeyAttachmentTypeUnattached || aws.Geo != gen.WorkspaceGeoUS ||
		deref(aws.DisplayName) != "Prod key" || aws.UserProfileID != nil || !aws.CreatedAt.Equal(t0) || !aws.UpdatedAt.Equal(t0) {
		t.Errorf("created %+v", aws)
	}
	if pc := aws.ProviderConfig; pc.Type != gen.ExternalKeyProviderTypeAWS || deref(pc.KMSARN) != testARN || deref(pc.Region) != "us-east-1" {
		t.Errorf("aws provider_config %+v: want the ARN and the region derived from it", pc)
	}
	gcp := ok[gen.ExternalKey](f, "POST", "/v1/organizations/external_keys", map[string]any{
		"provider_config": map[string]any{"type": "gcp", "key_name": testGCPKey}, "user_profile_id": "uprof_01SDCCSbTxrXDpWc1phhtcfK"})
	if deref(gcp.ProviderConfig.KeyName) != testGCPKey || deref(gcp.UserProfileID) != "uprof_01SDCCSbTxrXDpWc1phhtcfK" || gcp.DisplayName != nil {
		t.Errorf("gcp key %+v", gcp)
	}
	az := ok[gen.ExternalKey](f, "POST", "/v1/organizations/external_keys", map[string]any{
		"provider_config": map[string]any{"type": "azure", "key_name": "cmk", "tenant_id": "tenant-1", "vault_uri": testVaultURI, "client_id": "app-1"}, "geo": "us"})
	if pc := az.ProviderConfig; deref(pc.VaultURI) != testVaultURI || deref(pc.TenantID) != "tenant-1" || deref(pc.ClientID) != "app-1" || pc.KMSARN != nil {
		t.Errorf("azure provider_config %+v", pc)
	}
	got := ok[gen.ExternalKey](f, "GET", "/v1/organizations/external_keys/"+gcp.ID, nil)
	if diff := cmp.Diff(gcp, got); diff != "" {
		t.Errorf("get (-created +got):\n%s", diff)
	}

	for name, pc := range map[string]map[string]any{
		"aws without kms_arn":     {"type": "aws", "region": "us-east-1"},
		"aws with a gcp field":    {"type": "aws", "kms_arn": testARN, "key_name": testGCPKey},
		"aws alias ARN":           {"type": "aws", "kms_arn": "arn:aws:kms:us-east-1:111122223333:alias/prod"},
		"aws not an ARN":          {"type": "aws", "kms_arn": "abcd1234"},
		"aws region mismatch":     {"type": "aws", "kms_arn": testARN, "region": "eu-west-1"},
		"gcp without key_name":    {"type": "gcp"},
		"gcp short key_name":      {"type": "gcp", "key_name": "k1"},
		"gcp with region":         {"type": "gcp", "key_name": testGCPKey, "region": "us"},
		"azure without tenant_id": {"type": "azure", "key_name": "cmk", "vault_uri": testVaultURI},
		"azure bad vault_uri":     {"type": "azure", "key_name": "cmk", "tenant_id": "t", "vault_uri": "http://contoso.example.com"},
		"unknown type":            {"type": "oci", "key_name": "k"},
	} {
		t.Run(name, func(t *testing.T) {
			f.fails("POST", "/v1/organizations/external_keys", map[string]any{"provider_config": pc}, 400, errInvalidRequest)
		})
	}
	f.fails("POST", "/v1/organizations/external_keys", map[string]any{"display_name": "no config"}, 400, errInvalidRequest)
	f.fails("POST", "/v1/organizations/external_keys", map[string]any{"provider_config": awsConfig(), "geo": "eu"}, 400, errInvalidRequest)
	f.fails("POST", "/v1/organizations/external_keys", map[string]any{"provider_config": awsConfig(), "user_profile_id": ""}, 400, errInvalidRequest)
	f.fails("GET", "/v1/organizations/external_keys/ekey_01nope", nil, 404, errNotFound)
}

// TestExternalKeyList checks that keys are listed newest first, a page at
// a time, and that a token of another list is refused.
func TestExternalKeyList(t *testing.T) {
	f := newFake(t)
	var want []string
	for i := range 5 {
		k := must[gen.ExternalKey](t)(f.AddExternalKey(ExternalKeySeed{ProviderConfig: gen.ExternalKeyProviderConfig{
			Type: gen.ExternalKeyProviderTypeGCP, KeyName: ptr(fmt.Sprintf("projects/p/locations/us/keyRings/r/cryptoKeys/k%d", i))}}))
		want = append([]string{k.ID}, want...)
	}
	var got []string
	path := "/v1/organizations/external_keys?limit=2"
	for pages := 0; ; pages++ {
		if pages > 3 {
			t.Fatal("more pages than keys")
		}
		l := ok[gen.ExternalKeyList](f, "GET", path, nil)
		for _, k := range l.Data {
			got = append(got, k.ID)
		}
		if l.NextPage == nil {
			break
		}
		path = "/v1/organizations/external_keys?limit=2&page=" + *l.NextPage
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("newest first (-want +got):\n%s", diff)
	}
	if l := ok[gen.ExternalKeyList](f, "GET", "/v1/organizations/external_keys", nil); len(l.Data) != 5 || l.NextPage != nil {
		t.Errorf("default page: %d keys, next %v", len(l.Data), l.NextPage)
	}
	roles := ok[gen.RBACRoleList](f, "GET", "/v1/organizations/rbac_roles?limit=1", nil)
	f.fails("GET", "/v1/organizations/external_keys?page="+*roles.NextPage, nil, 400, errInvalidRequest)
}

// TestExternalKeyAttachment checks the rules tying keys to workspaces:
// a workspace must name an existing, valid, unbound key; a used key is
// attached, even once its workspace is archived, and then neither deleted
// nor reconfigured, while its display name still changes.
func TestExternalKeyAttachment(t *testing.T) {
	f := newFake(t)
	k := ok[gen.ExternalKey](f, "POST", "/v1/organizations/external_keys", map[string]any{"provider_config": awsConfig()})
	bound := ok[gen.ExternalKey](f, "POST", "/v1/organizations/external_keys", map[string]any{"provider_config": awsConfig(), "user_profile_id": "uprof_01x"})
	broken := must[gen.ExternalKey](t)(f.AddExternalKey(ExternalKeySeed{ProviderConfig: gen.ExternalKeyProviderConfig{Type: gen.ExternalKeyProviderTypeAWS, KMSARN: ptr(testARN)}, ValidationError: "AccessDeniedException"}))

	f.fails("POST", "/v1/organizations/workspaces", map[string]any{"name": "CMEK", "external_key_id": "ekey_01doesnotexist"}, 400, errInvalidRequest)
	f.fails("POST", "/v1/organizations/workspaces", map[string]any{"name": "CMEK", "external_key_id": bound.ID}, 400, errInvalidRequest)
	f.fails("POST", "/v1/organizations/workspaces", map[string]any{"name": "CMEK", "external_key_id": broken.ID}, 400, errInvalidRequest)
	if l := ok[gen.WorkspaceList](f, "GET", "/v1/organizations/workspaces", nil); len(l.Data) != 0 {
		t.Fatalf("a refused create made %d workspaces", len(l.Data))
	}

	// Through an update: a refused update leaves the key unattached.
	w := ok[gen.Workspace](f, "POST", "/v1/organizations/workspaces", map[string]any{"name": "Plain"})
	f.fails("POST", "/v1/organizations/workspaces/"+w.ID, map[string]any{"external_key_id": k.ID, "data_residency": map[string]any{"allowed_inference_geos": []string{"us"}, "default_inference_geo": "global"}}, 400, errInvalidRequest)
	if got := ok[gen.ExternalKey](f, "GET", "/v1/organizations/external_keys/"+k.ID, nil); got.Attachment.Type != gen.ExternalKeyAttachmentTypeUnattached {
		t.Fatalf("attachment after a refused update = %s", got.Attachment.Type)
	}
	w = ok[gen.Workspace](f, "POST", "/v1/organizations/workspaces/"+w.ID, map[string]any{"external_key_id": k.ID})
	if deref(w.ExternalKeyID) != k.ID {
		t.Fatalf("workspace external_key_id = %v", w.ExternalKeyID)
	}
	// Setting the same key again is a no-op; another is refused.
	ok[gen.Workspace](f, "POST", "/v1/organizations/workspaces/"+w.ID, map[string]any{"external_key_id": k.ID})
	f.fails("POST", "/v1/organizations/workspaces/"+w.ID, map[string]any{"external_key_id": broken.ID}, 400, errInvalidRequest)
	ok[gen.Workspace](f, "POST", "/v1/organizations/workspaces/"+w.ID+"/archive", nil)

	f.Advance(time.Minute)
	got := ok[gen.ExternalKey](f, "GET", "/v1/organizations/external_keys/"+k.ID, nil)
	if got.Attachment.Type != gen.ExternalKeyAttachmentTypeAttached {
		t.Fatalf("attachment = %s, want attached (archived workspaces count)", got.Attachment.Type)
	}
	f.fails("DELETE", "/v1/organizations/external_keys/"+k.ID, nil, 409, errConflict)
	f.fails("POST", "/v1/organizations/external_keys/"+k.ID, map[string]any{"provider_config": map[string]any{"type": "aws", "kms_arn": strings.Replace(testARN, "abcd", "ffff", 1)}}, 409, errConflict)
	f.fails("POST", "/v1/organizations/external_keys/"+k.ID, map[string]any{"provider_config": map[string]any{"type": "gcp", "key_name": testGCPKey}}, 409, errConflict)
	// The same configuration and geo again, and a new name, are accepted.
	u := ok[gen.ExternalKey](f, "POST", "/v1/organizations/external_keys/"+k.ID, map[string]any{"provider_config": awsConfig(), "geo": "us", "display_name": "Renamed"})
	if deref(u.DisplayName) != "Renamed" || !u.UpdatedAt.Equal(t0.Add(time.Minute)) || !u.CreatedAt.Equal(t0) || deref(u.ProviderConfig.Region) != "us-east-1" {
		t.Errorf("updated attached key %+v", u)
	}

	// Unattached keys change and go.
	u = ok[gen.ExternalKey](f, "POST", "/v1/organizations/external_keys/"+broken.ID, map[string]any{"provider_config": map[string]any{"type": "azure", "key_name": "cmk", "tenant_id": "t", "vault_uri": testVaultURI}})
	if u.ProviderConfig.Type != gen.ExternalKeyProviderTypeAzure || u.ProviderConfig.KMSARN != nil || u.ProviderConfig.Region != nil {
		t.Errorf("reconfigured key %+v", u.ProviderConfig)
	}
	del := ok[gen.ExternalKeyDeleted](f, "DELETE", "/v1/organizations/external_keys/"+broken.ID, nil)
	if del.ID != broken.ID || del.Type != gen.ExternalKeyDeletedTypeExternalKeyDeleted {
		t.Errorf("deleted %+v", del)
	}
	f.fails("GET", "/v1/organizations/external_keys/"+broken.ID, nil, 404, errNotFound)
	f.fails("DELETE", "/v1/organizations/external_keys/"+broken.ID, nil, 404, errNotFound)
	f.fails("POST", "/v1/organizations/external_keys/"+broken.ID, map[string]any{"display_name": "x"}, 404, errNotFound)
}

// TestExternalKeyGCPLocked checks that a Google Cloud key's provider and
// key name never change, even unattached.
func TestExternalKeyGCPLocked(t *testing.T) {
	f := newFake(t)
	k := ok[gen.ExternalKey](f, "POST", "/v1/organizations/external_keys", map[string]any{"provider_config": map[string]any{"type": "gcp", "key_name": testGCPKey}})
	f.fails("POST", "/v1/organizations/external_keys/"+k.ID, map[string]any{"provider_config": map[string]any{"type": "gcp", "key_name": testGCPKey + "2"}}, 400, errInvalidRequest)
	f.fails("POST", "/v1/organizations/external_keys/"+k.ID, map[string]any{"provider_config": awsConfig()}, 400, errInvalidRequest)
	ok[gen.ExternalKey](f, "POST", "/v1/organizations/external_keys/"+k.ID, map[string]any{"provider_config": map[string]any{"type": "gcp", "key_name": testGCPKey}, "display_name": "same key"})
}

// TestExternalKeyValidate checks both outcomes of validation.
func TestExternalKeyValidate(t *testing.T) {
	f := newFake(t)
	good := ok[gen.ExternalKey](f, "POST", "/v1/organizations/external_keys", map[string]any{"provider_config": awsConfig()})
	bad := must[gen.ExternalKey](t)(f.AddExternalKey(ExternalKeySeed{ProviderConfig: gen.ExternalKeyProviderConfig{Type: gen.ExternalKeyProviderTypeGCP, KeyName: ptr(testGCPKey)}, ValidationError: "permission denied on key"}))
	v := ok[gen.ExternalKeyValidation](f, "POST", "/v1/organizations/external_keys/"+good.ID+"/validate", nil)
	if v.Status != gen.ExternalKeyValidationStatusSuccess || v.Error != nil || v.Type != gen.ExternalKeyValidationTypeExternalKeyValidation {
		t.Errorf("valid key: %+v", v)
	}
	v = ok[gen.ExternalKeyValidation](f, "POST", "/v1/organizations/external_keys/"+bad.ID+"/validate", nil)
	if v.Status != gen.ExternalKeyValidationStatusFailure || deref(v.Error) != "permission denied on key" {
		t.Errorf("failing key: %+v", v)
	}
	f.fails("POST", "/v1/organizations/external_keys/ekey_01nope/validate", nil, 404, errNotFound)
	if _, err := f.AddExternalKey(ExternalKeySeed{ProviderConfig: gen.ExternalKeyProviderConfig{Type: gen.ExternalKeyProviderTypeAWS}}); err == nil {
		t.Error("AddExternalKey took an AWS key without kms_arn")
	}
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
