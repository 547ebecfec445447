// Command signup is the Lambda function of POST /admin/api/signup.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("signup") }
