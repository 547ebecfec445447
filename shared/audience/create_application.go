package audience

import (
	"context"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"turnpike/shared/api"
	"turnpike/shared/apierr"
	"turnpike/shared/catalog"
	"turnpike/shared/credential"
	"turnpike/shared/deps"
	"turnpike/shared/store"
)

// CreateApplication is POST /admin/api/accounts/{account_id}/applications.
func CreateApplication(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "application"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		accID, err := q.ID("account_id")
		if err != nil {
			return api.Result{}, err
		}
		acc, err := LoadAccount(ctx, d.Store, q.Tenant(), accID)
		if err != nil {
			return api.Result{}, err
		}
		planID, _, err := q.Int("plan_id", 0)
		if err != nil {
			return api.Result{}, err
		}
		if planID <= 0 {
			return api.Result{}, apierr.Invalid("plan_id", "can't be blank")
		}
		plan, err := catalog.LoadPlan(ctx, d.Store, q.Tenant(), planID, catalog.ApplicationPlan)
		if err != nil {
			return api.Result{}, err
		}
		svc, err := catalog.LoadService(ctx, d.Store, q.Tenant(), plan.Service)
		if err != nil {
			return api.Result{}, err
		}
		app := &Application{Account: acc.ID, Service: svc.ID, Plan: plan.ID, State: AppLive, CreatedAt: q.Now, UpdatedAt: q.Now}
		if err := readApplication(q, app); err != nil {
			return api.Result{}, err
		}
		if plan.ApprovalRequired {
			app.State = AppPending
		} else {
			app.AcceptedAt = q.Now
		}
		if app.ID, err = d.Store.NextID(ctx); err != nil {
			return api.Result{}, err
		}
		app.Key = ApplicationKey(q.Tenant(), app.ID)
		app.Index = store.Index{GSI1PK: AppsOfAccount(q.Tenant(), acc.ID), GSI1SK: store.ID(app.ID)}
		pk := catalog.PlanKey(q.Tenant(), plan.ID)
		err = d.Store.Tx(q.Tenant()).
			Create(app, nil).
			Create(claim(q.Tenant(), ClaimUserKey, app.UserKey, app.ID), apierr.Invalid("user_key", "has already been taken")).
			Create(claim(q.Tenant(), ClaimAppID, app.AppID, app.ID), apierr.Invalid("application_id", "has already been taken")).
			Update(pk.PK, pk.SK, "ADD contracts :one", nil, one, apierr.NotFound()).
			Check(acc.PK, acc.SK, "attribute_exists(PK)", nil, nil, apierr.NotFound()).
			Commit(ctx)
		if err != nil {
			return api.Result{}, err
		}
		view := AppView{ServiceName: svc.Name, BackendVersion: svc.BackendVersion, PlanName: plan.Name, OrgName: acc.OrgName,
			AccountEnabled: acc.State == AccountApproved}
		return api.Created(ApplicationObj(q.BaseURL(), app, view)), nil
	})
}

var one = map[string]types.AttributeValue{":one": &types.AttributeValueMemberN{Value: "1"}}

// readApplication reads name, description, user_key, application_id and keys of a new application.
func readApplication(q *api.Request, app *Application) error {
	var v apierr.Validation
	var err error
	if app.Name, _, err = q.Str("name"); err != nil {
		return err
	}
	if app.Name == "" {
		v.Add("name", "can't be blank")
	}
	if app.Description, _, err = q.Str("description"); err != nil {
		return err
	}
	if app.UserKey, _, err = q.Str("user_key"); err != nil {
		return err
	}
	if app.UserKey == "" {
		app.UserKey = credential.NewKey()
	} else if !validUserKey(app.UserKey) {
		v.Add("user_key", "is invalid")
	}
	if app.AppID, _, err = q.Str("application_id"); err != nil {
		return err
	}
	if app.AppID == "" {
		app.AppID = credential.Random(4)
	} else if !validAppID(app.AppID) {
		v.Add("application_id", "is invalid")
	}
	if app.RedirectURL, _, err = q.Str("redirect_url"); err != nil {
		return err
	}
	if key, ok, err := q.Str("application_key"); err != nil {
		return err
	} else if ok && key != "" {
		if !validAppKey(key) {
			v.Add("application_key", "is invalid")
		}
		app.Keys = []string{key}
	}
	return v.Err()
}

// validUserKey: letters, digits, _ - . (3scale's format, base64 without / included), at most 256.
func validUserKey(s string) bool {
	if len(s) > 256 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.' || r == '+' || r == '=') {
			return false
		}
	}
	return true
}

// validAppID: printable ASCII, 4 to 255 characters.
func validAppID(s string) bool { return printable(s, 4, 255) }

// validAppKey: printable ASCII, 5 to 255 characters.
func validAppKey(s string) bool { return printable(s, 5, 255) }

func printable(s string, min, max int) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
