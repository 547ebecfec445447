// Command list-application-keys is the Lambda function of GET /admin/api/accounts/{account_id}/applications/{application_id}/keys.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-application-keys") }
