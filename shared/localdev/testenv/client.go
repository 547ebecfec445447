package testenv

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Response is an HTTP answer.
type Response struct {
	Request string // method and path, for failure messages
	Status  int
	Header  http.Header
	Body    []byte
}

// JSON decodes the body as a JSON object.
func (r *Response) JSON(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("body is not a JSON object (%v): %s", err, r.Body)
	}
	return m
}

// String is the body as text.
func (r *Response) String() string { return string(r.Body) }

// Do sends a request; form values go in the body for POST/PUT/PATCH/DELETE, in the query otherwise.
func (e *Env) Do(t testing.TB, method, path string, form url.Values) *Response {
	t.Helper()
	var body io.Reader
	u := e.URL + path
	if form != nil {
		if method == http.MethodGet || method == http.MethodHead {
			sep := "?"
			if strings.Contains(u, "?") {
				sep = "&"
			}
			u += sep + form.Encode()
		} else {
			body = strings.NewReader(form.Encode())
		}
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatalf("request %s %s: %v", method, path, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return e.Send(t, req)
}

// Raw sends a request with a raw query string and body, for malformed input.
func (e *Env) Raw(t testing.TB, method, pathAndQuery, contentType string, body []byte) *Response {
	t.Helper()
	req, err := http.NewRequest(method, e.URL+"/", strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	req.URL.Opaque = "" // keep the raw path and query exactly as given
	path, query, _ := strings.Cut(pathAndQuery, "?")
	req.URL.Path, req.URL.RawPath, req.URL.RawQuery = path, path, query
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return e.Send(t, req)
}

// Send sends a prepared request.
func (e *Env) Send(t testing.TB, req *http.Request) *Response {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return &Response{Request: req.Method + " " + req.URL.Path, Status: res.StatusCode, Header: res.Header, Body: b}
}
