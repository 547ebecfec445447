package ops

import "turnpike/shared/audience"

// Account Management API: developer accounts, users, applications.
var audienceOps = []Operation{
	{"signup", "POST", "/admin/api/signup.json", audience.Signup},
	{"create-application", "POST", "/admin/api/accounts/{account_id}/applications.json", audience.CreateApplication},
}
