// Command list-service-features is the Lambda function of GET /admin/api/services/{service_id}/features.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-service-features") }
