// Command service-usage-history is the Lambda function of GET /stats/services/{service_id}/usage.json.
package main

import "turnpike/shared/lambdafn"

func main() { lambdafn.Start("service-usage-history") }
