// Command read-service-plan is the Lambda function of GET /admin/api/services/{service_id}/service_plans/{plan_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("read-service-plan") }
