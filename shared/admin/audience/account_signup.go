package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
	"turnpike/shared/model/settings"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// Signup is POST /admin/api/signup ("signup express"): the provider creates a
// developer account and its admin user. The provider may leave out the email
// and the password; without a password, or when accounts need approval, the
// account waits in "created" until its user is activated.
func Signup(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "account"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		return signup(ctx, d, q, expressSignup)
	})
}

// PortalSignup is POST /admin/api/portal/signup (a Turnpike extension): a
// developer signs up through the provider's developer portal, which calls this
// with its own token. It honours the "signups_enabled" setting, requires an
// email and a password, and activates the user at once (the portal verifies
// the address); the account is approved, or pending when approval is required.
func PortalSignup(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "account"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		onDeveloperSide(q)
		return signup(ctx, d, q, portalSignup)
	})
}

// signupMode is how the entry points of a signup differ.
type signupMode struct {
	portal    bool // the developer portal: signups_enabled applies, email and password are required
	activate  bool // the user is active at once, the account pending or approved
	contracts bool // subscribe to the services' plans (signup express)
}

var (
	expressSignup = signupMode{contracts: true}
	portalSignup  = signupMode{portal: true, activate: true, contracts: true}
	accountCreate = signupMode{activate: true}
)

func signup(ctx context.Context, d *deps.Deps, q *api.Request, mode signupMode) (api.Result, error) {
	if mode.portal {
		st, err := settings.Load(ctx, d.Store, q.Tenant())
		if err != nil {
			return api.Result{}, err
		}
		if !st.SignupsEnabled {
			return api.Result{}, apierr.Msg(http.StatusForbidden, "Signups are disabled")
		}
	}
	var v apierr.Validation
	org, hasOrg, err := readOrgName(q, &v)
	if err != nil {
		return api.Result{}, err
	}
	if !hasOrg {
		v.Add("org_name", "can't be blank")
	}
	in, err := readUserInput(q)
	if err != nil {
		return api.Result{}, err
	}
	in.validate(&v, true, rules{emailRequired: mode.portal || !mode.contracts, passwordRequired: mode.portal})
	notes, err := readAnnotations(q, nil)
	if err != nil {
		return api.Result{}, err
	}
	fields, _, err := readAccountFields(q, nil, &v)
	if err != nil {
		return api.Result{}, err
	}
	if err := v.Err(); err != nil {
		return api.Result{}, err
	}
	plan, err := signupPlan(ctx, d, q)
	if err != nil {
		return api.Result{}, err
	}
	var contracts []*signupContract
	if mode.contracts {
		if contracts, err = signupContracts(ctx, d, q); err != nil {
			return api.Result{}, err
		}
	}
	approval, err := approvalRequired(ctx, d.Store, q.Tenant(), plan)
	if err != nil {
		return api.Result{}, err
	}
	ids, err := d.Store.NextIDs(ctx, 2+2*len(contracts))
	if err != nil {
		return api.Result{}, err
	}
	acc := &audience.Account{Key: audience.AccountKey(q.Tenant(), ids[0]), ID: ids[0], OrgName: org, AdminUser: ids[1], Admins: 1, Plan: planID(plan),
		Annotations: notes, Fields: fields, CreatedAt: q.Now, UpdatedAt: q.Now, StateChangedAt: q.Now}
	user := &audience.User{Key: audience.UserKey(q.Tenant(), acc.ID, ids[1]), ID: ids[1], Account: acc.ID, Username: in.Username, Email: in.Email,
		PasswordHash: passwordHash(in.Password), Role: audience.RoleAdmin, CreatedAt: q.Now, UpdatedAt: q.Now}
	switch {
	case mode.activate:
		acc.State, user.State = audience.ActivatedAccountState(approval), audience.UserActive
	case in.Password != "" && !approval:
		acc.State, user.State = audience.AccountApproved, audience.UserActive
	default:
		acc.State, user.State = audience.AccountCreated, audience.UserPending
	}
	acc.Index = audience.AccountIndex(q.Tenant(), acc.ID, acc.State)
	tx := audience.NewAppTx(d, q.Tenant())
	tx.Create(acc, nil).Create(user, nil)
	audience.ClaimUser(tx.Tx, q.Tenant(), user)
	audience.AddAccountCounts(tx.Tx, q.Tenant(), map[string]int64{acc.State: 1})
	if plan != nil {
		tx.Contract(plan.ID, 1)
	}
	apps, err := addSignupContracts(tx, acc, contracts, ids[2:], q.Now)
	if err != nil {
		return api.Result{}, err
	}
	view, err := signupView(ctx, d, q, acc, user, plan, contracts, apps)
	if err != nil {
		return api.Result{}, err
	}
	if !mode.contracts {
		view.Apps = nil // only the signup express lists applications
	}
	if err := fireSignup(ctx, d, q, tx.Tx, acc, user, view); err != nil {
		return api.Result{}, err
	}
	if err := tx.Commit(ctx); err != nil {
		return api.Result{}, err
	}
	return api.Created(AccountObj(q.BaseURL(), acc, view)), nil
}

// signupPlan is the account plan given by account_plan_id, else the
// tenant's default account plan; nil when it has none.
func signupPlan(ctx context.Context, d *deps.Deps, q *api.Request) (*catalog.Plan, error) {
	id, ok, err := q.Int("account_plan_id", 0)
	if err != nil {
		return nil, err
	}
	if !ok {
		return catalog.DefaultAccountPlan(ctx, d.Store, q.Tenant())
	}
	if id <= 0 {
		return nil, store.ErrNotFound
	}
	return catalog.LoadPlan(ctx, d.Store, q.Tenant(), id, catalog.AccountPlan)
}

func planID(p *catalog.Plan) int64 {
	if p == nil {
		return 0
	}
	return p.ID
}
