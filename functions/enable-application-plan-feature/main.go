// Command enable-application-plan-feature is the Lambda function of POST /admin/api/application_plans/{plan_id}/features.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("enable-application-plan-feature") }
