package store

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// A name that cannot be a reserved word is spelled out; any other gets a placeholder.
func TestSpelled(t *testing.T) {
	for _, n := range []string{"v7_day", "s12_minute", "a_b", "default_service", "cfgver", "h", "hn"} {
		if !Spelled(n) {
			t.Errorf("%q not spelled", n)
		}
	}
	for _, n := range []string{"state", "name", "day", "7v", "_v", "v-1", "v.1", "#v", ""} {
		if Spelled(n) {
			t.Errorf("%q spelled", n)
		}
	}
	p := Project("cfgver", "state", "default_service")
	if e := aws.ToString(p.expr); e != "cfgver, #p1, default_service" || len(p.names) != 1 || p.names["#p1"] != "state" {
		t.Errorf("projection %q %v", e, p.names)
	}
}
