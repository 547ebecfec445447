// Command list-referrer-filters is the Lambda function of GET /admin/api/accounts/{account_id}/applications/{application_id}/referrer_filters.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-referrer-filters") }
