// Command accept-application is the Lambda function of PUT /admin/api/accounts/{account_id}/applications/{application_id}/accept.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("accept-application") }
