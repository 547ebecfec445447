package e2e

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/servicemgmt/usage"
	"turnpike/shared/transport/ops"
)

// report posts a form body to /transactions.xml.
func (f *sm) report(body string) *testenv.Response {
	f.t.Helper()
	return f.env.Raw(f.t, "POST", "/transactions.xml", "application/x-www-form-urlencoded", []byte(body))
}

// creds is the report's credentials as a form prefix.
func (f *sm) creds() string {
	return "provider_key=" + f.tn.ProviderKey + "&service_id=" + testenv.S(f.svc)
}

// await polls authorize until the body shows want (reports apply asynchronously).
func (f *sm) await(want string) *testenv.Response {
	f.t.Helper()
	var r *testenv.Response
	for i := 0; i < 200; i++ {
		r = f.authorize(f.q())
		if strings.Contains(r.String(), want) {
			return r
		}
		time.Sleep(50 * time.Millisecond)
	}
	f.t.Fatalf("never saw %s: %s", want, r.Body)
	return nil
}

// awaitError polls the service's integration errors until one shows want.
func (f *sm) awaitError(want string) {
	f.t.Helper()
	var r *testenv.Response
	for i := 0; i < 200; i++ {
		r = f.tn.Do(f.t, "GET", "/admin/api/services/"+testenv.S(f.svc)+"/errors.json", nil)
		if r.Status == 200 && strings.Contains(r.String(), want) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	f.t.Fatalf("no integration error %s: %d %s", want, r.Status, r.Body)
}

// 6.1 §33: a report is accepted at once and counted by the consumer.
func TestSMReport(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "day", 100)
	f.limit("hits", "eternity", 100)
	r := f.report(f.creds() + "&transactions[0][app_id]=" + f.app.AppID + "&transactions[0][usage][hits]=1")
	if r.Status != 202 || len(r.Body) != 0 {
		t.Fatalf("report: %d %q", r.Status, r.Body)
	}
	f.await(`<usage_report metric="hits" period="day">` + period("day", time.Now().UTC()) + `<max_value>100</max_value><current_value>1</current_value>`)
	// Credentials in the query and transactions in the body, as APIcast sends them; user_key works too.
	r = f.env.Raw(t, "POST", "/transactions.xml?"+f.creds(), "application/x-www-form-urlencoded",
		[]byte("transactions[0][user_key]="+f.app.UserKey+"&transactions[0][usage][hits]=2&transactions[1][app_id]="+f.app.AppID+"&transactions[1][usage][hits]=3"))
	status(t, r, 202)
	f.await(`<max_value>100</max_value><current_value>6</current_value>`)
	// Reports are not limited, and a suspended application still counts.
	f.suspend(f.app)
	status(t, f.report(f.creds()+"&transactions[0][app_id]="+f.app.AppID+"&transactions[0][usage][hits]=200"), 202)
	f.resume(f.app)
	f.await(`period="day" exceeded="true">` + period("day", time.Now().UTC()) + `<max_value>100</max_value><current_value>206</current_value>`)
}

// Multipart bodies and a mixed-case content type are accepted.
func TestSMReportMultipart(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "eternity", 100)
	body := "--XyZ\r\nContent-Disposition: form-data; name=\"provider_key\"\r\n\r\n" + f.tn.ProviderKey +
		"\r\n--XyZ\r\nContent-Disposition: form-data; name=\"service_id\"\r\n\r\n" + testenv.S(f.svc) +
		"\r\n--XyZ\r\nContent-Disposition: form-data; name=\"transactions[0][app_id]\"\r\n\r\n" + f.app.AppID +
		"\r\n--XyZ\r\nContent-Disposition: form-data; name=\"transactions[0][usage][hits]\"\r\n\r\n4\r\n--XyZ--\r\n"
	status(t, f.env.Raw(t, "POST", "/transactions.xml", "multipart/form-data; boundary=XyZ", []byte(body)), 202)
	f.await("<current_value>4</current_value>")
	status(t, f.env.Raw(t, "POST", "/transactions.xml", "APPLICATION/X-WWW-FORM-URLENCODED; charset=UTF-8",
		[]byte(f.creds()+"&transactions[0][app_id]="+f.app.AppID+"&transactions[0][usage][hits]=1")), 202)
	f.await("<current_value>5</current_value>")
}

