package admin

import (
	"context"
	"iter"
	"net/http"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// Workspace is a workspace of the organization.
type Workspace = gen.Workspace

// WorkspaceList is one page of workspaces (ID cursor).
type WorkspaceList = gen.WorkspaceList

// WorkspaceType is the object type of `workspace` objects.
type WorkspaceType = gen.WorkspaceType

// DataResidency describes where a workspace stores data and runs inference.
type DataResidency = gen.DataResidency

// DataResidencyCreate is the data residency of a new workspace.
type DataResidencyCreate = gen.DataResidencyCreate

// DataResidencyUpdate is a change to a workspace's data residency (`workspace_geo` is immutable).
type DataResidencyUpdate = gen.DataResidencyUpdate

// AllowedInferenceGeos is either a list of allowed inference geographies or the string `unrestricted`.
type AllowedInferenceGeos = gen.AllowedInferenceGeos

// InferenceGeo is a geography where inference may run.
type InferenceGeo = gen.InferenceGeo

// WorkspaceGeo is the geography where a workspace's data is stored.
type WorkspaceGeo = gen.WorkspaceGeo

// UnrestrictedInferenceGeos is the value that allows inference in every geography.
type UnrestrictedInferenceGeos = gen.UnrestrictedInferenceGeos

// CreateWorkspaceRequest is a new workspace.
type CreateWorkspaceRequest = gen.CreateWorkspaceRequest

// UpdateWorkspaceRequest is a change to a workspace; absent (nil) fields are
// left unchanged. Tags, when set, replace every tag of the workspace, so
// &map[string]string{} removes them all.
type UpdateWorkspaceRequest = gen.UpdateWorkspaceRequest

// The values of WorkspaceType.
const (
	WorkspaceTypeWorkspace = gen.WorkspaceTypeWorkspace
)

// The values of InferenceGeo.
const (
	InferenceGeoGlobal = gen.InferenceGeoGlobal
	InferenceGeoUs     = gen.InferenceGeoUs
)

// The values of WorkspaceGeo.
const (
	WorkspaceGeoUs = gen.WorkspaceGeoUs
)

// The values of UnrestrictedInferenceGeos.
const (
	UnrestrictedInferenceGeosUnrestricted = gen.UnrestrictedInferenceGeosUnrestricted
)

// AllowedGeos returns an [AllowedInferenceGeos] that allows exactly geos.
func AllowedGeos(geos ...InferenceGeo) AllowedInferenceGeos {
	var a AllowedInferenceGeos
	_ = a.FromAllowedInferenceGeos0(append([]InferenceGeo{}, geos...)) // marshalling a []string cannot fail
	return a
}

// UnrestrictedGeos returns an [AllowedInferenceGeos] that allows every
// inference geography.
func UnrestrictedGeos() AllowedInferenceGeos {
	var a AllowedInferenceGeos
	_ = a.FromUnrestrictedInferenceGeos(UnrestrictedInferenceGeosUnrestricted) // marshalling a string cannot fail
	return a
}

// ListWorkspacesParams are the parameters of [WorkspacesService.List].
type ListWorkspacesParams struct {
	ListParams
	// IncludeArchived includes archived workspaces.
	IncludeArchived bool
	// IncludeDefault includes the organization's default workspace.
	IncludeDefault bool
}

// WorkspacesService manages workspaces. Get it from [Client.Workspaces].
type WorkspacesService struct{ cfg *config }

// Get returns the workspace with the given ID, archived or not.
func (s *WorkspacesService) Get(ctx context.Context, workspaceID string) (*Workspace, error) {
	o := op{verb: "get workspace", ids: [2]arg{{"workspace ID", workspaceID}}}
	return call[Workspace](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.GetWorkspace(ctx, workspaceID, edit)
	})
}

// List returns one page of workspaces. params may be nil.
func (s *WorkspacesService) List(ctx context.Context, params *ListWorkspacesParams) (*WorkspaceList, error) {
	p := deref(params)
	o := op{verb: "list workspaces"}
	if err := p.check(o); err != nil {
		return nil, err
	}
	q := &gen.ListWorkspacesParams{
		Limit:           optional(p.Limit),
		BeforeID:        optional(p.BeforeID),
		AfterID:         optional(p.AfterID),
		IncludeArchived: optional(p.IncludeArchived),
		IncludeDefault:  optional(p.IncludeDefault),
	}
	return call[WorkspaceList](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.ListWorkspaces(ctx, q, edit)
	})
}

// Pages iterates over the pages that List returns, one page per loop
// iteration, fetching each only when the loop asks for it. It yields an
// error at most once and then stops.
func (s *WorkspacesService) Pages(ctx context.Context, params *ListWorkspacesParams) iter.Seq2[*WorkspaceList, error] {
	p := deref(params)
	return idPages(ctx, p.cursor(), func(ctx context.Context, c idCursor) (*WorkspaceList, error) {
		q := p
		q.ListParams = p.at(c)
		return s.List(ctx, &q)
	}, func(l *WorkspaceList) idPage { return idPage{len(l.Data) == 0, l.HasMore, l.FirstID, l.LastID} })
}

// All iterates over every workspace matching params, fetching pages
// lazily. params may be nil.
func (s *WorkspacesService) All(ctx context.Context, params *ListWorkspacesParams) iter.Seq2[Workspace, error] {
	return items(s.Pages(ctx, params), func(l *WorkspaceList) []Workspace { return l.Data })
}

// Create creates a workspace. It is retried only when the server provably
// did not process it (see the package documentation).
func (s *WorkspacesService) Create(ctx context.Context, body CreateWorkspaceRequest) (*Workspace, error) {
	o := op{verb: "create workspace", create: true}
	if body.Name == "" {
		return nil, opError(o.String(), invalidInput("name is empty"))
	}
	return call[Workspace](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.CreateWorkspace(ctx, body, edit)
	})
}

// Update changes a workspace; fields left nil are unchanged. To remove
// every tag, set Tags to a pointer to an empty map:
//
//	c.Workspaces.Update(ctx, id, admin.UpdateWorkspaceRequest{Tags: &map[string]string{}})
func (s *WorkspacesService) Update(ctx context.Context, workspaceID string, body UpdateWorkspaceRequest) (*Workspace, error) {
	o := op{verb: "update workspace", ids: [2]arg{{"workspace ID", workspaceID}}}
	return call[Workspace](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.UpdateWorkspace(ctx, workspaceID, body, edit)
	})
}

// Archive archives a workspace, and its API keys with it, and returns it
// with ArchivedAt set.
func (s *WorkspacesService) Archive(ctx context.Context, workspaceID string) (*Workspace, error) {
	o := op{verb: "archive workspace", ids: [2]arg{{"workspace ID", workspaceID}}}
	return call[Workspace](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.ArchiveWorkspace(ctx, workspaceID, edit)
	})
}
