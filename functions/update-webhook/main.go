// Command update-webhook is the Lambda function of PUT /admin/api/webhooks.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("update-webhook") }
