package main

import (
	"context"
	"fmt"
	"slices"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// externalKeyView prints an external key; key is the provider's name of
// the key (the ARN, or the key name).
func externalKeyView() view[admin.ExternalKey] {
	return flat(slices.Concat(
		fields[admin.ExternalKey]("id", "display_name", "provider_config.type"),
		[]column[admin.ExternalKey]{col("key", func(k admin.ExternalKey) string { return externalKeyName(k.ProviderConfig) })},
		fields[admin.ExternalKey]("attachment.type", "geo", "created_at"),
	)...)
}

func externalKeyDeletedView() view[admin.ExternalKeyDeleted] {
	return fieldView[admin.ExternalKeyDeleted]("id", "type")
}

func externalKeyValidationView() view[admin.ExternalKeyValidation] {
	return fieldView[admin.ExternalKeyValidation]("status", "error")
}

// externalKeyName returns the provider's name of a key: the KMS ARN of an
// AWS key, the key name of the others.
func externalKeyName(pc admin.ExternalKeyProviderConfig) string {
	if pc.KMSARN != nil {
		return *pc.KMSARN
	}
	return str(pc.KeyName)
}

// externalKeysCommands returns the external-keys group.
func externalKeysCommands() *command {
	providerFlags := []flagSpec{
		{name: "kms-arn", field: "KMSARN", usage: "aws: the `ARN` of the KMS key (required)"},
		{name: "region", field: "Region", usage: "aws: the AWS `region` (default: the ARN's)"},
		{name: "key-name", field: "KeyName", usage: "gcp: the Cloud KMS key's resource `name`; azure: the key's name in the vault (required)"},
		{name: "tenant-id", field: "TenantID", usage: "azure: the Azure AD tenant `ID` (required)"},
		{name: "vault-uri", field: "VaultURI", usage: "azure: the Key Vault `URI` (required)"},
		{name: "client-id", field: "ClientID", usage: "azure: the `ID` of a single-tenant app registration (default: Anthropic's multitenant app)"},
	}
	providers := "Providers: " + join(admin.ExternalKeyProviderTypeValues(), ", ") + "."
	return group("external-keys", "Customer-managed encryption keys (CMEK) of workspaces.",
		&command{name: "list", op: admin.OpListExternalKeys, summary: "List external keys, newest first.",
			examples: []string{"anthropic-admin external-keys list"},
			do:       list0((*admin.ExternalKeysService).Pages, externalKeyView())},
		&command{name: "get", op: admin.OpGetExternalKey, summary: "Show an external key.", args: []string{"<external-key-id>"},
			examples: []string{"anthropic-admin external-keys get ekey_01Pz4Tq8Xw2Ln7Rb3Vk9HsGc"},
			do:       call1((*admin.ExternalKeysService).Get, externalKeyView())},
		&command{name: "create", op: admin.OpCreateExternalKey, summary: "Register a key of the customer's KMS.", args: []string{"<provider>"},
			examples: []string{"anthropic-admin external-keys create aws --name 'Prod CMK' --kms-arn arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "anthropic-admin external-keys create azure --name 'EU tenant key' --key-name cmk --tenant-id 00000000-0000-0000-0000-000000000001 --vault-uri https://contoso.vault.azure.net"},
			details:  providers + " A workspace uses the key once created or updated with --external-key-id.",
			flags: append([]flagSpec{
				{name: "name", field: "DisplayName", usage: "display `name`"},
				{name: "geo", field: "Geo", usage: "data residency geo", values: values(admin.WorkspaceGeoValues())},
				{name: "user-profile", field: "UserProfileID", usage: "bind the key to this user profile `ID`, for good"},
			}, providerFlags...),
			do: object(createExternalKey, externalKeyView())},
		&command{name: "update", op: admin.OpUpdateExternalKey, summary: "Rename or reconfigure an external key.", args: []string{"<external-key-id>"},
			examples: []string{"anthropic-admin external-keys update ekey_01Pz4Tq8Xw2Ln7Rb3Vk9HsGc --name 'Production CMK (rotated)'"},
			details: "--provider and its flags replace the whole configuration; the geo and the configuration of a key\n" +
				"that a workspace uses cannot change. " + providers,
			flags: append([]flagSpec{
				{name: "name", field: "DisplayName", usage: "new display `name`"},
				{name: "geo", field: "Geo", usage: "new data residency geo", values: values(admin.WorkspaceGeoValues())},
				{name: "provider", field: "Provider", usage: "new provider", values: values(admin.ExternalKeyProviderTypeValues())},
			}, providerFlags...),
			do: object(updateExternalKey, externalKeyView())},
		&command{name: "delete", op: admin.OpDeleteExternalKey, summary: "Delete an external key that no workspace uses.", args: []string{"<external-key-id>"},
			examples: []string{"anthropic-admin external-keys delete ekey_01Pz4Tq8Xw2Ln7Rb3Vk9HsGc --dry-run"},
			confirm:  ask("Delete external key %s?", externalKeyAt(0)),
			do:       call1((*admin.ExternalKeysService).Delete, externalKeyDeletedView())},
		&command{name: "validate", op: admin.OpValidateExternalKey, summary: "Check a key with an encrypt/decrypt round trip through its KMS.", args: []string{"<external-key-id>"},
			examples: []string{"anthropic-admin external-keys validate ekey_01Pz4Tq8Xw2Ln7Rb3Vk9HsGc"},
			details:  "Exits 0 when the check ran, whether the key works or not: read the status column.",
			do:       call1((*admin.ExternalKeysService).Validate, externalKeyValidationView())},
	)
}

// externalKeyParams are the flags of external-keys create and update:
// the request's fields and the provider configuration's.
type externalKeyParams struct {
	admin.ExternalKeyProviderConfig
	DisplayName   *string
	UserProfileID *string
	Geo           admin.WorkspaceGeo
	// Provider is --provider of update; create takes it as an argument.
	Provider admin.ExternalKeyProviderType
}

// config returns the provider configuration of type t that the flags set,
// or a usage error for a flag of another provider.
func (p *externalKeyParams) config(t admin.ExternalKeyProviderType) (admin.ExternalKeyProviderConfig, error) {
	pc := p.ExternalKeyProviderConfig
	pc.Type = t
	allowed := map[admin.ExternalKeyProviderType][]string{
		admin.ExternalKeyProviderTypeAWS:   {"kms-arn", "region"},
		admin.ExternalKeyProviderTypeGCP:   {"key-name"},
		admin.ExternalKeyProviderTypeAzure: {"key-name", "tenant-id", "vault-uri", "client-id"},
	}[t]
	for flag, set := range map[string]bool{
		"kms-arn": pc.KMSARN != nil, "region": pc.Region != nil, "key-name": pc.KeyName != nil,
		"tenant-id": pc.TenantID != nil, "vault-uri": pc.VaultURI != nil, "client-id": pc.ClientID != nil,
	} {
		if set && !slices.Contains(allowed, flag) {
			return pc, usageErrorf("--%s does not apply to provider %s", flag, t)
		}
	}
	return pc, nil
}

// providerFlagSet reports whether a flag of a provider configuration was
// given.
func (p *externalKeyParams) providerFlagSet() bool {
	pc := p.ExternalKeyProviderConfig
	return pc.KMSARN != nil || pc.Region != nil || pc.KeyName != nil || pc.TenantID != nil || pc.VaultURI != nil || pc.ClientID != nil
}

// createExternalKey registers a key of the provider args[0].
func createExternalKey(ctx context.Context, c *admin.Client, args []string, p *externalKeyParams) (*admin.ExternalKey, error) {
	t, err := argEnum("provider", args[0], admin.ExternalKeyProviderTypeValues())
	if err != nil {
		return nil, err
	}
	pc, err := p.config(t)
	if err != nil {
		return nil, err
	}
	body := admin.CreateExternalKeyRequest{ProviderConfig: pc, DisplayName: p.DisplayName, UserProfileID: p.UserProfileID}
	if p.Geo != "" {
		body.Geo = &p.Geo
	}
	return c.ExternalKeys.Create(ctx, body)
}

// updateExternalKey changes the key args[0] as the flags say.
func updateExternalKey(ctx context.Context, c *admin.Client, args []string, p *externalKeyParams) (*admin.ExternalKey, error) {
	body := admin.UpdateExternalKeyRequest{DisplayName: p.DisplayName}
	if p.Geo != "" {
		body.Geo = &p.Geo
	}
	switch {
	case p.Provider != "":
		pc, err := p.config(p.Provider)
		if err != nil {
			return nil, err
		}
		body.ProviderConfig = &pc
	case p.providerFlagSet():
		return nil, usageErrorf("give --provider with the flags of its configuration")
	}
	if body == (admin.UpdateExternalKeyRequest{}) {
		return nil, usageErrorf("nothing to change: give --name, --geo or --provider")
	}
	return c.ExternalKeys.Update(ctx, args[0], body)
}

// externalKeyAt describes the external key named by argument i.
func externalKeyAt(i int) describer {
	return describe(i, (*admin.ExternalKeysService).Get, func(k *admin.ExternalKey) string {
		name := str(k.DisplayName)
		if name == "" {
			name = externalKeyName(k.ProviderConfig)
		}
		return fmt.Sprintf("%q (%s, %s)", name, k.ID, k.ProviderConfig.Type)
	})
}
