package admintest

import (
	"bytes"
	"cmp"
	"context"
	_ "embed" // the known activity types
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// The Activity Feed of the fake: an append-mostly log of activities in
// (created_at, ID) order, served newest first with opaque cursors. Every
// admin operation that has a documented activity type appends one
// (platformActivities), and every Compliance API call appends a
// compliance_api_accessed whose request_id is the call's request-id.

//go:embed activitytypes.txt
var activityTypeList string

// activityTypes are the activity types the fake accepts in filters and
// seeds: the list of the API reference of 2026-09-04 (483 types).
var activityTypes = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range strings.Fields(activityTypeList) {
		m[t] = true
	}
	return m
}()

// activity is one record of the log. Its JSON is built on demand from
// these compact fields; actor and extra are immutable pre-encoded JSON.
type activity struct {
	at      int64  // created_at, Unix nanoseconds
	id      string // activity_...
	typ     string
	actorID string // the actor's principal ID (user, key or service account), for actor_ids[]
	actor   []byte // the actor object
	extra   []byte // the type-specific fields, each `,"name":value`, or nil
	noOrg   bool   // organization_id and organization_uuid are null
}

// before reports whether a sorts before the position (at, id).
func (a *activity) before(at int64, id string) bool {
	return a.at < at || (a.at == at && a.id < id)
}

// activityLog is the log, sorted by (at, id), with its indexes. Guarded
// by Server.mu.
//
// The indexes list the positions (actKey) of the records of each activity
// type, of each actor, and of the records without an organization, each
// list sorted like the log. A filtered page merges the lists of the
// filter's values from the cursor on, finding each record by binary
// search: O(page + log n) however many records the filter skips
// (activityLog.walk). They hold positions rather than indexes into recs,
// which an insertion in the past shifts.
type activityLog struct {
	recs    []activity
	byType  map[string][]actKey // activity type -> its records
	byActor map[string][]actKey // actor principal ID -> its records
	noOrg   []actKey            // the records without an organization
}

// actKey is the position of a record in the log's order.
type actKey struct {
	at int64
	id string
}

func keyOf(a *activity) actKey { return actKey{a.at, a.id} }

func (k actKey) compare(o actKey) int {
	return cmp.Or(cmp.Compare(k.at, o.at), strings.Compare(k.id, o.id))
}

// insertKey adds k to the sorted list, appending when it is the last.
func insertKey(list []actKey, k actKey) []actKey {
	if n := len(list); n == 0 || list[n-1].compare(k) < 0 {
		return append(list, k)
	}
	i, _ := slices.BinarySearchFunc(list, k, actKey.compare)
	return slices.Insert(list, i, k)
}

// insert adds a record, appending when it is the newest (the usual case).
func (l *activityLog) insert(a activity) {
	l.index(&a)
	n := len(l.recs)
	if n == 0 || l.recs[n-1].before(a.at, a.id) {
		l.recs = append(l.recs, a)
		return
	}
	i, _ := slices.BinarySearchFunc(l.recs, a, func(x, y activity) int {
		return cmp.Or(cmp.Compare(x.at, y.at), strings.Compare(x.id, y.id))
	})
	l.recs = slices.Insert(l.recs, i, a)
}

// index adds a record to the indexes.
func (l *activityLog) index(a *activity) {
	if l.byType == nil {
		l.byType, l.byActor = map[string][]actKey{}, map[string][]actKey{}
	}
	k := keyOf(a)
	l.byType[a.typ] = insertKey(l.byType[a.typ], k)
	l.byActor[a.actorID] = insertKey(l.byActor[a.actorID], k)
	if a.noOrg {
		l.noOrg = insertKey(l.noOrg, k)
	}
}

// prepend adds recs, sorted and all older than the log's records, before
// them, indexes included.
func (l *activityLog) prepend(recs []activity) {
	if l.byType == nil {
		l.byType, l.byActor = map[string][]actKey{}, map[string][]actKey{}
	}
	types, actors := map[string][]actKey{}, map[string][]actKey{}
	var noOrg []actKey
	for i := range recs {
		a := &recs[i]
		k := keyOf(a)
		types[a.typ] = append(types[a.typ], k)
		actors[a.actorID] = append(actors[a.actorID], k)
		if a.noOrg {
			noOrg = append(noOrg, k)
		}
	}
	for t, ks := range types {
		l.byType[t] = append(ks, l.byType[t]...)
	}
	for id, ks := range actors {
		l.byActor[id] = append(ks, l.byActor[id]...)
	}
	l.noOrg = append(noOrg, l.noOrg...)
	l.recs = append(recs, l.recs...)
}