// 6.1 §34: timestamps; a transaction of an earlier period does not count in the current one.
func TestSMReportTimestamps(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "hour", 100)
	f.limit("hits", "eternity", 100)
	earlier := time.Now().UTC().Add(-2 * time.Hour)
	soon := time.Now().UTC().Add(30 * time.Minute).Format("2006-01-02 15:04:05 -07:00")
	status(t, f.report(f.creds()+
		"&transactions[0][app_id]="+f.app.AppID+"&transactions[0][usage][hits]=5&transactions[0][timestamp]="+url.QueryEscape(earlier.Format("2006-01-02 15:04:05"))+
		"&transactions[1][app_id]="+f.app.AppID+"&transactions[1][usage][hits]=2&transactions[1][timestamp]="+strconv.FormatInt(time.Now().Unix(), 10)), 202)
	r := f.await(`<usage_report metric="hits" period="eternity"><max_value>100</max_value><current_value>7</current_value>`)
	status(t, r, 200, `period="hour">`+period("hour", time.Now().UTC())+`<max_value>100</max_value><current_value>2</current_value>`)
	// Up to an hour ahead is accepted.
	status(t, f.report(f.creds()+"&transactions[0][app_id]="+f.app.AppID+"&transactions[0][usage][hits]=1&transactions[0][timestamp]="+url.QueryEscape(soon)), 202)
	f.await(`<max_value>100</max_value><current_value>8</current_value>`)
}

// 6.1 §35: errors found by the consumer drop the whole batch and are recorded.
func TestSMReportAsyncErrors(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "eternity", 1000)
	good := "&transactions[0][app_id]=" + f.app.AppID + "&transactions[0][usage][hits]=1"
	old := url.QueryEscape(time.Now().UTC().Add(-25 * time.Hour).Format("2006-01-02 15:04:05"))
	ahead := url.QueryEscape(time.Now().UTC().Add(2 * time.Hour).Format("2006-01-02 15:04:05"))
	for _, c := range []struct{ tx, code, msg string }{
		{"&transactions[1][app_id]=boo&transactions[1][usage][hits]=1", "application_not_found", `application with id=\"boo\" was not found`},
		{"&transactions[1][app_id]=" + f.app.AppID + "&transactions[1][usage][nukes]=1", "metric_invalid", `metric \"nukes\" is invalid`},
		{"&transactions[1][app_id]=" + f.app.AppID + "&transactions[1][usage][hits]=tons!", "usage_value_invalid", `usage value \"tons!\" for metric \"hits\" is invalid`},
		{"&transactions[1][app_id]=" + f.app.AppID + "&transactions[1][usage][hits]=+", "usage_value_invalid", `usage value for metric \"hits\" can not be empty`},
		{"&transactions[1][user_key]=bogus&transactions[1][usage][hits]=1", "user_key_invalid", `user key \"bogus\" is invalid`},
		{"&transactions[1][app_id]=" + f.app.AppID + "&transactions[1][user_key]=" + f.app.UserKey + "&transactions[1][usage][hits]=1", "authentication_error", "either app_id or user_key is allowed, not both"},
		{"&transactions[1][app_id]=" + f.app.AppID + "&transactions[1][usage][hits]=1&transactions[1][timestamp]=" + old, "transaction_timestamp_too_old", "reporting transactions older than 86400 seconds is not allowed"},
		{"&transactions[1][app_id]=" + f.app.AppID + "&transactions[1][usage][hits]=1&transactions[1][timestamp]=" + ahead, "transaction_timestamp_too_new", "reporting transactions more than 3600 seconds in the future is not allowed"},
	} {
		status(t, f.report(f.creds()+good+c.tx), 202)
		f.awaitError(`"code":"` + c.code + `","message":"` + c.msg + `"`)
	}
	status(t, f.authorize(f.q()), 200, "<current_value>0</current_value>")
	r := f.tn.Do(t, "GET", "/admin/api/services/"+testenv.S(f.svc)+"/errors.json", url.Values{"per_page": {"2"}})
	errs := items(t, r, "errors", "error")
	if len(errs) != 2 {
		t.Fatalf("per_page: %s", r.Body)
	}
	if ts := text(t, errs[0], "timestamp"); !strings.HasSuffix(ts, " UTC") {
		t.Fatalf("timestamp %q", ts)
	}
	status(t, f.tn.Do(t, "GET", "/admin/api/services/999999999/errors.json", nil), 404)
	status(t, f.tn.Do(t, "DELETE", "/admin/api/services/"+testenv.S(f.svc)+"/errors.json", nil), 200)
	r = f.tn.Do(t, "GET", "/admin/api/services/"+testenv.S(f.svc)+"/errors.json", nil)
	if len(items(t, r, "errors", "error")) != 0 {
		t.Fatalf("after delete: %s", r.Body)
	}
}

