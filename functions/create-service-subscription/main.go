// Command create-service-subscription is the Lambda function of POST /admin/api/accounts/{account_id}/service_subscriptions.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("create-service-subscription") }
