// Command create-application-key is the Lambda function of POST /admin/api/accounts/{account_id}/applications/{application_id}/keys.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("create-application-key") }
