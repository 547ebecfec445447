package tenant

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"unicode"

	"turnpike/shared/platform/store"
)

// A subdomain belongs to one tenant: a global claim item, created in the
// tenant's creating transaction, makes it so (concurrent signups cannot both
// take "acme"); the purge releases it.

// SubdomainClaim is the claim on a subdomain.
type SubdomainClaim struct {
	store.Key
	Tenant int64 `dynamodbav:"tenant"`
}

// SubdomainKey is the key of the claim on a subdomain.
func SubdomainKey(sub string) store.Key { return store.Key{PK: "SUBDOMAIN#" + sub, SK: "#"} }

// ErrSubdomainTaken means another tenant holds the subdomain.
var ErrSubdomainTaken = errors.New("tenant: subdomain taken")

// BaseSubdomain is 3scale's subdomain of an organization name: "_" becomes
// "-", then the name is parameterized (lowercase ASCII letters and digits,
// runs of anything else one "-", none at the ends).
func BaseSubdomain(org string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.ReplaceAll(org, "_", "-")) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "tenant"
	}
	return b.String()
}

// Candidate is the n-th subdomain tried for a base: acme, acme-2, acme-3…
func Candidate(base string, n int) string {
	if n <= 1 {
		return base
	}
	return base + "-" + strconv.Itoa(n)
}

// FreeSubdomain finds the first candidate nobody holds, from n on. The
// creating transaction still claims it conditionally: a concurrent signup that
// took it meanwhile makes the caller try the next one.
func FreeSubdomain(ctx context.Context, s *store.Store, base string, n int) (string, int, error) {
	for ; ; n++ {
		sub := Candidate(base, n)
		var c SubdomainClaim
		k := SubdomainKey(sub)
		err := s.Get(ctx, k.PK, k.SK, &c)
		if errors.Is(err, store.ErrNotFound) {
			return sub, n, nil
		}
		if err != nil {
			return "", 0, err
		}
	}
}
