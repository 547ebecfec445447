package params

import (
	"errors"
	"strings"
	"testing"
)

func TestParseJSON(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"3scale body",
			`{"name":"x","application_plan":{"name":"y"},"n":5,"b":true,"l":[1,2]}`,
			`{"name":"x","application_plan":{"name":"y"},"n":"5","b":"true","l":["1","2"]}`},
		{"empty", `{}`, `{}`},
		{"scalars", `{"f":false,"z":null,"x":-1.50e3,"s":"\u00e9\n"}`, `{"f":"false","z":"","x":"-1.50e3","s":"é\n"}`},
		{"order preserved", `{"z":1,"a":2,"m":3}`, `{"z":"1","a":"2","m":"3"}`},
		{"repeated key", `{"a":1,"b":2,"a":3}`, `{"a":"3","b":"2"}`},
		{"nested lists", `{"l":[[],[{}],[{"a":[null]}]]}`, `{"l":[[],[{}],[{"a":[""]}]]}`},
		{"whitespace", " \n{ \"a\" : 1 }\n ", `{"a":"1"}`},
		{"depth 100", `{"a":` + strings.Repeat("[", 99) + strings.Repeat("]", 99) + `}`,
			`{"a":` + strings.Repeat("[", 99) + strings.Repeat("]", 99) + `}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParseJSON([]byte(tt.in))
			if err != nil {
				t.Fatalf("ParseJSON(%q): %v", tt.in, err)
			}
			if got := dump(p); got != tt.want {
				t.Errorf("ParseJSON(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseJSONErrors(t *testing.T) {
	tests := []struct {
		name, in string
		kind     ErrorKind
	}{
		{"empty", ``, BadJSON},
		{"array", `[1]`, BadJSON},
		{"string", `"a"`, BadJSON},
		{"null", `null`, BadJSON},
		{"truncated", `{"a":`, BadJSON},
		{"trailing comma", `{"a":1,}`, BadJSON},
		{"missing colon", `{"a" 1}`, BadJSON},
		{"mismatched", `{"a":[1}`, BadJSON},
		{"trailing data", `{} {}`, BadJSON},
		{"trailing junk", `{"a":1}x`, BadJSON},
		{"query string", `a=1`, BadJSON},
		{"too deep", `{"a":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`, BadJSON},
		{"invalid utf8", "{\"a\":\"\xff\"}", InvalidUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParseJSON([]byte(tt.in))
			var perr *Error
			if !errors.As(err, &perr) || perr.Kind != tt.kind {
				t.Fatalf("ParseJSON(%q) = %v, %v; want %v", tt.in, p, err, tt.kind)
			}
		})
	}
}
