// Command read-proxy-config is the Lambda function of GET /admin/api/services/{service_id}/proxy/configs/{environment}/{version}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("read-proxy-config") }
