package authrep

import (
	"regexp"
	"strings"

	"turnpike/shared/model/audience"
	"turnpike/shared/model/catalog"
)

// denial is a 409: the rejection code and 3scale's reason text.
type denial struct{ code, reason string }

var (
	notActive        = &denial{"application_not_active", "application is not active"}
	serviceNotActive = &denial{"service_not_active", "service is not active"}
	limitsExceeded   = &denial{"limits_exceeded", "usage limits are exceeded"}
	oauthNotEnabled  = &denial{"oauth_not_enabled", "oauth is not enabled"}
	keyMissing       = &denial{"application_key_invalid", "application key is missing"}
)

func keyInvalid(key string) *denial {
	return &denial{"application_key_invalid", `application key "` + key + `" is invalid`}
}

// validateOAuthKey: an absent key passes, an empty one is missing, any other must be one of the app's.
func validateOAuthKey(c *call, app *audience.Application) *denial {
	key, given := c.appKey()
	if !given {
		return nil
	}
	if key == "" {
		return keyMissing
	}
	if hasKey(app, key) {
		return nil
	}
	return keyInvalid(key)
}

// validateRedirect: a non-empty redirect_url (or else redirect_uri) must be the app's.
func validateRedirect(c *call, app *audience.Application) *denial {
	name := "redirect_url"
	u := c.str(name)
	if _, ok := c.p.String(name); !ok {
		name, u = "redirect_uri", c.str("redirect_uri")
	}
	if u == "" || u == app.RedirectURL {
		return nil
	}
	return &denial{name + "_invalid", name + ` "` + u + `" is invalid`}
}

func hasKey(app *audience.Application, key string) bool {
	for _, k := range app.Keys {
		if k == key {
			return true
		}
	}
	return false
}

// validate runs 3scale's validators in order (key, referrer, state of the
// application and of its account, service state; the oauth_* endpoints first
// check that the service uses OAuth, the key and the redirect URL); the first
// failure wins. Limits are checked by the counters.
func validate(c *call, svc *catalog.Service, ac *appConf) *denial {
	app := ac.Application
	oauthService := svc.BackendVersion == "oauth" || svc.BackendVersion == "oidc"
	switch {
	case c.ep.oauth:
		if !oauthService {
			return oauthNotEnabled
		}
		if d := validateOAuthKey(c, app); d != nil {
			return d
		}
		if d := validateRedirect(c, app); d != nil {
			return d
		}
	case oauthService:
		if d := validateOAuthKey(c, app); d != nil {
			return d
		}
	default:
		if d := validateKey(c, svc, app); d != nil {
			return d
		}
	}
	if d := validateReferrer(c, svc, app); d != nil {
		return d
	}
	if app.State != audience.AppLive || !ac.accountEnabled {
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
		return keyMissing
	}
	if hasKey(app, key) {
		return nil
	}
	return keyInvalid(key)
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
