// Command oauth-authorize is the Lambda function of GET /transactions/oauth_authorize.xml.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("oauth-authorize") }
