// Command list-methods is the Lambda function of GET /admin/api/services/{service_id}/metrics/{metric_id}/methods.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-methods") }
