package webhooks

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/webhook"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/store"
)

// UpdateWebhook is PUT /admin/api/webhooks (JSON only): url, active,
// provider_actions and the *_on switches; what is not sent is kept.
func UpdateWebhook(d *deps.Deps) http.Handler {
	return api.Admin(d, api.Spec{JSONOnly: true, Wrapper: "webhook"}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		var c *webhook.Config
		err := store.Optimistic(ctx, func() error {
			var err error
			if c, err = webhook.LoadConfig(ctx, d.Store, q.Tenant()); err != nil {
				return err
			}
			seen := c.UpdatedAt
			if err := read(q, c); err != nil {
				return err
			}
			return webhook.SaveConfig(ctx, d.Store, q.Tenant(), c, seen, q.Now)
		})
		if errors.Is(err, store.ErrStale) {
			return api.Result{}, apierr.Msg(http.StatusConflict, "Changed concurrently, try again").WithCause(err)
		}
		if err != nil {
			return api.Result{}, err
		}
		return api.OK(Obj(c)), nil
	})
}

func read(q *api.Request, c *webhook.Config) error {
	if u, ok, err := q.Str("url"); err != nil {
		return err
	} else if ok {
		c.URL = u
	}
	for _, f := range []struct {
		name string
		dst  *bool
	}{{"active", &c.Active}, {"provider_actions", &c.ProviderActions}} {
		v, _, err := q.Bool(f.name, *f.dst)
		if err != nil {
			return err
		}
		*f.dst = v
	}
	for _, s := range webhook.Switches {
		v, ok, err := q.Bool(s, c.On[s])
		if err != nil {
			return err
		}
		if ok {
			c.On[s] = v
		}
	}
	if c.Active {
		u, err := url.Parse(c.URL)
		if c.URL == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return apierr.Invalid("url", "is invalid")
		}
	}
	return nil
}
