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

// MaxMessage bounds a message's body (DynamoDB items stop at 400 KB, and each
// admin's email copies the body).
const MaxMessage = 64 << 10

// CreateMessage is POST /admin/api/accounts/{account_id}/messages: the message
// is kept for the account, and an email to each of its admins is queued in
// the outbox in the same transaction.
func CreateMessage(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "message"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		acc, err := pathAccount(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		m := &audience.Message{Account: acc.ID, State: audience.MessageSent, CreatedAt: q.Now, UpdatedAt: q.Now}
		if err := readMessage(q, m); err != nil {
			return api.Result{}, err
		}
		users, err := audience.AccountUsers(ctx, d.Store, q.Tenant(), acc.ID)
		if err != nil {
			return api.Result{}, err
		}
		var to []string
		for _, u := range users {
			if u.Role == audience.RoleAdmin && u.State != audience.UserSuspended && u.Email != "" {
				to = append(to, u.Email)
			}
		}
		ids, err := d.Store.NextIDs(ctx, 1+len(to))
		if err != nil {
			return api.Result{}, err
		}
		m.ID, m.Key = ids[0], audience.MessageKey(q.Tenant(), acc.ID, ids[0])
		w := audience.NewWriter(ctx, d.Store, q.Tenant())
		w.Unit(func(tx *store.Tx) {
			tx.Create(m, nil).MustExist(acc.Key, store.ErrNotFound)
		})
		for i, addr := range to {
			e := outbox.New(q.Tenant(), ids[1+i], "message", addr, m.Subject, m.Body, acc.ID, q.Now)
			w.Unit(func(tx *store.Tx) { tx.Create(e, nil) })
		}
		if err := w.Commit(); err != nil {
			return api.Result{}, err
		}
		return api.Created(MessageObj(q.BaseURL(), m)), nil
	})
}

func readMessage(q *api.Request, m *audience.Message) error {
	var v apierr.Validation
	var err error
	if m.Subject, _, err = q.Str("subject"); err != nil {
		return err
	}
	if m.Body, _, err = q.Str("body"); err != nil {
		return err
	}
	switch {
	case m.Subject == "":
		v.Add("subject", "can't be blank")
	case len(m.Subject) > 255:
		v.Add("subject", "is too long (maximum is 255 characters)")
	}
	if len(m.Body) > MaxMessage {
		v.Add("body", "is too long (maximum is 65536 characters)")
	}
	return v.Err()
}
