package tenant

import (
	"time"

	"turnpike/shared/platform/apierr"
)

// Field is a field an update may set.
type Field struct {
	Value string
	Set   bool
}

// Changes are the fields of a tenant an update sets.
type Changes struct {
	OrgName, FromEmail, SupportEmail, FinanceSupportEmail, SiteAccessCode Field
}

// Validate refuses what 3scale refuses: a blank organization name, e-mail
// addresses that do not look like one.
func (c *Changes) Validate() error {
	var e apierr.Validation
	if c.OrgName.Set && c.OrgName.Value == "" {
		e.Add("org_name", "can't be blank")
	}
	for _, f := range []struct {
		name string
		v    Field
	}{{"from_email", c.FromEmail}, {"support_email", c.SupportEmail}, {"finance_support_email", c.FinanceSupportEmail}} {
		if f.v.Set && f.v.Value != "" && !emailRE.MatchString(f.v.Value) {
			e.Add(f.name, "should look like an email address")
		}
	}
	return e.Err()
}

// Apply sets the fields on the tenant.
func (c *Changes) Apply(t *Tenant, now time.Time) {
	changed := false
	for _, f := range []struct {
		v   Field
		dst *string
	}{{c.OrgName, &t.OrgName}, {c.FromEmail, &t.FromEmail}, {c.SupportEmail, &t.SupportEmail},
		{c.FinanceSupportEmail, &t.FinanceSupportEmail}, {c.SiteAccessCode, &t.SiteAccessCode}} {
		if f.v.Set && *f.dst != f.v.Value {
			*f.dst, changed = f.v.Value, true
		}
	}
	if changed {
		t.UpdatedAt = now
	}
}
