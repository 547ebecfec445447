package catalog

import (
	"regexp"
	"strconv"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/params"
)

var (
	emailRE      = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
	annotationRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.\-]{0,254}$`)
)

// Deployment options 3scale accepts.
var deploymentOptions = map[string]bool{"hosted": true, "self_managed": true, "service_mesh_istio": true,
	"plugin_ruby": true, "plugin_java": true, "plugin_python": true, "plugin_nodejs": true,
	"plugin_php": true, "plugin_rest": true, "plugin_csharp": true}

// Who may change an application's plan.
var planChangePermissions = map[string]bool{"request": true, "direct": true, "credit_card": true,
	"request_credit_card": true, "none": true}

// Alert levels of notification_settings (percent of a limit).
var notificationKinds = map[string]bool{"web_provider": true, "email_provider": true, "web_buyer": true, "email_buyer": true}

// readService reads a service's parameters into s and validates what it
// read; on create, name, system_name and backend_version are validated by
// ServiceInput. system_name cannot change after creation (3scale ignores it).
func readService(q *api.Request, s *catalog.Service, creating bool, v *apierr.Validation) error {
	strs := []api.StrParam{api.Into("name", &s.Name), api.Into("description", &s.Description),
		api.Into("deployment_option", &s.DeploymentOption), api.Into("backend_version", &s.BackendVersion),
		api.Into("support_email", &s.SupportEmail), api.Into("buyer_plan_change_permission", &s.BuyerPlanChangePermission),
		api.Into("txt_support", &s.TxtSupport), api.Into("terms", &s.Terms)}
	if creating {
		strs = append(strs, api.Into("system_name", &s.SystemName))
	}
	if err := q.Strs(strs...); err != nil {
		return err
	}
	bools := []struct {
		name string
		dst  *bool
	}{{"intentions_required", &s.IntentionsRequired}, {"buyers_manage_apps", &s.BuyersManageApps},
		{"buyers_manage_keys", &s.BuyersManageKeys}, {"referrer_filters_required", &s.ReferrerFiltersRequired},
		{"buyer_can_select_plan", &s.BuyerCanSelectPlan}, {"buyer_key_regenerate_enabled", &s.BuyerKeyRegenerateEnabled},
		{"mandatory_app_key", &s.MandatoryAppKey}, {"custom_keys_enabled", &s.CustomKeysEnabled}}
	for _, f := range bools {
		b, _, err := q.Bool(f.name, *f.dst)
		if err != nil {
			return err
		}
		*f.dst = b
	}
	if !creating {
		catalog.CheckName(v, s.Name)
		bv, ok := catalog.NormalizeBackendVersion(s.BackendVersion)
		if !ok {
			v.Add("backend_version", "is not included in the list")
		}
		s.BackendVersion = bv
	}
	if s.DeploymentOption != "" && !deploymentOptions[s.DeploymentOption] {
		v.Add("deployment_option", "is not included in the list")
	}
	if s.SupportEmail != "" && (!emailRE.MatchString(s.SupportEmail) || len(s.SupportEmail) > 255) {
		v.Add("support_email", "should look like an email address")
	}
	if !planChangePermissions[s.BuyerPlanChangePermission] {
		v.Add("buyer_plan_change_permission", "is not included in the list")
	}
	for _, f := range []struct{ name, val string }{{"description", s.Description}, {"txt_support", s.TxtSupport}, {"terms", s.Terms}} {
		if len(f.val) > 65535 {
			v.Add(f.name, "is too long (maximum is 65535 characters)")
		}
	}
	readNotificationSettings(q, s, v)
	readAnnotations(q, &s.Annotations, v)
	return readServiceEvent(q, s, v)
}

// readNotificationSettings reads notification_settings[web_provider][]=50 and the like.
func readNotificationSettings(q *api.Request, s *catalog.Service, v *apierr.Validation) {
	val, ok := q.Value("notification_settings")
	if !ok {
		return
	}
	if val.Kind == params.String && val.Str == "" {
		s.NotificationSettings = nil // sending it blank clears every setting, as in 3scale
		return
	}
	if val.Kind != params.Map {
		v.Add("notification_settings", "is invalid")
		return
	}
	out := map[string][]int64{}
	for _, k := range val.Map.Keys() {
		levels, _ := val.Map.Get(k)
		if !notificationKinds[k] {
			v.Add("notification_settings", "is invalid")
			return
		}
		var items []*params.Value
		switch levels.Kind {
		case params.List:
			items = levels.List
		case params.String:
			if levels.Str != "" {
				items = []*params.Value{levels}
			}
		default:
			v.Add("notification_settings", "is invalid")
			return
		}
		out[k] = []int64{}
		for _, it := range items {
			n, err := strconv.ParseInt(it.Str, 10, 64)
			if it.Kind != params.String || err != nil || n < 0 || n > 1000 {
				v.Add("notification_settings", "is invalid")
				return
			}
			out[k] = append(out[k], n)
		}
	}
	s.NotificationSettings = out
}

// readAnnotations merges annotations[name]=value into *dst; a blank value removes the annotation.
func readAnnotations(q *api.Request, dst *map[string]string, v *apierr.Validation) {
	val, ok := q.Value("annotations")
	if !ok {
		return
	}
	if val.Kind != params.Map {
		v.Add("annotations", "is invalid")
		return
	}
	out := map[string]string{}
	for k, s := range *dst {
		out[k] = s
	}
	for _, k := range val.Map.Keys() {
		a, _ := val.Map.Get(k)
		if !annotationRE.MatchString(k) || a.Kind != params.String || len(a.Str) > 65535 {
			v.Add("annotations", "is invalid")
			return
		}
		if a.Str == "" {
			delete(out, k)
		} else {
			out[k] = a.Str
		}
	}
	if len(out) == 0 {
		out = nil
	}
	*dst = out
}
