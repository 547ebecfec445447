// Command list-purges is the Lambda function of GET /master/api/purges.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-purges") }
