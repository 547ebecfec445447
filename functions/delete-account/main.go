// Command delete-account is the Lambda function of DELETE /admin/api/accounts/{account_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("delete-account") }
