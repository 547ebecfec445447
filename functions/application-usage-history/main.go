// Command application-usage-history is the Lambda function of GET /stats/applications/{application_id}/usage.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("application-usage-history") }
