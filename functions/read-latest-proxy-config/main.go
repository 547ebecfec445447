// Command read-latest-proxy-config is the Lambda function of GET /admin/api/services/{service_id}/proxy/configs/{environment}/latest.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("read-latest-proxy-config") }
