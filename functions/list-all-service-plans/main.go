// Command list-all-service-plans is the Lambda function of GET /admin/api/service_plans.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-all-service-plans") }
