package lambdafn

import (
	"context"
	"log"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	"turnpike/shared/platform/deps"
	"turnpike/shared/transport/ops"
)

// FunctionVariable names the environment variable that tells the shared
// binary which function it is: the template sets it on every function.
const FunctionVariable = "TURNPIKE_FUNCTION"

// Main is the whole main of the one binary every function runs: it starts the
// operation, queue or stream consumer, schedule, gateway or authorizer named by TURNPIKE_FUNCTION.
func Main() {
	name := os.Getenv(FunctionVariable)
	if name == "" {
		log.Fatalf("%s is not set: it names the function to run", FunctionVariable)
	}
	d, err := deps.FromEnv(context.Background())
	if err != nil {
		log.Fatalf("%s: %v", name, err)
	}
	h, err := Build(d, name)
	if err != nil {
		log.Fatal(err)
	}
	lambda.Start(h)
}

// Build returns the Lambda handler of a named function of any kind.
func Build(d *deps.Deps, name string) (any, error) {
	if _, ok := ops.Find(name); ok {
		return Handler(d, name)
	}
	if c, ok := ops.FindConsumer(name); ok {
		return c.Build(d), nil
	}
	if s, ok := ops.FindStream(name); ok {
		return s.Build(d), nil
	}
	if s, ok := ops.FindSchedule(name); ok {
		run := s.Build(d)
		return func(ctx context.Context) error { return run(ctx) }, nil
	}
	if g, ok := ops.FindGateway(name); ok {
		return Proxy(g.Build(d)), nil
	}
	if a, ok := ops.FindAuthorizer(name); ok {
		return a.Build(d), nil
	}
	return nil, errNoFunction(name)
}

type errNoFunction string

func (e errNoFunction) Error() string {
	return "lambdafn: no function " + string(e) + " in the registry"
}
