package webhooks

import (
	"context"
	"net/http"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/webhook"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/wire"
)

// ReadWebhook is GET /admin/api/webhooks (JSON only): the configuration and,
// beyond 3scale, the signing secret in the Standard Webhooks form.
func ReadWebhook(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{JSONOnly: true}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		c, err := webhook.LoadConfig(ctx, d.Store, q.Tenant())
		if err != nil {
			return api.Result{}, err
		}
		if c.UpdatedAt.IsZero() {
			// The secret shown must be the one deliveries will use: keep it.
			if err := webhook.SaveConfig(ctx, d.Store, q.Tenant(), c, c.UpdatedAt, q.Now); err != nil {
				if c, err = webhook.LoadConfig(ctx, d.Store, q.Tenant()); err != nil {
					return api.Result{}, err
				}
			}
		}
		return api.OK(Obj(c)), nil
	})
}

// Obj represents a configuration as 3scale does, plus the secret.
func Obj(c *webhook.Config) *wire.Obj {
	o := wire.NewObj("webhook").
		Set("url", c.URL).
		Set("active", c.Active).
		Set("provider_actions", c.ProviderActions)
	for _, s := range webhook.Switches {
		o.Set(s, c.On[s])
	}
	return o.Set("secret", c.SecretText())
}
