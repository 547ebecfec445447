package authrep

import (
	"regexp"
	"strings"

	"turnpike/shared/audience"
	"turnpike/shared/catalog"
)

// denial is a 409: the rejection code and 3scale's reason text.
type denial struct{ code, reason string }

var (
	notActive        = &denial{"application_not_active", "application is not active"}
	serviceNotActive = &denial{"service_not_active", "service is not active"}
	limitsExceeded   = &denial{"limits_exceeded", "usage limits are exceeded"}
)

// validate runs 3scale's validators in order (key, referrer, state, service
// state); the first failure wins. Limits are checked by the counters.
func validate(c *call, svc *catalog.Service, app *audience.Application) *denial {
	if d := validateKey(c, svc, app); d != nil {
		return d
	}
	if d := validateReferrer(c, svc, app); d != nil {
		return d
	}
	if app.State != audience.AppLive {
		return notActive
	}
	if svc.State == catalog.ServiceSuspended {
		return serviceNotActive
	}
	return nil
}

func validateKey(c *call, svc *catalog.Service, app *audience.Application) *denial {
	if svc.BackendVersion == "1" || len(app.Keys) == 0 {
		return nil
	}
	key, _ := c.appKey()
	if key == "" {
		return &denial{"application_key_invalid", "application key is missing"}
	}
	for _, k := range app.Keys {
		if k == key {
			return nil
		}
	}
	return &denial{"application_key_invalid", `application key "` + key + `" is invalid`}
}

func validateReferrer(c *call, svc *catalog.Service, app *audience.Application) *denial {
	if !svc.ReferrerFiltersRequired || len(app.ReferrerFilters) == 0 {
		return nil
	}
	ref := c.str("referrer")
	if ref == "*" {
		return nil
	}
	if ref == "" {
		return &denial{"referrer_not_allowed", "referrer is missing"}
	}
	for _, f := range app.ReferrerFilters {
		if referrerMatches(f, ref) {
			return nil
		}
	}
	return &denial{"referrer_not_allowed", `referrer "` + ref + `" is not allowed`}
}

// referrerMatches: the filter is literal except for * wildcards, anchored at both ends.
func referrerMatches(filter, ref string) bool {
	parts := strings.Split(filter, "*")
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	re, err := regexp.Compile(`\A` + strings.Join(parts, ".*") + `\z`)
	return err == nil && re.MatchString(ref)
}