// candidates returns the index lists that hold every record f keeps (and
// others, which f.keep rejects), those of the narrowest of f's indexed
// filters, or ok false when no index narrows the log enough to beat a
// scan (no filter, or exclude_activity_types[] excluding less than half).
func (l *activityLog) candidates(f *activityFilter) (lists [][]actKey, ok bool) {
	best := len(l.recs) + 1
	consider := func(ls [][]actKey) {
		n := 0
		for _, x := range ls {
			n += len(x)
		}
		if n < best {
			best, lists, ok = n, ls, true
		}
	}
	if f.types != nil {
		var ls [][]actKey
		for t := range f.types {
			ls = append(ls, l.byType[t])
		}
		consider(ls)
	}
	if f.actors != nil {
		var ls [][]actKey
		for id := range f.actors {
			ls = append(ls, l.byActor[id])
		}
		consider(ls)
	}
	if f.orgs != nil && !f.matchesOrg {
		consider([][]actKey{l.noOrg})
	}
	if f.exclude != nil {
		excluded := 0
		for t := range f.exclude {
			excluded += len(l.byType[t])
		}
		if excluded > len(l.recs)/2 {
			var ls [][]actKey
			for t, x := range l.byType {
				if !f.exclude[t] {
					ls = append(ls, x)
				}
			}
			consider(ls)
		}
	}
	return lists, ok
}

// walk returns the indexes of up to limit records of recs[start:end] that
// f keeps, from start up (forward) or from end down, and whether another
// one follows them. It merges the narrowest index lists of f's filters
// when there are some, and scans the records otherwise.
func (l *activityLog) walk(f *activityFilter, start, end int, forward bool, limit int) (idx []int, more bool) {
	recs := l.recs
	idx = make([]int, 0, min(limit, 256))
	add := func(i int) bool { // reports whether the walk goes on
		if !f.keep(&recs[i]) {
			return true
		}
		if len(idx) == limit {
			more = true
			return false
		}
		idx = append(idx, i)
		return true
	}
	lists, indexed := l.candidates(f)
	if start >= end {
		return idx, false
	}
	if !indexed {
		if forward {
			for i := start; i < end && add(i); i++ {
			}
		} else {
			for i := end - 1; i >= start && add(i); i-- {
			}
		}
		return idx, more
	}
	// pos[j] is the next key of lists[j] to take, -1 or len when none.
	pos := make([]int, len(lists))
	for j, list := range lists {
		if forward {
			pos[j], _ = slices.BinarySearchFunc(list, keyOf(&recs[start]), actKey.compare)
		} else if end == len(recs) {
			pos[j] = len(list) - 1
		} else {
			p, _ := slices.BinarySearchFunc(list, keyOf(&recs[end]), actKey.compare)
			pos[j] = p - 1
		}
	}
	for {
		pick := -1
		for j, list := range lists {
			if pos[j] < 0 || pos[j] >= len(list) {
				continue
			}
			if pick < 0 {
				pick = j
				continue
			}
			c := list[pos[j]].compare(lists[pick][pos[pick]])
			if (forward && c < 0) || (!forward && c > 0) {
				pick = j
			}
		}
		if pick < 0 {
			return idx, more
		}
		k := lists[pick][pos[pick]]
		i := l.search(k.at, k.id)
		if (forward && i >= end) || (!forward && i < start) || !add(i) {
			return idx, more
		}
		if forward {
			pos[pick]++
		} else {
			pos[pick]--
		}
	}
}

// search returns the index of the first record at or after (at, id).
func (l *activityLog) search(at int64, id string) int {
	i, _ := slices.BinarySearchFunc(l.recs, 0, func(x activity, _ int) int {
		if x.before(at, id) {
			return -1
		}
		if x.at == at && x.id == id {
			return 0
		}
		return 1
	})
	return i
}

// actCursor is the position of an activity, the content of the opaque
// cursors (base64 of JSON, as on the real service).
type actCursor struct {
	ID        string `json:"id"`
	CreatedAt int64  `json:"ts"`
}

