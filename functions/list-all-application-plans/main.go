// Command list-all-application-plans is the Lambda function of GET /admin/api/application_plans.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-all-application-plans") }
