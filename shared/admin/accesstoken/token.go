// Package accesstoken is the personal access tokens API: a provider user lists,
// creates, reads and revokes its own access tokens, each with scopes and a
// read-only or read-write permission.
package accesstoken

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/credential"
	"turnpike/shared/platform/params"
	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
)

// Scopes a token may carry.
var Scopes = []string{"account_management", "finance", "cms", "stats", "policy_registry"}

// Prefix selects a tenant's token listing items.
const Prefix = "TOK#"

// owner is the user whose personal tokens a request manages; requests
// authenticated by provider key have no user.
func owner(q *api.Request) (int64, error) {
	if q.Who.User == 0 {
		return 0, apierr.AccessDenied()
	}
	return q.Who.User, nil
}

// input is a new token as requested.
type input struct {
	Name, Permission string
	Scopes           []string
	ExpiresAt        time.Time
}

// readInput reads and validates name, permission, scopes[] and expires_at.
func readInput(q *api.Request) (*input, error) {
	in := &input{}
	var v apierr.Validation
	var err error
	if in.Name, _, err = q.Str("name"); err != nil {
		return nil, err
	}
	switch {
	case in.Name == "":
		v.Add("name", "can't be blank")
	case len(in.Name) > 255:
		v.Add("name", "is too long (maximum is 255 characters)")
	}
	if in.Permission, _, err = q.Str("permission"); err != nil {
		return nil, err
	}
	switch in.Permission {
	case "":
		v.Add("permission", "can't be blank")
	case credential.ReadOnly, credential.ReadWrite:
	default:
		v.Add("permission", "is not included in the list")
	}
	if in.Scopes, err = readScopes(q); err != nil {
		return nil, err
	}
	if len(in.Scopes) == 0 {
		v.Add("scopes", "is too short (minimum is 1 character)")
	}
	for _, s := range in.Scopes {
		if !slices.Contains(Scopes, s) {
			v.Add("scopes", "is invalid")
			break
		}
	}
	if s, _, err := q.Str("expires_at"); err != nil {
		return nil, err
	} else if s != "" {
		t, perr := time.Parse(time.RFC3339, s)
		if perr != nil || !t.After(q.Now) {
			v.Add("expires_at", "must be a time in the future, in ISO 8601 format (2030-01-31T12:00:00Z)")
		}
		in.ExpiresAt = t
	}
	return in, v.Err()
}

// readScopes accepts scopes[]=a&scopes[]=b, a JSON array, or one scope.
func readScopes(q *api.Request) ([]string, error) {
	v, ok := q.Value("scopes")
	if !ok {
		return nil, nil
	}
	var out []string
	switch v.Kind {
	case params.String:
		out = append(out, v.Str)
	case params.List:
		for _, it := range v.List {
			if it.Kind != params.String {
				return nil, apierr.Invalid("scopes", "is invalid")
			}
			out = append(out, it.Str)
		}
	default:
		return nil, apierr.Invalid("scopes", "is invalid")
	}
	var scopes []string // blank entries are dropped, as 3scale does
	for _, s := range out {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(scopes, s) {
			scopes = append(scopes, s)
		}
	}
	return scopes, nil
}

// Obj represents a token; the value only when just created.
func Obj(r *tenant.TokenRef, value string) *wire.Obj {
	o := wire.NewObj("access_token").
		Set("id", r.ID).
		Set("name", r.Name).
		JSON("scopes", r.Scopes).
		Set("permission", r.Permission).
		Set("expires_at", r.ExpiresAt).
		Set("created_at", r.CreatedAt)
	if value != "" {
		o.Set("value", value)
	}
	return o
}

// load finds one of the owner's tokens by id or by value.
// loadOwned loads the token {id} of the calling user.
func loadOwned(ctx context.Context, s *store.Store, q *api.Request) (*tenant.TokenRef, error) {
	user, err := owner(q)
	if err != nil {
		return nil, err
	}
	return load(ctx, s, q, user)
}

func load(ctx context.Context, s *store.Store, q *api.Request, user int64) (*tenant.TokenRef, error) {
	idOrValue := q.Var("id")
	var ref tenant.TokenRef
	if id, ok := store.ParseID(idOrValue); ok {
		k := tenant.TokenRefKey(q.Tenant(), id)
		if err := s.Get(ctx, k.PK, k.SK, &ref); err == nil {
			return owned(&ref, user)
		} else if !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
	}
	var it credential.TokenItem
	if err := s.Read(ctx, credential.TokenKey(idOrValue), &it); err != nil {
		return nil, err
	}
	if it.Tenant != q.Tenant() {
		return nil, store.ErrNotFound
	}
	if err := s.Read(ctx, tenant.TokenRefKey(q.Tenant(), it.ID), &ref); err != nil {
		return nil, err
	}
	return owned(&ref, user)
}

func owned(ref *tenant.TokenRef, user int64) (*tenant.TokenRef, error) {
	if ref.User != user {
		return nil, store.ErrNotFound
	}
	return ref, nil
}
