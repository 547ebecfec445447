// Command read-application is the Lambda function of GET /admin/api/accounts/{account_id}/applications/{application_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("read-application") }
