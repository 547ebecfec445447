// Command list-proxy-configs is the Lambda function of GET /admin/api/services/{service_id}/proxy/configs/{environment}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-proxy-configs") }
