// Command accept-invitation is the Lambda function of POST /admin/api/invitations/accept.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("accept-invitation") }