// 6.1 §36: what the report endpoint refuses at once.
func TestSMReportInputErrors(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	tx := "&transactions[0][app_id]=" + f.app.AppID + "&transactions[0][usage][hits]=1"
	status(t, f.env.Raw(t, "POST", "/transactions.xml", "text/plain", []byte(f.creds()+tx)), 400,
		errBody("content_type_invalid", "invalid Content-Type: text/plain"))
	status(t, f.report(tx[1:]), 403, errBody("provider_key_or_service_token_required", "Provider key or service token are required"))
	status(t, f.report(f.creds()+"&transactions=string"), 400, errBody("transactions_format_invalid", "transactions format is invalid"))
	status(t, f.report(f.creds()), 400, errBody("transactions_is_blank", "transactions parameter is blank"))
	status(t, f.report(f.creds()+tx+"&transactions[1]"), 400, errBody("transactions_has_nil_transaction", "transactions has a nil transaction"))
	status(t, f.report(f.creds()+tx+"&transactions[0][user_id]=1"), 400, "end_users_no_longer_supported")
	status(t, f.report("provider_key=invalid"+tx), 403, errBody("provider_key_invalid_or_service_missing", `provider key "invalid" invalid and/or service ID missing`))
	status(t, f.report("provider_key="+f.tn.ProviderKey+"&service_id=fake_service_id"+tx), 403, errBody("service_id_invalid", `service id "fake_service_id" is invalid`))
	status(t, f.report(f.creds()+tx+"&testparam=value1%"), 400, errBody("bad_request", "Invalid query parameters: invalid %-encoding"))
	status(t, f.report(f.creds()+tx+"&transactions[0][usage][%FF]=1"), 422, errBody("not_valid_data", "all data must be valid UTF8"))
	status(t, f.env.Raw(t, "POST", "/transactions.xml?"+f.creds()+"&x=%zz", "application/x-www-form-urlencoded", []byte(tx[1:])), 400, "invalid %-encoding")
	// Zero usage is dropped, and an all-zero batch is still accepted.
	status(t, f.report(f.creds()+"&transactions[0][app_id]="+f.app.AppID+"&transactions[0][usage][hits]=0"), 202)
}

// 6.1 §37 and sets: #N sets the counter, #0 empties it.
func TestSMReportSets(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "day", 100)
	f.use("hits", 7)
	status(t, f.report(f.creds()+"&transactions[0][app_id]="+f.app.AppID+"&transactions[0][usage][hits]=%23101"), 202)
	f.await(`exceeded="true"`)
	status(t, f.authrep(f.q("usage[hits]", "#2")), 200, "<current_value>2</current_value>")
	status(t, f.report(f.creds()+"&transactions[0][app_id]="+f.app.AppID+"&transactions[0][usage][hits]=%230"), 202)
	f.await("<max_value>100</max_value><current_value>0</current_value>")
}

// 2000 transactions in one report.
func TestSMReportHugePayload(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "eternity", 1000000)
	var b strings.Builder
	b.WriteString(f.creds())
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&b, "&transactions[%d][app_id]=%s&transactions[%d][usage][hits]=1", i, f.app.AppID, i)
	}
	status(t, f.report(b.String()), 202)
	f.await("<current_value>2000</current_value>")
}

// A redelivered message changes nothing: the consumer applies each message once.
func TestSMReportIdempotent(t *testing.T) {
	t.Parallel()
	f := newSM(t, smOpts{})
	f.limit("hits", "eternity", 100)
	body, err := (&usage.Message{Report: &usage.Report{Tenant: f.tn.ID, Service: f.svc, Received: time.Now().UnixMilli(),
		Txs: []usage.RawTx{{AppID: f.app.AppID, Usage: [][2]string{{"hits", "3"}}}}}}).Encode()
	if err != nil {
		t.Fatal(err)
	}
	c, _ := ops.FindConsumer("usage-consumer")
	h := c.Build(f.env.Server.Deps)
	ev := events.SQSEvent{Records: []events.SQSMessage{{MessageId: testenv.Unique("msg-"), Body: body}}}
	for i := 0; i < 3; i++ {
		out, err := h(context.Background(), ev)
		if err != nil || len(out.BatchItemFailures) != 0 {
			t.Fatalf("delivery %d: %v %v", i, out, err)
		}
	}
	status(t, f.authorize(f.q()), 200, "<current_value>3</current_value>")
	ev.Records[0].MessageId = testenv.Unique("msg-")
	if _, err := h(context.Background(), ev); err != nil {
		t.Fatal(err)
	}
	status(t, f.authorize(f.q()), 200, "<current_value>6</current_value>")
}
