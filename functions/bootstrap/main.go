// Command bootstrap is the one binary every Lambda function of Turnpike runs;
// TURNPIKE_FUNCTION, set per function by template.yaml, names its operation.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Main() }
