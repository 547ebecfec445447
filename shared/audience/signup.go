package audience

import (
	"context"
	"net/http"
	"regexp"

	"turnpike/shared/api"
	"turnpike/shared/apierr"
	"turnpike/shared/credential"
	"turnpike/shared/deps"
)

var (
	usernameRE = regexp.MustCompile(`^\w[\w.\-@+]+$`)
	emailRE    = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

// Signup is POST /admin/api/signup ("signup express"): a developer account and its admin user.
func Signup(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "account"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		var org, username, email, password string
		for _, f := range []struct {
			name string
			dst  *string
		}{{"org_name", &org}, {"username", &username}, {"email", &email}, {"password", &password}} {
			var err error
			if *f.dst, _, err = q.Str(f.name); err != nil {
				return api.Result{}, err
			}
		}
		var v apierr.Validation
		if org == "" {
			v.Add("org_name", "can't be blank")
		}
		validateUsername(&v, username)
		if email != "" && (len(email) > 255 || !emailRE.MatchString(email)) {
			v.Add("email", "should look like an email address")
		}
		if err := v.Err(); err != nil {
			return api.Result{}, err
		}
		ids, err := d.Store.NextIDs(ctx, 2)
		if err != nil {
			return api.Result{}, err
		}
		// With a password the developer can sign in at once: approved and active.
		// Without one the account waits in "created" until its user is activated.
		acc := &Account{Key: AccountKey(q.Tenant(), ids[0]), ID: ids[0], OrgName: org, State: AccountCreated,
			AdminUser: ids[1], CreatedAt: q.Now, UpdatedAt: q.Now, StateChangedAt: q.Now}
		user := &User{Key: UserKey(q.Tenant(), acc.ID, ids[1]), ID: ids[1], Account: acc.ID, Username: username, Email: email,
			State: UserPending, Role: RoleAdmin, CreatedAt: q.Now, UpdatedAt: q.Now}
		if password != "" {
			acc.State, user.State = AccountApproved, UserActive
			user.PasswordHash = credential.HashPassword(password)
		}
		tx := d.Store.Tx(q.Tenant()).
			Create(acc, nil).
			Create(user, nil).
			Create(claim(q.Tenant(), ClaimUsername, username, user.ID), apierr.Invalid("username", "has already been taken"))
		if email != "" {
			tx.Create(claim(q.Tenant(), ClaimEmail, email, user.ID), apierr.Invalid("email", "has already been taken"))
		}
		if err := tx.Commit(ctx); err != nil {
			return api.Result{}, err
		}
		return api.Created(AccountObj(q.BaseURL(), acc, []*User{user})), nil
	})
}

func validateUsername(v *apierr.Validation, username string) {
	switch {
	case username == "":
		v.Add("username", "can't be blank")
	case len(username) < 3:
		v.Add("username", "is too short (minimum is 3 characters)")
	case len(username) > 40:
		v.Add("username", "is too long (maximum is 40 characters)")
	case !usernameRE.MatchString(username):
		v.Add("username", "is invalid")
	}
}