func encodeActCursor(a *activity) string {
	b, _ := json.Marshal(actCursor{ID: a.id, CreatedAt: a.at})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeActCursor(name, s string) (actCursor, *apiError) {
	var c actCursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID == "" {
		return c, badRequest("%s: invalid cursor (pass a first_id or last_id unchanged)", name)
	}
	return c, nil
}

// ActivitySeed describes an activity for [Server.AddActivity].
type ActivitySeed struct {
	// Type is required: one of the activity types the API reference lists,
	// such as "claude_chat_created".
	Type string
	// CreatedAt defaults to now. An activity older than the newest one is
	// inserted in its place, like a late-arriving record of the real
	// service: exports that already passed that point miss it.
	CreatedAt time.Time
	// Actor defaults to an anthropic_actor.
	Actor admin.ComplianceActivityActor
	// NoOrganization makes organization_id and organization_uuid null, as
	// for sign-ins and Compliance API calls.
	NoOrganization bool
	// Fields are the type-specific fields, such as "claude_chat_id"; they
	// must not reuse the common field names.
	Fields map[string]any
}

// commonActivityFields are the fields every activity has.
var commonActivityFields = []string{"id", "created_at", "type", "organization_id", "organization_uuid", "actor"}

// makeActivity checks a seed and builds its record, without an ID.
func makeActivity(a ActivitySeed, now time.Time) (activity, error) {
	if !activityTypes[a.Type] {
		return activity{}, fmt.Errorf("admintest: unknown activity type %q", a.Type)
	}
	if a.Actor.Type == "" {
		a.Actor.Type = gen.ComplianceActivityActorTypeAnthropicActor
	}
	actor, err := json.Marshal(a.Actor)
	if err != nil {
		return activity{}, fmt.Errorf("admintest: activity actor: %w", err)
	}
	return makeActivityOf(a, encodedActor{actor, principalOf(a.Actor)}, now)
}

// encodedActor is an actor's JSON and its principal ID (principalOf).
type encodedActor struct {
	json []byte
	id   string
}

// makeActivityOf is makeActivity with the seed's actor already encoded
// (a.Actor is ignored).
func makeActivityOf(a ActivitySeed, actor encodedActor, now time.Time) (activity, error) {
	if !activityTypes[a.Type] {
		return activity{}, fmt.Errorf("admintest: unknown activity type %q", a.Type)
	}
	rec := activity{at: orNow(a.CreatedAt, now).UnixNano(), typ: a.Type, actor: actor.json, actorID: actor.id, noOrg: a.NoOrganization}
	if len(a.Fields) > 0 {
		keys := make([]string, 0, len(a.Fields))
		for k := range a.Fields {
			if slices.Contains(commonActivityFields, k) || k == "" {
				return activity{}, fmt.Errorf("admintest: activity field %q is not a type-specific field", k)
			}
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var b bytes.Buffer
		for _, k := range keys {
			v, err := json.Marshal(a.Fields[k])
			if err != nil {
				return activity{}, fmt.Errorf("admintest: activity field %q: %w", k, err)
			}
			kb, _ := json.Marshal(k)
			b.WriteByte(',')
			b.Write(kb)
			b.WriteByte(':')
			b.Write(v)
		}
		rec.extra = b.Bytes()
	}
	return rec, nil
}

// principalOf returns the ID actor_ids[] matches an actor by.
func principalOf(a admin.ComplianceActivityActor) string {
	for _, id := range []*string{a.UserID, a.APIKeyID, a.AdminAPIKeyID, a.ServiceAccountID} {
		if id != nil {
			return *id
		}
	}
	return ""
}

// AddActivity appends an activity to the Activity Feed and returns its ID.
func (s *Server) AddActivity(a ActivitySeed) (string, error) {
	rec, err := makeActivity(a, s.Now())
	if err != nil {
		return "", err
	}
	return s.addActivity(rec), nil
}

// addActivity stores rec with a new ID and returns the ID.
func (s *Server) addActivity(rec activity) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec.id = s.actIDs.next("activity")
	s.st.activities.insert(rec)
	return rec.id
}

// SeedActivities adds n synthetic activities quickly (for benchmarks of a
// million records): varied types among a dozen, actors among a few users
// and keys, one in ten without an organization, every minute apart ending
// at the server's now, or at the oldest activity already stored, so they
// are older than everything the log has.
func (s *Server) SeedActivities(n int) error {
	if n < 0 {
		return errors.New("admintest: SeedActivities: negative count")
	}
	types := []string{"claude_chat_created", "claude_chat_viewed", "claude_file_uploaded", "claude_project_created",
		"sso_login_succeeded", "user_logged_out", "platform_workspace_created", "platform_api_key_updated",
		"platform_workspace_member_added", "platform_cost_report_viewed", "group_member_added", "claude_artifact_viewed"}
	var actors [][]byte
	var actorIDs []string
	for i := range 8 {
		uid := fmt.Sprintf("user_01seedactor%08d", i)
		a := admin.ComplianceActivityActor{Type: gen.ComplianceActivityActorTypeUserActor, UserID: &uid,
			EmailAddress: ptr(fmt.Sprintf("seed.actor%d@example.com", i)), IPAddress: ptr("192.0.2.10"), UserAgent: ptr("Mozilla/5.0 (admintest)")}
		b, _ := json.Marshal(a)
		actors, actorIDs = append(actors, b), append(actorIDs, uid)
	}
	end := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.st.activities.recs) > 0 {
		if first := time.Unix(0, s.st.activities.recs[0].at); first.Before(end) {
			end = first
		}
	}
	recs := make([]activity, n)
	for i := range n {
		k := i % len(actors)
		recs[i] = activity{
			at:      end.Add(-time.Duration(n-i) * time.Minute).UnixNano(),
			id:      s.actIDs.next("activity"),
			typ:     types[(i*7)%len(types)],
			actorID: actorIDs[k],
			actor:   actors[k],
			noOrg:   i%10 == 9,
		}
	}
	s.st.activities.prepend(recs)
	return nil
}

