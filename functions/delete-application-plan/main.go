// Command delete-application-plan is the Lambda function of DELETE /admin/api/services/{service_id}/application_plans/{plan_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("delete-application-plan") }
