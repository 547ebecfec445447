package audience

import (
	"context"
	"fmt"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// appsPerTx bounds the applications one unsubscription transaction deletes:
// five items each, their plans' counters and the first custom plan's limits
// (see limitsInTx) stay within DynamoDB's 100 items.
const appsPerTx = 8

// DeleteServiceSubscription is DELETE .../service_subscriptions/{subscription_id}:
// the account leaves the service. Refused (403) while the account has an
// application on the service that is not suspended; otherwise its suspended
// applications are deleted with the subscription.
func DeleteServiceSubscription(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{JSONOnly: true}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		acc, sub, err := subOfPath(ctx, d, q)
		if err != nil {
			return api.Result{}, err
		}
		apps, err := accountAppsOnService(ctx, d, q.Tenant(), acc.ID, sub.Service)
		if err != nil {
			return api.Result{}, err
		}
		active := 0
		for _, a := range apps {
			if a.State != audience.AppSuspended {
				active++
			}
		}
		if active > 0 {
			return api.Result{}, apierr.Refused("base",
				fmt.Sprintf("The account has %d application(s) on this service that are not suspended; suspend or delete them first", active))
		}
		// Each transaction checks the subscription's application count, so an
		// application created meanwhile stops the unsubscription (409, retry).
		left := int64(len(apps))
		for first := true; first || len(apps) > 0; first = false {
			chunk := apps[:min(len(apps), appsPerTx)]
			apps = apps[len(chunk):]
			tx := audience.NewAppTx(d, q.Tenant())
			for _, a := range chunk {
				if err := tx.Remove(ctx, a); err != nil {
					return api.Result{}, err
				}
			}
			counted := store.Is("apps", left)
			if len(apps) == 0 {
				tx.DeleteIf(sub.Key, counted, errSubChanged)
				tx.Contract(sub.Plan, -1)
			} else {
				tx.UpdateIf(sub.Key, store.NewChange().Add("apps", -int64(len(chunk))), counted, errSubChanged)
			}
			if err := tx.Commit(ctx); err != nil {
				return api.Result{}, err
			}
			left -= int64(len(chunk))
		}
		return api.Deleted(), nil
	})
}

// accountAppsOnService lists an account's applications on a service.
func accountAppsOnService(ctx context.Context, d *deps.Deps, tenant, account, service int64) ([]*audience.Application, error) {
	var apps []*audience.Application
	q := store.Query{Index: store.GSI1, PK: audience.AppsOfAccount(tenant, account), Filter: store.Is("service", service)}
	if err := d.Store.All(ctx, q, &apps); err != nil {
		return nil, err
	}
	for _, a := range apps {
		a.Key = audience.ApplicationKey(tenant, a.ID)
	}
	return apps, nil
}
