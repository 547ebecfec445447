package usage

import (
	"context"
	"errors"
	"strings"
	"time"

	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/params"
	"turnpike/shared/platform/store"
)

// tx is a reported transaction resolved against the configuration.
type tx struct {
	app   *audience.Application
	at    time.Time
	usage map[int64]Delta // expanded through the hierarchy
	code  string
	only  []string // the counter periods still to count, for a transaction sent back to wait
}

// The window reports may fall in, relative to the time they were received.
const (
	MaxAge    = 24 * time.Hour
	MaxFuture = time.Hour
)

// integrationError is why a batch was dropped, for the provider to read.
type integrationError struct{ code, message string }

// resolve checks a batch as 3scale's worker does: the first bad transaction
// drops the whole batch.
// A store error is returned as err: the message is retried, nothing is recorded.
func resolve(ctx context.Context, d *deps.Deps, r *Report) ([]tx, *integrationError, error) {
	ms, err := catalog.Metrics(ctx, d.Store, r.Tenant, r.Service)
	if err != nil {
		return nil, nil, err
	}
	x := IndexMetrics(ms)
	received := time.UnixMilli(r.Received).UTC()
	apps := map[string]*audience.Application{}
	out := make([]tx, 0, len(r.Txs))
	for _, raw := range r.Txs {
		app, ie, err := findApp(ctx, d, r, raw, apps)
		if ie != nil || err != nil {
			return nil, ie, err
		}
		given := make([]Delta, 0, len(raw.Usage))
		for _, u := range raw.Usage {
			name := strings.TrimSpace(u[0])
			m, ok := x.ByName[name]
			if !ok {
				return nil, &integrationError{"metric_invalid", MetricInvalid(name)}, nil
			}
			n, set, ok := ParseValue(u[1])
			if !ok {
				return nil, &integrationError{"usage_value_invalid", UsageValueInvalid(name, strings.TrimSpace(u[1]))}, nil
			}
			given = append(given, Delta{Metric: m.ID, N: n, Set: set})
		}
		at, ok := params.ParseTimestamp(raw.Timestamp)
		if !ok {
			at = received
		}
		if at.Before(received.Add(-MaxAge)) {
			return nil, &integrationError{"transaction_timestamp_too_old", "reporting transactions older than 86400 seconds is not allowed"}, nil
		}
		if at.After(received.Add(MaxFuture)) {
			return nil, &integrationError{"transaction_timestamp_too_new", "reporting transactions more than 3600 seconds in the future is not allowed"}, nil
		}
		out = append(out, tx{app: app, at: at, usage: Expand(given, x, false), code: raw.Code, only: raw.Only})
	}
	return out, nil, nil
}

// findApp resolves a transaction's app_id or user_key (either works, whatever the service's mode).
func findApp(ctx context.Context, d *deps.Deps, r *Report, raw RawTx, seen map[string]*audience.Application) (*audience.Application, *integrationError, error) {
	if raw.AppID != "" && raw.UserKey != "" {
		return nil, &integrationError{"authentication_error", BothCredentials}, nil
	}
	kind, value, miss := audience.ClaimAppID, raw.AppID, &integrationError{"application_not_found", AppNotFound(raw.AppID)}
	if raw.AppID == "" && raw.UserKey != "" {
		kind, value, miss = audience.ClaimUserKey, raw.UserKey, &integrationError{"user_key_invalid", UserKeyInvalid(raw.UserKey)}
	}
	if value == "" {
		return nil, miss, nil
	}
	if app, ok := seen[kind+"\x00"+value]; ok {
		return app, nil, nil
	}
	id, err := audience.FindClaim(ctx, d.Store, r.Tenant, kind, value)
	if err != nil || id == 0 {
		return nil, miss, err
	}
	app, err := audience.LoadApplication(ctx, d.Store, r.Tenant, id)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, miss, nil
		}
		return nil, nil, err
	}
	if app.Service != r.Service {
		return nil, miss, nil
	}
	seen[kind+"\x00"+value] = app
	return app, nil, nil
}
