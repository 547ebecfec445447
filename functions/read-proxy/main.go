// Command read-proxy is the Lambda function of GET /admin/api/services/{service_id}/proxy.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("read-proxy") }
