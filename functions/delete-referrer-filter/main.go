// Command delete-referrer-filter is the Lambda function of DELETE /admin/api/accounts/{account_id}/applications/{application_id}/referrer_filters/{filter_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("delete-referrer-filter") }