// ActivityIDs returns the IDs of every activity of the log, oldest first
// (the reverse of the feed's default order).
func (s *Server) ActivityIDs() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := make([]string, len(s.st.activities.recs))
	for i := range s.st.activities.recs {
		ids[i] = s.st.activities.recs[i].id
	}
	return ids
}

// activityFilter is the parsed filters of a query.
type activityFilter struct {
	types, exclude, actors map[string]bool
	orgs                   map[string]bool // nil: no organization filter
	matchesOrg             bool            // orgs names this organization
}

func (f *activityFilter) keep(a *activity) bool {
	switch {
	case f.types != nil && !f.types[a.typ]:
		return false
	case f.exclude != nil && f.exclude[a.typ]:
		return false
	case f.actors != nil && !f.actors[a.actorID]:
		return false
	case f.orgs != nil && !a.noOrg && !f.matchesOrg:
		return false
	}
	return true
}

// checkTypes refuses an unknown activity type, as the real service does.
func checkTypes(param string, list []string) (map[string]bool, *apiError) {
	if len(list) == 0 {
		return nil, nil
	}
	for _, t := range list {
		if !activityTypes[t] {
			return nil, badRequest("%s: unknown activity type %q", param, t)
		}
	}
	return stringSet(list), nil
}

func (s *api) ListComplianceActivities(ctx context.Context, req server.ListComplianceActivitiesRequestObject) (server.ListComplianceActivitiesResponseObject, error) {
	p := req.Params
	var f activityFilter
	var e *apiError
	if p.ActivityTypes != nil && p.ExcludeActivityTypes != nil {
		return nil, badRequest("activity_types[] and exclude_activity_types[] cannot be used together")
	}
	if f.types, e = checkTypes("activity_types[]", p.ActivityTypes); e != nil {
		return nil, e
	}
	if f.exclude, e = checkTypes("exclude_activity_types[]", p.ExcludeActivityTypes); e != nil {
		return nil, e
	}
	f.actors = stringSet(p.ActorIDs)
	if len(p.OrganizationIDs) > 0 {
		f.orgs = stringSet(p.OrganizationIDs)
		f.matchesOrg = f.orgs[s.org.ID] || f.orgs[s.orgTaggedID()]
	}
	limit := 100
	if p.Limit != nil {
		limit = *p.Limit
	}
	var before, after *actCursor
	if p.BeforeID != nil && p.AfterID != nil && *p.BeforeID != "" && *p.AfterID != "" {
		return nil, badRequest("before_id and after_id cannot be used together")
	}
	if p.BeforeID != nil && *p.BeforeID != "" {
		c, e := decodeActCursor("before_id", *p.BeforeID)
		if e != nil {
			return nil, e
		}
		before = &c
	}
	if p.AfterID != nil && *p.AfterID != "" {
		c, e := decodeActCursor("after_id", *p.AfterID)
		if e != nil {
			return nil, e
		}
		after = &c
	}
	desc := p.Order == nil || *p.Order != gen.ComplianceActivityOrderAsc

	s.mu.RLock()
	defer s.mu.RUnlock()
	recs := s.st.activities.recs
	// The time bounds narrow the range [lo, hi) by binary search.
	lo, hi := 0, len(recs)
	bound := func(t *time.Time, inclusiveLow bool) int {
		// The index of the first record at or after t (inclusiveLow) or
		// after t.
		ns := t.UnixNano()
		return sort.Search(len(recs), func(i int) bool {
			if inclusiveLow {
				return recs[i].at >= ns
			}
			return recs[i].at > ns
		})
	}
	if p.CreatedAtGte != nil {
		lo = max(lo, bound(p.CreatedAtGte, true))
	}
	if p.CreatedAtGt != nil {
		lo = max(lo, bound(p.CreatedAtGt, false))
	}
	if p.CreatedAtLt != nil {
		hi = min(hi, bound(p.CreatedAtLt, true))
	}
	if p.CreatedAtLte != nil {
		hi = min(hi, bound(p.CreatedAtLte, false))
	}
	// Walk in ascending index order (forward) or descending. The list's
	// order is descending (desc) or ascending; after_id continues in list
	// order, before_id goes against it.
	forward := !desc
	start, end := lo, hi // forward walks [start, end)
	if after != nil || before != nil {
		c := after
		if c == nil {
			c = before
		}
		pos := s.st.activities.search(c.CreatedAt, c.ID) // first index at or after the cursor
		againstOrder := before != nil
		walkUp := forward != againstOrder
		if walkUp {
			if pos < len(recs) && recs[pos].at == c.CreatedAt && recs[pos].id == c.ID {
				pos++
			}
			start = max(start, pos)
		} else {
			end = min(end, pos)
		}
		forward = walkUp
	}
	idx, more := s.st.activities.walk(&f, start, end, forward, limit)
	// The page is presented in list order.
	if forward == desc {
		slices.Reverse(idx)
	}
	return s.encodeActivities(recs, idx, more), nil
}

