// Command delete-application-key is the Lambda function of DELETE /admin/api/accounts/{account_id}/applications/{application_id}/keys/{key}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("delete-application-key") }
