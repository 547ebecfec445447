// Command read-service-feature is the Lambda function of GET /admin/api/services/{service_id}/features/{feature_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("read-service-feature") }
