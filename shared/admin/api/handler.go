package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"turnpike/shared/model/tenant"
	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/credential"
	"turnpike/shared/platform/deps"
	"turnpike/shared/platform/params"
	"turnpike/shared/platform/store"
	"turnpike/shared/transport/route"
)

// MaxBody bounds a request body; API Gateway itself stops at 10 MB.
const MaxBody = 1 << 20

// Deadline bounds one admin request's storage work: a DynamoDB that does not
// answer gives a 503 instead of holding the caller until the function times out.
const Deadline = 8 * time.Second

// Handler is one operation's logic.
type Handler func(ctx context.Context, q *Request) (Result, error)

// Spec describes an operation to the HTTP layer.
type Spec struct {
	Wrapper string // parameter wrapper name ("service"); "" for none
	// JSONOnly operations answer XML requests with 406, as 3scale's JSON-only controllers do.
	JSONOnly bool
	// Scope is the access token scope the operation needs; "" means
	// account_management. The /stats routes need "stats", as in 3scale.
	Scope string
	// DefaultJSON serves JSON when the path has no extension (3scale's JSON-only account-level routes).
	DefaultJSON bool
}

// Admin serves an Account Management API operation: the tenant is the one
// owning the access token or provider key, and it must be approved.
func Admin(d *deps.Deps, spec Spec, h Handler) http.Handler {
	return serve(d, spec, XML, h, authenticateAdmin)
}

// Master serves a Master API operation, authenticated by the master token.
func Master(d *deps.Deps, spec Spec, h Handler) http.Handler {
	return serve(d, spec, JSON, h, authenticateMaster)
}

type authenticator func(ctx context.Context, d *deps.Deps, q *Request, scope string) error

func serve(d *deps.Deps, spec Spec, def Format, h Handler, auth authenticator) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f := def
		if spec.DefaultJSON {
			f = JSON
		}
		switch route.Ext(r) {
		case "json":
			f = JSON
		case "xml":
			f = XML
		}
		q := &Request{R: r, Format: f, Now: d.Now(), Wrapper: spec.Wrapper}
		ctx, cancel := context.WithTimeout(r.Context(), Deadline)
		defer cancel()
		res, err := run(ctx, d, q, spec, h, auth)
		if err != nil {
			writeError(w, f, Public(err))
			return
		}
		writeResult(w, f, res)
	})
}

func run(ctx context.Context, d *deps.Deps, q *Request, spec Spec, h Handler, auth authenticator) (res Result, err error) {
	defer func() {
		// A bug must not take the process down or leak a stack trace.
		if p := recover(); p != nil {
			err = apierr.Internal(fmt.Errorf("panic: %v", p))
		}
	}()
	if q.Params, err = readParams(q.R); err != nil {
		return Result{}, err
	}
	scope := spec.Scope
	if scope == "" {
		scope = credential.ScopeAccountManagement
	}
	if err := auth(ctx, d, q, scope); err != nil {
		return Result{}, err
	}
	if q.R.Method != http.MethodGet && q.R.Method != http.MethodHead && !q.Who.CanWrite() {
		return Result{}, apierr.NoPermission()
	}
	if spec.JSONOnly && q.Format == XML {
		// Credentials first, then the format, as 3scale's JSON-only controllers answer.
		return Result{}, apierr.Msg(http.StatusNotAcceptable, "Only JSON is supported here")
	}
	for _, k := range []string{"access_token", "provider_key", "api_key", "format"} {
		q.Params.Delete(k)
	}
	return h(ctx, q)
}

// Public is the answer an error gets: an API error as it is, a missing item
// (store.ErrNotFound, however wrapped) the API's 404, and anything else a
// 500 whose cause is only logged. This is the one place the admin and master
// APIs turn a storage outcome into an HTTP status.
func Public(err error) *apierr.Error {
	var e *apierr.Error
	if !errors.As(err, &e) && errors.Is(err, store.ErrNotFound) {
		return apierr.NotFound().WithCause(err)
	}
	return apierr.As(err)
}

// readParams merges the query with a form or JSON body; body values win.
func readParams(r *http.Request) (*params.Params, error) {
	p, err := params.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, paramError(err)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBody+1))
	if err != nil {
		return nil, apierr.BadRequest("could not read the request body")
	}
	if len(body) > MaxBody {
		return nil, apierr.Msg(http.StatusRequestEntityTooLarge, "request body exceeds 1 MiB")
	}
	if len(body) > 0 {
		var bp *params.Params
		mt, mp, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		switch strings.ToLower(mt) {
		case "", "application/x-www-form-urlencoded", "text/plain":
			bp, err = params.ParseQuery(string(body))
		case "application/json":
			bp, err = params.ParseJSON(body)
		case "multipart/form-data":
			bp, err = parseMultipart(body, mp["boundary"])
		default:
			return nil, apierr.Msg(http.StatusUnsupportedMediaType, "unsupported Content-Type: "+mt)
		}
		if err != nil {
			return nil, paramError(err)
		}
		p.Merge(bp)
	}
	if err := params.CheckUTF8(p); err != nil {
		return nil, paramError(err)
	}
	return p, nil
}

