// Command customize-application-plan is the Lambda function of PUT /admin/api/accounts/{account_id}/applications/{application_id}/customize_plan.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("customize-application-plan") }
