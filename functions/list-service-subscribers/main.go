// Command list-service-subscribers is the Lambda function of GET /admin/api/services/{service_id}/service_subscriptions.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-service-subscribers") }
