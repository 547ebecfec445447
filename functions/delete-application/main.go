// Command delete-application is the Lambda function of DELETE /admin/api/accounts/{account_id}/applications/{application_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("delete-application") }
