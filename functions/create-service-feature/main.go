// Command create-service-feature is the Lambda function of POST /admin/api/services/{service_id}/features.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("create-service-feature") }