// activitiesPage is the 200 response of the Activity Feed, encoded by hand
// from the compact records (the records' JSON would otherwise go through
// maps of additional properties, too slow for a million activities).
type activitiesPage struct{ body []byte }

// VisitListComplianceActivitiesResponse writes the page, as the generated
// response types do.
func (p activitiesPage) VisitListComplianceActivitiesResponse(w http.ResponseWriter) error {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(p.body)))
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(p.body)
	return err
}

// encodeActivities encodes the records at idx as one page.
func (s *Server) encodeActivities(recs []activity, idx []int, more bool) activitiesPage {
	orgID, _ := json.Marshal(s.orgTaggedID())
	orgUUID, _ := json.Marshal(s.org.ID)
	b := make([]byte, 0, 64+len(idx)*400)
	b = append(b, `{"data":[`...)
	for n, i := range idx {
		if n > 0 {
			b = append(b, ',')
		}
		a := &recs[i]
		b = append(b, `{"id":`...)
		b = strconv.AppendQuote(b, a.id)
		b = append(b, `,"created_at":"`...)
		b = time.Unix(0, a.at).UTC().AppendFormat(b, time.RFC3339Nano)
		b = append(b, `","organization_id":`...)
		if a.noOrg {
			b = append(b, "null"...)
		} else {
			b = append(b, orgID...)
		}
		b = append(b, `,"organization_uuid":`...)
		if a.noOrg {
			b = append(b, "null"...)
		} else {
			b = append(b, orgUUID...)
		}
		b = append(b, `,"actor":`...)
		b = append(b, a.actor...)
		b = append(b, `,"type":`...)
		b = strconv.AppendQuote(b, a.typ)
		b = append(b, a.extra...)
		b = append(b, '}')
	}
	b = append(b, `],"has_more":`...)
	b = strconv.AppendBool(b, more)
	b = append(b, `,"first_id":`...)
	if len(idx) == 0 {
		b = append(b, `null,"last_id":null}`...)
		return activitiesPage{b}
	}
	b = strconv.AppendQuote(b, encodeActCursor(&recs[idx[0]]))
	b = append(b, `,"last_id":`...)
	b = strconv.AppendQuote(b, encodeActCursor(&recs[idx[len(idx)-1]]))
	b = append(b, '}')
	return activitiesPage{b}
}

