// Command portal-signup is the Lambda function of POST /admin/api/portal/signup.json.
package main

import "turnpike/shared/lambdafn"

func main() { lambdafn.Start("portal-signup") }
