package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/model/outbox"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// CreateInvitation is POST /admin/api/accounts/{account_id}/invitations (a
// Turnpike extension): it invites an email address to become a user of the
// account. The invitee gets an email, queued in the outbox with the
// invitation, that carries the token to accept it with.
func CreateInvitation(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "invitation"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		acc, err := pathAccount(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		email, _, err := q.Str("email")
		if err != nil {
			return api.Result{}, err
		}
		var v apierr.Validation
		(&userInput{Email: email, HasEmail: true}).validate(&v, false, rules{emailRequired: true})
		if err := v.Err(); err != nil {
			return api.Result{}, err
		}
		// Fail early for a known user; accepting checks again, atomically.
		if c, err := audience.FindUserClaim(ctx, d.Store, audience.ClaimKey(q.Tenant(), audience.ClaimEmail, email)); err != nil {
			return api.Result{}, err
		} else if c != nil {
			return api.Result{}, audience.ErrEmailTaken
		}
		ids, err := d.Store.NextIDs(ctx, 2)
		if err != nil {
			return api.Result{}, err
		}
		token, digest := audience.NewInvitationToken()
		inv := &audience.Invitation{Key: audience.InvitationKey(q.Tenant(), acc.ID, ids[0]), ID: ids[0], Account: acc.ID, Email: email,
			State: audience.InvitationPending, Digest: digest, CreatedAt: q.Now, UpdatedAt: q.Now}
		mail := outbox.New(q.Tenant(), ids[1], "invitation", email, "Invitation to join "+acc.OrgName,
			"You are invited to become a user of "+acc.OrgName+".\n\nInvitation token: "+token+"\n", acc.ID, q.Now)
		err = d.Store.Tx(q.Tenant()).
			Create(inv, nil).
			Create(&audience.UserClaim{Key: audience.InvitationTokenKey(q.Tenant(), digest), Owner: inv.ID, Account: acc.ID}, nil).
			Create(&audience.UserClaim{Key: audience.InvitedEmailKey(q.Tenant(), acc.ID, email), Owner: inv.ID, Account: acc.ID},
				apierr.Invalid("email", "has already been invited")).
			Create(mail, nil).
			MustExist(acc.Key, store.ErrNotFound).
			Commit(ctx)
		if err != nil {
			return api.Result{}, err
		}
		return api.Created(InvitationObj(q.BaseURL(), inv)), nil
	})
}
