// Command create-service-plan is the Lambda function of POST /admin/api/services/{service_id}/service_plans.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("create-service-plan") }
