// Command list-outbox is the Lambda function of GET /admin/api/outbox.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-outbox") }
