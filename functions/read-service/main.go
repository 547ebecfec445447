// Command read-service is the Lambda function of GET /admin/api/services/{service_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("read-service") }
