// Command list-integration-errors is the Lambda function of GET /admin/api/services/{service_id}/errors.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-integration-errors") }