func paramError(err error) error {
	var pe *params.Error
	if errors.As(err, &pe) {
		switch pe.Kind {
		case params.InvalidUTF8:
			return apierr.BadRequest("parameters must be valid UTF-8")
		case params.BadEncoding:
			return apierr.BadRequest("Invalid query parameters: " + pe.Msg)
		case params.TooLarge:
			return apierr.Msg(http.StatusRequestEntityTooLarge, pe.Msg)
		}
		return apierr.BadRequest(pe.Msg)
	}
	return apierr.BadRequest("malformed parameters")
}

// credentials finds a secret in the parameters or in HTTP Basic auth (the
// first non-empty of user and password, as the 3scale Go client sends it).
func credentials(q *Request, names ...string) string {
	for _, n := range names {
		if v, ok := q.Params.String(n); ok && v != "" {
			return v
		}
	}
	if u, p, ok := q.R.BasicAuth(); ok {
		if u != "" {
			return u
		}
		return p
	}
	return ""
}

func authenticateAdmin(ctx context.Context, d *deps.Deps, q *Request, scope string) error {
	var who *credential.Principal
	if tok := credentials(q, "access_token"); tok != "" {
		p, err := credential.LookupToken(ctx, d.Store, tok, q.Now)
		if err != nil && !errors.Is(err, credential.ErrUnknown) {
			return apierr.Unavailable(err)
		}
		who = p
	}
	if who == nil {
		if key, _ := q.Params.String("provider_key"); key != "" {
			t, err := credential.LookupProviderKey(ctx, d.Store, key)
			if err != nil && !errors.Is(err, credential.ErrUnknown) {
				return apierr.Unavailable(err)
			}
			if t != 0 {
				who = &credential.Principal{Tenant: t, Permission: credential.ReadWrite, ProviderKey: true}
			}
		}
	}
	if who == nil || who.Tenant == 0 {
		return apierr.AccessDenied()
	}
	if !who.HasScope(scope) {
		return apierr.NoPermission()
	}
	t, err := tenant.Load(ctx, d.Store, who.Tenant)
	if err != nil {
		if errors.Is(err, tenant.ErrNotFound) {
			return apierr.AccessDenied()
		}
		return apierr.Unavailable(err)
	}
	if d.RootDomain != "" && host(q.R) != t.AdminDomain(d.RootDomain) {
		// A token or key is good only on its own tenant's admin host.
		return apierr.AccessDenied()
	}
	if t.State != tenant.Approved {
		// 3scale answers a tenant that is not approved with an empty 403.
		return &apierr.Error{HTTP: http.StatusForbidden, Kind: apierr.KindEmpty, Public: "tenant is " + t.State}
	}
	q.Who = who
	return nil
}

// authenticateMaster accepts the master access token (access_token, or HTTP
// Basic) or the master's provider key (api_key), never one in place of the
// other; with ROOT_DOMAIN set, only on the master host.
func authenticateMaster(ctx context.Context, d *deps.Deps, q *Request, _ string) error {
	if d.RootDomain != "" && host(q.R) != "master."+d.RootDomain {
		return &apierr.Error{HTTP: http.StatusForbidden, Kind: apierr.KindEmpty, Public: "not the master host"}
	}
	if d.MasterToken == "" {
		return apierr.AccessDenied()
	}
	if tok := credentials(q, "access_token"); tok != "" && credential.Equal(tok, d.MasterToken) {
		q.Who = masterPrincipal("master access token")
		return nil
	}
	if key, _ := q.Params.String("api_key"); key != "" && credential.Equal(key, credential.MasterProviderKey(d.MasterToken)) {
		q.Who = masterPrincipal("master provider key")
		return nil
	}
	return apierr.AccessDenied()
}

func masterPrincipal(via string) *credential.Principal {
	return &credential.Principal{Permission: credential.ReadWrite, Master: true, Via: via,
		Scopes: []string{credential.ScopeAccountManagement}}
}

// host is the request's host without its port, lowercase.
func host(r *http.Request) string {
	h := r.Host
	if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.Contains(h[i:], "]") {
		h = h[:i]
	}
	return strings.ToLower(h)
}