// platformActivities maps the operations of the Admin API to the activity
// type the real service records for them (the API reference's list); an
// operation missing here records nothing, because no documented type
// matches it.
var platformActivities = map[string]string{
	"archiveworkspace":              "platform_workspace_archived",
	"createworkspace":               "platform_workspace_created",
	"updateworkspace":               "platform_workspace_updated",
	"addworkspacemember":            "platform_workspace_member_added",
	"removeworkspacemember":         "platform_workspace_member_removed",
	"updateworkspacemember":         "platform_workspace_member_updated",
	"getworkspacemember":            "platform_workspace_member_viewed",
	"listworkspacemembers":          "platform_workspace_members_listed",
	"updateworkspaceratelimit":      "platform_workspace_rate_limit_updated",
	"updateapikey":                  "platform_api_key_updated",
	"getcostreport":                 "platform_cost_report_viewed",
	"getmessagesusagereport":        "platform_usage_report_messages_viewed",
	"getclaudecodeusagereport":      "platform_usage_report_claude_code_viewed",
	"archiveserviceaccount":         "platform_service_account_archived",
	"updateserviceaccount":          "platform_service_account_updated",
	"addserviceaccountworkspace":    "platform_service_account_workspace_member_added",
	"addworkspaceserviceaccount":    "platform_service_account_workspace_member_added",
	"removeserviceaccountworkspace": "platform_service_account_workspace_member_removed",
	"removeworkspaceserviceaccount": "platform_service_account_workspace_member_removed",
	"updateworkspaceserviceaccount": "platform_service_account_workspace_member_updated",
	"archivefederationissuer":       "platform_federation_issuer_archived",
	"updatefederationissuer":        "platform_federation_issuer_updated",
	"archivefederationrule":         "platform_federation_rule_archived",
	"updatefederationrule":          "platform_federation_rule_updated",
	"addfederationruleworkspace":    "platform_federation_rule_workspace_added",
	"removefederationruleworkspace": "platform_federation_rule_workspace_removed",
	"createinvite":                  "org_user_invite_sent",
	"deleteinvite":                  "org_user_invite_deleted",
	"getinvite":                     "org_invite_viewed",
	"listinvites":                   "org_invites_listed",
	"getuser":                       "org_user_viewed",
	"listusers":                     "org_users_listed",
	"removeuser":                    "org_user_deleted",
	"updateuser":                    "claude_user_role_updated",
	"createexternalkey":             "org_external_key_created",
	"updateexternalkey":             "org_external_key_updated",
	"deleteexternalkey":             "org_external_key_deleted",
	"validateexternalkey":           "org_external_key_validated",
	"updatecompliancesettings":      "org_compliance_api_settings_updated",
	"createrbacgroup":               "group_created",
	"updaterbacgroup":               "group_updated",
	"deleterbacgroup":               "group_deleted",
	"getrbacgroup":                  "group_viewed",
	"listrbacgroups":                "group_list_viewed",
	"addrbacgroupmember":            "group_member_added",
	"removerbacgroupmember":         "group_member_removed",
	"listrbacgroupmembers":          "group_member_list_viewed",
	"signoutuser":                   "user_logged_out",
}

// recordActivities is the strict-server middleware that makes the
// Activity Feed audit the fake itself: after an admin operation succeeds
// it appends the operation's activity (platformActivities), and after
// every Compliance API call (a success or an error of the handler) a
// compliance_api_accessed whose request_id is the call's request-id.
//
// The generated strict handler applies its middlewares on every request,
// so what to record is looked up, not worked out, each time (recordKindOf).
func (s *Server) recordActivities(f server.StrictHandlerFunc, operationID string) server.StrictHandlerFunc {
	kind := recordKindOf(operationID)
	typ, compliance := kind.typ, kind.compliance
	if typ == "" && !compliance {
		return f
	}
	return func(ctx context.Context, w http.ResponseWriter, r *http.Request, request any) (any, error) {
		resp, err := f(ctx, w, r, request)
		info := infoFrom(ctx)
		if info == nil || (err != nil && !compliance) {
			return resp, err
		}
		seed := ActivitySeed{Type: typ}
		if compliance {
			seed.Type = "compliance_api_accessed"
			seed.NoOrganization = true
			seed.Fields = map[string]any{"request_id": info.id}
		} else if len(info.pathParams) > 0 {
			seed.Fields = map[string]any{}
			for k, v := range info.pathParams {
				seed.Fields[k] = v
			}
		}
		actor, e := s.actorJSON(info, r)
		if e == nil {
			var rec activity
			if rec, e = makeActivityOf(seed, actor, s.Now()); e == nil {
				s.addActivity(rec)
			}
		}
		if e != nil {
			return nil, newError(http.StatusInternalServerError, errAPI, "recording the activity: %v", e)
		}
		return resp, err
	}
}

