package ops

import "turnpike/shared/admin/audience"

const (
	applicationsOfAccount  = "/admin/api/accounts/{account_id}/applications"
	applicationMember      = applicationsOfAccount + "/{application_id}"
	subscriptionsOfAccount = "/admin/api/accounts/{account_id}/service_subscriptions"
	subscriptionMember     = subscriptionsOfAccount + "/{subscription_id}"
)

// Account Management API: developer accounts, users, applications.
var audienceOps = []Operation{
	{"signup", "POST", "/admin/api/signup.json", audience.Signup},

	// Applications of an account.
	{"list-account-applications", "GET", applicationsOfAccount + ".json", audience.ListAccountApplications},
	{"create-application", "POST", applicationsOfAccount + ".json", audience.CreateApplication},
	{"find-account-application", "GET", applicationsOfAccount + "/find.json", audience.FindAccountApplication},
	{"read-application", "GET", applicationMember, audience.ReadApplication},
	{"update-application", "PUT", applicationMember, audience.UpdateApplication},
	{"delete-application", "DELETE", applicationMember, audience.DeleteApplication},
	{"accept-application", "PUT", applicationMember + "/accept.json", audience.AcceptApplication},
	{"suspend-application", "PUT", applicationMember + "/suspend.json", audience.SuspendApplication},
	{"resume-application", "PUT", applicationMember + "/resume.json", audience.ResumeApplication},
	{"change-application-plan", "PUT", applicationMember + "/change_plan.json", audience.ChangeApplicationPlan},
	{"customize-application-plan", "PUT", applicationMember + "/customize_plan.json", audience.CustomizeApplicationPlan},
	{"decustomize-application-plan", "PUT", applicationMember + "/decustomize_plan.json", audience.DecustomizeApplicationPlan},
	{"change-application-user-key", "PUT", applicationMember + "/change_user_key.json", audience.ChangeApplicationUserKey},
	{"list-application-keys", "GET", applicationMember + "/keys.json", audience.ListApplicationKeys},
	{"create-application-key", "POST", applicationMember + "/keys.json", audience.CreateApplicationKey},
	{"delete-application-key", "DELETE", applicationMember + "/keys/{key}", audience.DeleteApplicationKey},
	{"list-referrer-filters", "GET", applicationMember + "/referrer_filters.json", audience.ListReferrerFilters},
	{"create-referrer-filter", "POST", applicationMember + "/referrer_filters.json", audience.CreateReferrerFilter},
	{"delete-referrer-filter", "DELETE", applicationMember + "/referrer_filters/{filter_id}", audience.DeleteReferrerFilter},

	// Applications across the tenant.
	{"list-applications", "GET", "/admin/api/applications.json", audience.ListApplications},
	{"find-application", "GET", "/admin/api/applications/find.json", audience.FindApplication},

	// Service subscriptions (JSON only).
	{"list-service-subscriptions", "GET", subscriptionsOfAccount + ".json", audience.ListServiceSubscriptions},
	{"create-service-subscription", "POST", subscriptionsOfAccount + ".json", audience.CreateServiceSubscription},
	{"read-service-subscription", "GET", subscriptionMember, audience.ReadServiceSubscription},
	{"delete-service-subscription", "DELETE", subscriptionMember, audience.DeleteServiceSubscription},
	{"change-service-subscription-plan", "PUT", subscriptionMember + "/change_plan.json", audience.ChangeServiceSubscriptionPlan},
	{"approve-service-subscription", "PUT", subscriptionMember + "/approve.json", audience.ApproveServiceSubscription},
	{"list-service-subscribers", "GET", "/admin/api/services/{service_id}/service_subscriptions.json", audience.ListServiceSubscribers},
}
