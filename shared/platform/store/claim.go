package store

// Claim is a uniqueness claim item: its key is the unique value in the
// tenant (UNIQ#<kind>#<value> under T#<tenant>), it names the owner.
// Creating it in the Tx that writes the owner makes the value unique.
type Claim struct {
	Key
	Owner int64 `dynamodbav:"owner"`
}

// ClaimKey is the key of the claim on value among the tenant's values of kind.
func ClaimKey(tenant int64, kind, value string) Key {
	return Key{PK: TenantPK(tenant), SK: Unique(kind, value)}
}

// NewClaim is owner's claim on value.
func NewClaim(tenant int64, kind, value string, owner int64) *Claim {
	return &Claim{Key: ClaimKey(tenant, kind, value), Owner: owner}
}
