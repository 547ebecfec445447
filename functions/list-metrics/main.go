// Command list-metrics is the Lambda function of GET /admin/api/services/{service_id}/metrics.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-metrics") }
