// Command list-account-proxy-configs is the Lambda function of GET /admin/api/account/proxy_configs/{environment}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-account-proxy-configs") }
