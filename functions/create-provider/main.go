// Command create-provider is the Lambda function of POST /master/api/providers.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("create-provider") }
