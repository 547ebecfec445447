// Command list-service-tokens is the Lambda function of GET /admin/api/services/{service_id}/service_tokens.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-service-tokens") }
