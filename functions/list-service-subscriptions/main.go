// Command list-service-subscriptions is the Lambda function of GET /admin/api/accounts/{account_id}/service_subscriptions.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-service-subscriptions") }
