package store

import (
	"fmt"
	"strconv"
	"strings"
)

// Key is the primary key every entity item carries. Keys start with the tenant
// (T#<id>), so no request can reach another tenant's items by construction;
// the few global lookups (credential hashes) are keyed by the secret's digest.
type Key struct {
	PK string `dynamodbav:"PK"`
	SK string `dynamodbav:"SK"`
}

// Index keys: GSI1 lists children of a parent, GSI2 is a second listing axis.
// Both are sparse: only items that set them appear.
type Index struct {
	GSI1PK string `dynamodbav:"GSI1PK,omitempty"`
	GSI1SK string `dynamodbav:"GSI1SK,omitempty"`
	GSI2PK string `dynamodbav:"GSI2PK,omitempty"`
	GSI2SK string `dynamodbav:"GSI2SK,omitempty"`
}

// GSI names as declared in template.yaml.
const (
	GSI1 = "GSI1"
	GSI2 = "GSI2"
)

// TenantPK is the partition of everything a tenant owns.
func TenantPK(tenant int64) string { return "T#" + strconv.FormatInt(tenant, 10) }

// TenantSK is the sort key of the tenant record itself.
const TenantSK = "#TENANT"

// ID renders an id so that sort order is numeric order.
func ID(id int64) string { return fmt.Sprintf("%016d", id) }

// SK is the sort key of an entity of a kind ("SVC", "PLAN", "APP"...).
func SK(kind string, id int64) string { return kind + "#" + ID(id) }

// Parent names a child listing under a parent entity, for GSI1PK.
func Parent(tenant int64, parentKind string, parentID int64, childKind string) string {
	return TenantPK(tenant) + "#" + parentKind + "#" + ID(parentID) + "#" + childKind
}

// Unique is the sort key of a uniqueness claim (an email, a user_key) in the tenant.
func Unique(kind, value string) string { return "UNIQ#" + kind + "#" + value }

// ParseID reads an id path segment ("12", "12.json" already stripped); false when not a positive integer.
func ParseID(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 18 {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, false
	}
	return n, true
}
