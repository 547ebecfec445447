// Command list-service-plans is the Lambda function of GET /admin/api/services/{service_id}/service_plans.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-service-plans") }
