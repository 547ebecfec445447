package authrep

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"time"

	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/params"
	"turnpike/shared/servicemgmt/usage"
)

// Report is POST /transactions.xml: the batch is checked for what the answer
// depends on (content type, credentials, shape, service), answered 202 at
// once, and applied by the usage consumer from the queue. Reports are not
// limited, as in 3scale.
func Report(d *deps.Deps) http.Handler {
	ca := &cache{c: d.Config}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d.SMDeadline)
		defer cancel()
		if err := acceptReport(ctx, d, ca, r); err != nil {
			writeError(w, publicError(err), false)
			return
		}
		commonHeaders(w)
		w.Header().Set("Content-Security-Policy", csp)
		w.WriteHeader(http.StatusAccepted)
	})
}

func acceptReport(ctx context.Context, d *deps.Deps, ca *cache, r *http.Request) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = apierr.Internal(fmt.Errorf("panic: %v", p))
		}
	}()
	p, perr := reportParams(r)
	if perr != nil {
		return perr
	}
	c := &call{p: p}
	var txs *params.Params
	tg, aerr := resolveService(ctx, d, ca, c, func() *apierr.Error {
		if params.CheckUTF8(p) != nil {
			return errNotValidData()
		}
		var e *apierr.Error
		txs, e = transactions(p)
		return e
	})
	if aerr != nil {
		return aerr
	}
	rep := &usage.Report{Tenant: tg.tenant, Service: tg.service.svc.ID, Received: d.Now().UnixMilli()}
	for _, k := range txs.Keys() {
		v, _ := txs.Get(k)
		if tx, ok := rawTx(v.Map); ok {
			rep.Txs = append(rep.Txs, tx)
		}
	}
	if len(rep.Txs) == 0 {
		return nil
	}
	if d.Usage == nil {
		return apierr.Unavailable(errors.New("authrep: no usage queue configured (USAGE_QUEUE_URL)"))
	}
	rep.ID = usage.NewReportID()
	bodies, err := usage.SplitReport(rep)
	if err != nil {
		return apierr.Internal(err)
	}
	return sendReport(ctx, d, rep, bodies)
}

// withdrawTime is what a report's deadline keeps back from the sends, to
// settle a send SQS did not answer.
const withdrawTime = 300 * time.Millisecond

// sendReport queues the parts of a report. A send SQS does not answer in time
// may still have reached the queue: the part is withdrawn (see
// usage.Withdraw), so that a 503 means the report does not count and a client
// may send it again. Should the consumer have claimed it already, the send
// went through and the report goes on. A split report whose later part fails
// withdraws its earlier parts too; one the consumer applied already counts
// (only reports over usage.MaxMessage are split).
func sendReport(ctx context.Context, d *deps.Deps, rep *usage.Report, bodies []string) error {
	sctx := ctx
	if dl, ok := ctx.Deadline(); ok {
		var cancel context.CancelFunc
		sctx, cancel = context.WithDeadline(ctx, dl.Add(-withdrawTime))
		defer cancel()
	}
	for i, b := range bodies {
		err := d.Usage.Send(sctx, b)
		if err == nil {
			continue
		}
		withdrawn, werr := usage.Withdraw(ctx, d, rep.Tenant, usage.PartID(rep.ID, i))
		if werr == nil && !withdrawn {
			continue // the consumer has it: the send went through
		}
		for j := 0; j < i; j++ {
			usage.Withdraw(ctx, d, rep.Tenant, usage.PartID(rep.ID, j))
		}
		if werr != nil {
			err = errors.Join(err, fmt.Errorf("withdraw unanswered report: %w", werr))
		}
		return apierr.Unavailable(err)
	}
	return nil
}

// reportParams merges the query with a form body (the body wins), refusing
// other content types as 3scale does.
func reportParams(r *http.Request) (*params.Params, *apierr.Error) {
	ct := r.Header.Get("Content-Type")
	mt, mp, _ := mime.ParseMediaType(ct)
	mt = strings.ToLower(mt)
	if ct != "" && mt != "application/x-www-form-urlencoded" && mt != "multipart/form-data" {
		return nil, apierr.Coded(400, "content_type_invalid", "invalid Content-Type: "+ct)
	}
	p, e := parseRaw(r.URL.RawQuery)
	if e != nil {
		return nil, e
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, params.MaxBytes+1))
	if err != nil {
		return nil, errBadRequest("could not read the request body")
	}
	if len(body) > params.MaxBytes {
		return nil, errBadRequest(fmt.Sprintf("total query size exceeds limit (%d)", params.MaxBytes))
	}
	raw := string(body)
	if mt == "multipart/form-data" {
		if raw, err = multipartForm(body, mp["boundary"]); err != nil {
			return nil, errBadRequest("request contains syntax errors, should not be repeated without modification")
		}
	}
	bp, e := parseRaw(raw)
	if e != nil {
		return nil, e
	}
	p.Merge(bp)
	return p, nil
}

// multipartForm re-encodes multipart fields as a form body, for the same nested parsing.
func multipartForm(body []byte, boundary string) (string, error) {
	if boundary == "" {
		return "", errors.New("no boundary")
	}
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	var pairs []string
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return strings.Join(pairs, "&"), nil
		}
		if err != nil {
			return "", err
		}
		v, err := io.ReadAll(io.LimitReader(part, params.MaxBytes))
		if err != nil {
			return "", err
		}
		if name := part.FormName(); name != "" {
			pairs = append(pairs, url.QueryEscape(name)+"="+url.QueryEscape(string(v)))
		}
	}
}

// transactions checks the shape of the transactions parameter.
func transactions(p *params.Params) (*params.Params, *apierr.Error) {
	v, ok := p.Get("transactions")
	if !ok || (v.Kind == params.String && strings.TrimSpace(v.Str) == "") {
		return nil, apierr.Coded(400, "transactions_is_blank", "transactions parameter is blank")
	}
	if v.Kind != params.Map {
		return nil, apierr.Coded(400, "transactions_format_invalid", "transactions format is invalid")
	}
	for _, k := range v.Map.Keys() {
		tx, _ := v.Map.Get(k)
		if tx.Kind != params.Map {
			return nil, apierr.Coded(400, "transactions_has_nil_transaction", "transactions has a nil transaction")
		}
		if _, ok := tx.Map.Get("user_id"); ok {
			return nil, errEndUsers()
		}
	}
	return v.Map, nil
}

// rawTx reads one transaction; false when its usage is entirely zero (3scale drops those).
func rawTx(t *params.Params) (usage.RawTx, bool) {
	str := func(p *params.Params, k string) string { s, _ := p.String(k); return strings.TrimSpace(s) }
	tx := usage.RawTx{AppID: str(t, "app_id"), UserKey: str(t, "user_key"), Timestamp: str(t, "timestamp")}
	if l, ok := t.Map("log"); ok {
		tx.Code = str(l, "code")
	}
	u, ok := t.Map("usage")
	if !ok {
		return tx, false
	}
	for _, name := range u.Keys() {
		v, _ := u.Get(name)
		val := ""
		if v.Kind == params.String {
			val = v.Str
		}
		if n, set, ok := usage.ParseValue(val); ok && n == 0 && !set {
			continue // a zero usage counts nothing
		}
		tx.Usage = append(tx.Usage, [2]string{name, val})
	}
	return tx, len(tx.Usage) > 0
}