// recordKind is what recordActivities records after an operation: the
// type of its platform activity ("" for none), and whether it is a
// Compliance API operation (which records compliance_api_accessed).
type recordKind struct {
	typ        string
	compliance bool
}

// recordKinds maps the operation names the generated strict handler
// passes to its middlewares ("ListUsers": the spec's operationId with an
// upper-case first letter) to their recordKind.
var recordKinds = sync.OnceValue(func() map[string]recordKind {
	m := make(map[string]recordKind)
	for key, rt := range operationIDs() {
		m[strings.ToUpper(rt.name[:1])+rt.name[1:]] = recordKind{platformActivities[key], rt.compliance}
	}
	return m
})

// recordKindOf returns the recordKind of an operation, by the name the
// strict handler uses or, failing that, by its normalized operationId.
func recordKindOf(operationID string) recordKind {
	if k, ok := recordKinds()[operationID]; ok {
		return k
	}
	key := operationKey(operationID)
	rt := operationIDs()[key]
	return recordKind{platformActivities[key], rt != nil && rt.compliance}
}

// actorKey is what an activity's actor is made of: the kind of actor,
// the key's ID, the client's IP address and User-Agent.
type actorKey struct {
	typ              gen.ComplianceActivityActorType
	keyID, ip, agent string
}

// maxCachedActors bounds the cache of actors' encodings: a client that
// varies its User-Agent on every call should not grow it without end.
const maxCachedActors = 1024

// actorJSON returns the encoding of the actor of a request (actorKeyOf,
// actorOf), cached: encoding an actor (a model with additional
// properties) was a good part of the cost of a request that records an
// activity, and a client's requests mostly share one.
func (s *Server) actorJSON(info *reqInfo, r *http.Request) (encodedActor, error) {
	k := actorKeyOf(info, r)
	if v, ok := s.actors.Load(k); ok {
		return v.(encodedActor), nil
	}
	a := actorOf(k)
	b, err := json.Marshal(a)
	if err != nil {
		return encodedActor{}, err
	}
	e := encodedActor{b, principalOf(a)}
	if s.actorsCached.Add(1) <= maxCachedActors {
		s.actors.Store(k, e)
	}
	return e, nil
}

// actorKeyOf describes the credential of a request as an activity's
// actor: a Compliance API call is an api_actor (for either kind of key,
// as the docs say), an Admin key elsewhere an admin_api_key_actor, an
// OAuth token a user_actor without a user (the fake's tokens name
// nobody).
func actorKeyOf(info *reqInfo, r *http.Request) actorKey {
	ip, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		ip = r.RemoteAddr
	}
	k := actorKey{ip: ip, agent: r.UserAgent()}
	key := info.cred.key
	switch {
	case info.route != nil && info.route.compliance && key != nil:
		k.typ, k.keyID = gen.ComplianceActivityActorTypeAPIActor, key.id
	case key != nil:
		k.typ, k.keyID = gen.ComplianceActivityActorTypeAdminAPIKeyActor, key.id
	default:
		k.typ = gen.ComplianceActivityActorTypeUserActor
	}
	return k
}

// actorOf is the actor that k describes.
func actorOf(k actorKey) admin.ComplianceActivityActor {
	a := admin.ComplianceActivityActor{Type: k.typ, IPAddress: ptr(k.ip), UserAgent: ptr(k.agent)}
	switch k.typ {
	case gen.ComplianceActivityActorTypeAPIActor:
		a.APIKeyID = ptr(k.keyID)
	case gen.ComplianceActivityActorTypeAdminAPIKeyActor:
		a.AdminAPIKeyID = ptr(k.keyID)
	}
	return a
}
