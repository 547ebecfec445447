// Command delete-webhook-failures is the Lambda function of DELETE /admin/api/webhooks/failures.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("delete-webhook-failures") }
