// Command create-service-token is the Lambda function of POST /admin/api/services/{service_id}/service_tokens.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("create-service-token") }
