// Command service-usage-history is the Lambda function of GET /stats/services/{service_id}/usage.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("service-usage-history") }
