// Command promote-proxy-config is the Lambda function of POST /admin/api/services/{service_id}/proxy/configs/{environment}/{version}/promote.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("promote-proxy-config") }
