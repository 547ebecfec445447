// Command portal-signup is the Lambda function of POST /admin/api/portal/signup.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("portal-signup") }
