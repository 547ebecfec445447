package audience

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
)

// UpdateAccount is PUT /admin/api/accounts/{account_id}: org_name, the other
// built-in fields (vat_code, telephone_number, address...), annotations and
// the monthly billing and charging switches; fields not sent are kept.
func UpdateAccount(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{Wrapper: "account"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		var acc *audience.Account
		err := optimistic(ctx, func() error {
			var err error
			if acc, err = pathAccount(ctx, d, q); err != nil {
				return err
			}
			c := change(acc.Key, acc.UpdatedAt)
			if err := readAccountChanges(q, acc, c); err != nil {
				return err
			}
			acc.UpdatedAt = q.Now
			tx := c.set("updated_at", q.Now).in(d.Store.Tx(q.Tenant()))
			if err := fire(ctx, d, q, tx, "account", "updated", acc.ID, accountXML(ctx, d, q, acc)); err != nil {
				return err
			}
			return tx.Commit(ctx)
		})
		if err != nil {
			return api.Result{}, err
		}
		return accountResult(ctx, d, q, acc)
	})
}

// readAccountChanges applies the parameters sent to acc and records them in c.
func readAccountChanges(q *api.Request, acc *audience.Account, c *changes) error {
	var v apierr.Validation
	org, ok, err := readOrgName(q, &v)
	if err != nil {
		return err
	}
	if ok {
		acc.OrgName = org
		c.set("org_name", org)
	}
	for _, f := range []struct {
		name, attr string
		off        *bool
	}{{"monthly_billing_enabled", "billing_off", &acc.BillingOff}, {"monthly_charging_enabled", "charging_off", &acc.ChargingOff}} {
		on, ok, err := q.Bool(f.name, !*f.off)
		if err != nil {
			return err
		}
		if ok {
			*f.off = !on
			c.set(f.attr, !on)
		}
	}
	fields, sent, err := readAccountFields(q, acc.Fields, &v)
	if err != nil {
		return err
	}
	if sent {
		acc.Fields = fields
		c.set("fields", fields)
	}
	if q.Has("annotations") {
		notes, err := readAnnotations(q, acc.Annotations)
		if err != nil {
			return err
		}
		acc.Annotations = notes
		c.set("annotations", notes)
	}
	return v.Err()
}
