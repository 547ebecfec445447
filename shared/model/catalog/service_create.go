package catalog

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"regexp"
	"strings"
	"time"

	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/credential"
	"turnpike/shared/platform/store"
)

// NewService is everything a new service consists of: the service, its hits
// metric, its default service plan and its first service token.
type NewService struct {
	Service      *Service
	Hits         *Metric
	ServicePlan  *Plan
	ServiceToken *ServiceToken
}

// ServiceInput is what a provider says about a new service.
type ServiceInput struct {
	Name, SystemName, Description, BackendVersion, DeploymentOption, SupportEmail string
	ReferrerFiltersRequired                                                       bool
	Settings                                                                      *ServiceSettings // nil = DefaultSettings()
	State                                                                         string           // "" = incomplete
}

// systemNameRE is 3scale's system name format: a word character, then at
// least one more of word characters, dashes and slashes.
var systemNameRE = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_\-/]+$`)

// SystemName derives a system name from a human name: "Echo API" → "echo_api".
func SystemName(name string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			under = false
		} else if !under && b.Len() > 0 {
			b.WriteByte('_')
			under = true
		}
	}
	return strings.TrimRight(b.String(), "_")
}

// SystemNameFor derives a system name from a human name, or makes one up
// ("<kind>_<12 hex>") when the name has no ASCII letters or digits, as 3scale does.
func SystemNameFor(kind, name string) string {
	if s := SystemName(name); s != "" {
		return s
	}
	var b [6]byte
	rand.Read(b[:])
	return kind + "_" + hex.EncodeToString(b[:])
}

// CheckSystemName validates a system name.
func CheckSystemName(v *apierr.Validation, sys string) {
	if sys == "" {
		v.Add("system_name", "can't be blank")
	} else if len(sys) > 255 {
		v.Add("system_name", "is too long (maximum is 255 characters)")
	} else if !systemNameRE.MatchString(sys) {
		v.Add("system_name", "is invalid")
	}
}

// NormalizeBackendVersion accepts 1 (user_key), 2 (app_id/app_key), oidc and oauth.
func NormalizeBackendVersion(v string) (string, bool) {
	switch v {
	case "", "1":
		return "1", true
	case "2":
		return "2", true
	case "oidc", "oauth":
		return v, true
	}
	return "", false
}

// Validate checks the input and fills derived values.
func (in *ServiceInput) Validate() error {
	var v apierr.Validation
	in.ValidateInto(&v)
	return v.Err()
}

// ValidateInto adds the input's field errors to v and fills derived values.
func (in *ServiceInput) ValidateInto(v *apierr.Validation) {
	CheckName(v, in.Name)
	if in.SystemName == "" && in.Name != "" {
		in.SystemName = SystemNameFor("service", in.Name)
	}
	if in.Name != "" {
		CheckSystemName(v, in.SystemName)
	}
	bv, ok := NormalizeBackendVersion(in.BackendVersion)
	if !ok {
		v.Add("backend_version", "is not included in the list")
	}
	in.BackendVersion = bv
	if in.DeploymentOption == "" {
		in.DeploymentOption = "hosted"
	}
}

// CheckName validates a required name.
func CheckName(v *apierr.Validation, name string) {
	if name == "" {
		v.Add("name", "can't be blank")
	} else if len(name) > 255 {
		v.Add("name", "is too long (maximum is 255 characters)")
	}
}

// Build allocates ids and prepares the items; Add puts them into a transaction.
func (in *ServiceInput) Build(ctx context.Context, s *store.Store, tenant int64, now time.Time) (*NewService, error) {
	ids, err := s.NextIDs(ctx, 4)
	if err != nil {
		return nil, err
	}
	svcID, hitsID, planID, tokenID := ids[0], ids[1], ids[2], ids[3]
	settings := DefaultSettings()
	if in.Settings != nil {
		settings = *in.Settings
	}
	state := in.State
	if state == "" {
		state = "incomplete"
	}
	ns := &NewService{
		Service: &Service{
			Key: ServiceKey(tenant, svcID), ID: svcID, Tenant: tenant,
			Name: in.Name, SystemName: in.SystemName, Description: in.Description, State: state,
			BackendVersion: in.BackendVersion, DeploymentOption: in.DeploymentOption, SupportEmail: in.SupportEmail,
			ReferrerFiltersRequired: in.ReferrerFiltersRequired, DefaultServicePlan: planID,
			CreatedAt: now, UpdatedAt: now, ServiceSettings: settings,
		},
		Hits: &Metric{
			Key: MetricKey(tenant, svcID, hitsID), ID: hitsID, Service: svcID,
			SystemName: "hits", FriendlyName: "Hits", Unit: "hit", Description: "Number of API hits",
			CreatedAt: now, UpdatedAt: now,
		},
		ServicePlan: &Plan{
			Key: PlanKey(tenant, planID), ID: planID, Type: ServicePlan, Service: svcID,
			Name: "Default", SystemName: "default", State: "published", CreatedAt: now, UpdatedAt: now,
		},
		ServiceToken: &ServiceToken{
			Key: ServiceTokenListKey(tenant, svcID, tokenID), ID: tokenID, Service: svcID,
			Value: credential.NewAccessToken(), CreatedAt: now,
		},
	}
	return ns, nil
}

// Add puts the new service's items into tx, claiming its system name.
func (ns *NewService) Add(tx *store.Tx) {
	t := ns.Service.Tenant
	taken := apierr.Invalid("system_name", "has already been taken")
	tx.Create(ns.Service, taken)
	tx.Create(store.NewClaim(t, "service", ns.Service.SystemName, ns.Service.ID), taken)
	dirAdd(tx, t, ServicesDir(), ns.Service.ID)
	AddMetric(tx, t, ns.Hits)
	AddPlan(tx, t, ns.ServicePlan)
	ns.ServiceToken.Add(tx, t)
}

func MetricClaimValue(service int64, systemName string) string {
	return store.ID(service) + "#" + systemName
}

// PlanClaim makes a plan's system name unique among the plans of its type and issuer.
func PlanClaim(p *Plan) string {
	return p.Type + "#" + store.ID(p.Service) + "#" + p.SystemName
}
