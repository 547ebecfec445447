// Command delete-integration-errors is the Lambda function of DELETE /admin/api/services/{service_id}/errors.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("delete-integration-errors") }
