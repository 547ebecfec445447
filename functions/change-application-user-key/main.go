// Command change-application-user-key is the Lambda function of PUT /admin/api/accounts/{account_id}/applications/{application_id}/change_user_key.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("change-application-user-key") }
