// Command create-referrer-filter is the Lambda function of POST /admin/api/accounts/{account_id}/applications/{application_id}/referrer_filters.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("create-referrer-filter") }
