package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/credential"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// AcceptInvitation is POST /admin/api/invitations/accept (a Turnpike
// extension): the developer portal, on behalf of the invitee, sends the
// invitation_token from the email with a username and a password. The user
// is created active (holding the token proves the address), as a member of
// the inviting account, and the invitation is used up, in one transaction.
func AcceptInvitation(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "invitation"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		token, _, err := q.Str("invitation_token")
		if err != nil {
			return api.Result{}, err
		}
		if token == "" {
			return api.Result{}, apierr.Invalid("invitation_token", "can't be blank")
		}
		c, err := audience.FindUserClaim(ctx, d.Store, audience.InvitationTokenKey(q.Tenant(), credential.Hash(token)))
		if err != nil {
			return api.Result{}, err
		}
		if c == nil {
			return api.Result{}, store.ErrNotFound
		}
		inv, err := audience.LoadInvitation(ctx, d.Store, q.Tenant(), c.Account, c.Owner)
		if err != nil {
			return api.Result{}, err
		}
		in, err := readUserInput(q)
		if err != nil {
			return api.Result{}, err
		}
		in.Email, in.HasEmail = inv.Email, true
		var v apierr.Validation
		in.validate(&v, true, rules{emailRequired: true, passwordRequired: true})
		if err := v.Err(); err != nil {
			return api.Result{}, err
		}
		acc := audience.AccountKey(q.Tenant(), inv.Account)
		id, err := d.Store.NextID(ctx)
		if err != nil {
			return api.Result{}, err
		}
		u := &audience.User{Key: audience.UserKey(q.Tenant(), inv.Account, id), ID: id, Account: inv.Account, Username: in.Username,
			Email: inv.Email, PasswordHash: passwordHash(in.Password), State: audience.UserActive, Role: audience.RoleMember,
			CreatedAt: q.Now, UpdatedAt: q.Now}
		tx := d.Store.Tx(q.Tenant()).Create(u, nil)
		audience.ClaimUser(tx, q.Tenant(), u)
		change(inv.Key, inv.UpdatedAt).set("state", audience.InvitationAccepted).set("user", id).
			set("accepted_at", q.Now).set("updated_at", q.Now).in(tx)
		for _, k := range audience.InvitationClaims(q.Tenant(), inv) {
			tx.Delete(k.PK, k.SK)
		}
		tx.MustExist(acc, store.ErrNotFound)
		onDeveloperSide(q) // the invitee signs up through the portal
		if err := fire(ctx, d, q, tx, "user", "created", u.ID, userXML(q, u)); err != nil {
			return api.Result{}, err
		}
		if err := tx.Commit(ctx); err != nil {
			if err == store.ErrStale { // accepted or withdrawn meanwhile
				return api.Result{}, store.ErrNotFound
			}
			return api.Result{}, err
		}
		return api.Created(UserObj(q.BaseURL(), u)), nil
	})
}
