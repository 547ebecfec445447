// Command list-service-plan-features is the Lambda function of GET /admin/api/service_plans/{plan_id}/features.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-service-plan-features") }
