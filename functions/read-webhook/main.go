// Command read-webhook is the Lambda function of GET /admin/api/webhooks.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("read-webhook") }
