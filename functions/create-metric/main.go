// Command create-metric is the Lambda function of POST /admin/api/services/{service_id}/metrics.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("create-metric") }
