package catalog

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"turnpike/shared/admin/api"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/apierr"
)

var decimalRE = regexp.MustCompile(`^[0-9]+(\.[0-9]*)?$`)

// costDecimals is the precision of a cost per unit, as in 3scale.
const costDecimals = 4

// readPricingRule reads min, max and cost_per_unit.
func readPricingRule(q *api.Request, r *catalog.PricingRule) error {
	var v apierr.Validation
	min, ok, err := q.Int("min", 0)
	if err != nil {
		return err
	}
	if !ok {
		v.Add("min", "is not a number")
	} else if min < 1 {
		v.Add("min", "must be greater than or equal to 1")
	}
	r.Min = min
	if r.Max, _, err = q.Int("max", 0); err != nil {
		return err
	}
	if r.Max < 0 || (r.Max != 0 && r.Max < r.Min) {
		v.Add("max", "must be greater than or equal to min")
	}
	cost, _, err := q.Str("cost_per_unit")
	if err != nil {
		return err
	}
	if cost == "" {
		cost = "0"
	}
	if f, perr := strconv.ParseFloat(cost, 64); perr != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		v.Add("cost_per_unit", "is not a number")
	} else if !decimalRE.MatchString(cost) || len(cost) > 30 {
		v.Add("cost_per_unit", "is invalid")
	} else if _, frac, _ := strings.Cut(cost, "."); len(strings.TrimRight(frac, "0")) > costDecimals {
		v.Add("cost_per_unit", "has more than 4 decimals")
	} else {
		r.CostPerUnit = canonicalDecimal(cost)
	}
	return v.Err()
}

// canonicalDecimal renders a decimal as 3scale's JSON shows a BigDecimal: "0.5", "2.0".
func canonicalDecimal(s string) string {
	whole, frac, _ := strings.Cut(s, ".")
	whole = strings.TrimLeft(whole, "0")
	if whole == "" {
		whole = "0"
	}
	frac = strings.TrimRight(frac, "0")
	if frac == "" {
		frac = "0"
	}
	return whole + "." + frac
}

// overlaps tells whether two inclusive ranges meet; max 0 is unbounded.
func overlaps(a, b *catalog.PricingRule) bool {
	upper := func(r *catalog.PricingRule) int64 {
		if r.Max == 0 {
			return math.MaxInt64
		}
		return r.Max
	}
	return a.Min <= upper(b) && b.Min <= upper(a)
}
