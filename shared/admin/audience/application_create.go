package audience

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/credential"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/params"
	"turnpike/shared/platform/store"
)

// CreateApplication is POST /admin/api/accounts/{account_id}/applications.
// The account is subscribed to the plan's service on the way (with the
// service's default service plan) when it is not yet; the application starts
// pending when its plan requires approval, live otherwise.
func CreateApplication(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "application"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		accID, err := q.ID("account_id")
		if err != nil {
			return api.Result{}, err
		}
		acc, err := audience.LoadAccount(ctx, d.Store, q.Tenant(), accID)
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
		plan, err := audience.PlanLoad(ctx, d, q.Tenant(), planID)
		if err != nil {
			return api.Result{}, err
		}
		if plan.Custom {
			return api.Result{}, apierr.Invalid("plan_id", "is the custom plan of another application")
		}
		svc, err := catalog.LoadService(ctx, d.Store, q.Tenant(), plan.Service)
		if err != nil {
			return api.Result{}, err
		}
		app := &audience.Application{Account: acc.ID, Service: svc.ID, Plan: plan.ID, CreatedAt: q.Now, UpdatedAt: q.Now}
		if err := readApplication(q, app); err != nil {
			return api.Result{}, err
		}
		if len(app.Keys) > appKeysLimit(svc) {
			return api.Result{}, apierr.Invalid("base", "Limit reached")
		}
		completeApplication(app, svc, plan, q.Now)
		if app.ID, err = d.Store.NextID(ctx); err != nil {
			return api.Result{}, err
		}
		event, err := prepareEvent(ctx, d, q, "application", "created", app.ID, appXML(ctx, d, q, app))
		if err != nil {
			return api.Result{}, err
		}
		// A concurrent request may subscribe the account first: then join its subscription.
		for attempt := 0; ; attempt++ {
			tx := audience.NewAppTx(d, q.Tenant())
			if err := joinSubscription(ctx, d, tx, acc.ID, svc, q.Now); err != nil {
				return api.Result{}, err
			}
			tx.CreateApp(app)
			tx.MustExist(acc.Key, store.ErrNotFound)
			event(tx.Tx)
			err = tx.Commit(ctx)
			if errors.Is(err, errSubscriptionRace) {
				if attempt < 3 {
					continue
				}
				err = errSubChanged
			}
			if err != nil {
				return api.Result{}, err
			}
			break
		}
		plan.Contracts++
		o, err := newAppViews(d, q).know(acc, svc, plan).obj(ctx, app)
		if err != nil {
			return api.Result{}, err
		}
		return api.Created(o), nil
	})
}

// completeApplication gives a new application on plan of svc what it gets
// whatever was asked: random credentials where none were chosen, a secret for
// an OAuth or OIDC client, its keys' times, and its first state (pending
// when the plan requires approval).
func completeApplication(app *audience.Application, svc *catalog.Service, plan *catalog.Plan, now time.Time) {
	if app.UserKey == "" {
		app.UserKey = credential.NewKey()
	}
	if app.AppID == "" {
		app.AppID = credential.Random(4)
	}
	if len(app.Keys) == 0 && oauthLike(svc) {
		app.Keys = []string{credential.NewKey()} // OAuth and OIDC clients always have a secret
	}
	app.KeyTimes = audience.KeyTimes{}
	for _, k := range app.Keys {
		app.KeyTimes[k] = now
	}
	app.State, app.AcceptedAt = audience.AppLive, now
	if plan.ApprovalRequired {
		app.State, app.AcceptedAt = audience.AppPending, time.Time{}
	}
}

// oauthLike services identify applications by client id and secret.
func oauthLike(svc *catalog.Service) bool {
	return svc.BackendVersion == "oauth" || svc.BackendVersion == "oidc"
}

// appKeysLimit is how many keys an application of the service may have.
func appKeysLimit(svc *catalog.Service) int {
	if oauthLike(svc) {
		return audience.MaxOAuthAppKeys
	}
	return audience.MaxAppKeys
}

// readApplication reads name, description, user_key, application_id, redirect_url and keys of a new application.
func readApplication(q *api.Request, app *audience.Application) error {
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
	if app.UserKey != "" && !validUserKey(app.UserKey) {
		v.Add("user_key", "is invalid")
	}
	if app.AppID, _, err = q.Str("application_id"); err != nil {
		return err
	}
	if app.AppID != "" && !validAppID(app.AppID) {
		v.Add("application_id", "is invalid")
	}
	if app.RedirectURL, _, err = q.Str("redirect_url"); err != nil {
		return err
	}
	keys, err := appKeysParam(q)
	if err != nil {
		return err
	}
	for _, key := range keys {
		if !validAppKey(key) {
			v.Add("application_key", "is invalid")
		} else if hasKey(app.Keys, key) {
			v.Add("application_key", "has already been taken")
		} else {
			app.Keys = append(app.Keys, key)
		}
	}
	return v.Err()
}

// appKeysParam reads application_key, one value or a list (application_key[]).
func appKeysParam(q *api.Request) ([]string, error) {
	val, ok := q.Value("application_key")
	if !ok {
		return nil, nil
	}
	vals := []*params.Value{val}
	if val.Kind == params.List {
		vals = val.List
	}
	var out []string
	for _, x := range vals {
		if x == nil || x.Kind != params.String {
			return nil, apierr.Invalid("application_key", "is invalid")
		}
		if s := strings.TrimSpace(x.Str); s != "" {
			out = append(out, s)
		}
	}
	return out, nil
}

// hasKey compares keys case-insensitively, as 3scale's unique index does.
func hasKey(keys []string, key string) bool {
	for _, k := range keys {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
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

// validAppID: printable ASCII but /, 4 to 255 characters.
func validAppID(s string) bool { return printable(s, 0x21, 4, 255) && !strings.Contains(s, "/") }

// validAppKey: printable ASCII and spaces, 5 to 255 characters.
func validAppKey(s string) bool { return printable(s, 0x20, 5, 255) }

func printable(s string, lowest byte, min, max int) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < lowest || s[i] > 0x7e {
			return false
		}
	}
	return true
}
