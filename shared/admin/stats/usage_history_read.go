package stats

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
	"turnpike/shared/model/usagelog"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/counter"
	"turnpike/shared/platform/credential"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/params"
	"turnpike/shared/platform/store"
	"turnpike/shared/platform/wire"
)

// ApplicationUsage is GET /stats/applications/{application_id}/usage: the
// usage history of one application.
func ApplicationUsage(d *deps.Deps) http.Handler {
	return historyHandler(d, "A", func(ctx context.Context, q *api.Request) (int64, int64, error) {
		id, err := q.ID("application_id")
		if err != nil {
			return 0, 0, err
		}
		app, err := audience.LoadApplication(ctx, d.Store, q.Tenant(), id)
		if err != nil {
			return 0, 0, err
		}
		return app.ID, app.Service, nil
	})
}

// ServiceUsage is GET /stats/services/{service_id}/usage: the usage history of a service.
func ServiceUsage(d *deps.Deps) http.Handler {
	return historyHandler(d, "S", func(ctx context.Context, q *api.Request) (int64, int64, error) {
		id, err := q.ID("service_id")
		if err != nil {
			return 0, 0, err
		}
		svc, err := catalog.LoadService(ctx, d.Store, q.Tenant(), id)
		if err != nil {
			return 0, 0, err
		}
		return svc.ID, svc.ID, nil
	})
}

// maxBuckets bounds one answer.
const maxBuckets = 1000

// historyHandler answers one series: metric_name (or response_code, "200" or
// "2XX"), granularity (hour … year, eternity; default day) and the range
// since … until (dates or times, UTC; default the current bucket).
func historyHandler(d *deps.Deps, scope string, find func(context.Context, *api.Request) (int64, int64, error)) http.Handler {
	return api.Admin(d, api.Spec{JSONOnly: true, Scope: credential.ScopeStats}, func(ctx context.Context, q *api.Request) (api.Result, error) {
		id, svc, err := find(ctx, q)
		if err != nil {
			return api.Result{}, err
		}
		gran, _, err := q.Str("granularity")
		if err != nil {
			return api.Result{}, err
		}
		if gran == "" {
			gran = "day"
		}
		if !validGranularity(gran) {
			return api.Result{}, apierr.Invalid("granularity", "is not included in the list")
		}
		series, obj, err := seriesOf(ctx, d, q, svc)
		if err != nil {
			return api.Result{}, err
		}
		since, until, err := span(q, gran)
		if err != nil {
			return api.Result{}, err
		}
		var starts []time.Time
		for t := since; !t.After(until) && len(starts) < maxBuckets; {
			starts = append(starts, t)
			if gran == "eternity" {
				break
			}
			t = counter.End(gran, t)
		}
		values, err := usagelog.ReadSeries(ctx, d.Store, usagelog.HistoryPK(q.Tenant(), scope, id, usagelog.Stored(gran)), series, gran, starts)
		if err != nil {
			return api.Result{}, err
		}
		var total int64
		for _, v := range values {
			total += v
		}
		out := wire.NewObj("usage").Set(obj.Name, obj).
			Set("granularity", gran).
			Set("since", since).
			Set("until", counter.End(gran, starts[len(starts)-1]).Add(-time.Second)).
			Set("total", total).
			Set("values", values)
		if gran == "eternity" {
			out.Set("since", nil).Set("until", nil)
		}
		return api.OK(out), nil
	})
}

func validGranularity(g string) bool {
	for _, p := range usagelog.HistoryPeriods {
		if p == g {
			return true
		}
	}
	return false
}

// seriesOf names the series asked for: a metric of the service, or a response code.
func seriesOf(ctx context.Context, d *deps.Deps, q *api.Request, svc int64) (string, *wire.Obj, error) {
	code, _, err := q.Str("response_code")
	if err != nil {
		return "", nil, err
	}
	if code != "" {
		if len(code) != 3 || code[0] < '1' || code[0] > '5' || !(strings.HasSuffix(code, "XX") || usagelog.TrackedCodes[code]) {
			return "", nil, apierr.Invalid("response_code", "is invalid")
		}
		return "c:" + code, wire.NewObj("response_code").Set("code", code), nil
	}
	name, _, err := q.Str("metric_name")
	if err != nil {
		return "", nil, err
	}
	if name == "" {
		return "", nil, apierr.Invalid("metric_name", "can't be blank")
	}
	ms, err := catalog.Metrics(ctx, d.Store, q.Tenant(), svc)
	if err != nil {
		return "", nil, err
	}
	for _, m := range ms {
		if m.SystemName == name {
			return strconv.FormatInt(m.ID, 10), wire.NewObj("metric").Set("id", m.ID).Set("system_name", m.SystemName).
				Set("friendly_name", m.FriendlyName).Set("unit", m.Unit), nil
		}
	}
	return "", nil, store.ErrNotFound
}

// span reads since and until, aligned to the granularity's buckets.
func span(q *api.Request, gran string) (time.Time, time.Time, error) {
	now := q.Now.UTC()
	at := func(name string, def time.Time) (time.Time, error) {
		s, _, err := q.Str(name)
		if err != nil || s == "" {
			return def, err
		}
		t, ok := params.ParseTimestamp(s)
		if !ok {
			return time.Time{}, apierr.Invalid(name, "is invalid")
		}
		return t, nil
	}
	since, err := at("since", now)
	if err != nil {
		return since, since, err
	}
	until, err := at("until", now)
	if err != nil {
		return since, until, err
	}
	if until.Before(since) {
		return since, until, apierr.Invalid("until", "must be after since")
	}
	return counter.Start(gran, since), counter.Start(gran, until), nil
}
