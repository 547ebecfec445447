// Command list-application-plans is the Lambda function of GET /admin/api/services/{service_id}/application_plans.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-application-plans") }
