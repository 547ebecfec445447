// Command list-application-plans is the Lambda function of GET /admin/api/services/{service_id}/application_plans.json.
package main

import "turnpike/shared/lambdafn"

func main() { lambdafn.Start("list-application-plans") }
