// Command create-application-plan is the Lambda function of POST /admin/api/services/{service_id}/application_plans.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("create-application-plan") }
