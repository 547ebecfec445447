package authrep

import (
	"testing"

	"turnpike/shared/model/catalog"
	"turnpike/shared/servicemgmt/usage"
)

// FuzzReportBody feeds arbitrary form bodies through the report's parsing:
// parameters, the transactions' shape, each transaction, and the usage of an
// authorization. Nothing may panic, and every accepted transaction has usage.
func FuzzReportBody(f *testing.F) {
	for _, s := range []string{
		"transactions[0][app_id]=a&transactions[0][usage][hits]=1",
		"transactions[0][user_key]=k&transactions[0][usage][hits]=%2310&transactions[0][timestamp]=2010-04-22+23:59:30+-02:00",
		"transactions=string", "transactions[1]", "transactions[0][user_id]=1", "transactions[]=1",
		"transactions[0][usage]=x", "transactions[0][usage][hits][]=1", "transactions[0][log][code]=200",
		"usage[hits]=1&usage[search]=#2", "usage[]=1&usage[hits]=1", "usage[%FF]=1", "testparam=value1%",
	} {
		f.Add(s)
	}
	ms := indexMetrics([]*catalog.Metric{{ID: 1, SystemName: "hits"}, {ID: 2, SystemName: "search", Parent: 1}})
	f.Fuzz(func(t *testing.T, body string) {
		p, e := parseRaw(body)
		if e != nil {
			if e.HTTP != 400 {
				t.Fatalf("parse error %d for %q", e.HTTP, body)
			}
			return
		}
		if u, ok := p.Map("usage"); ok {
			if ds, e := parseUsage(u, ms); e == nil {
				usage.Expand(ds, ms, false)
			} else if e.HTTP != 403 && e.HTTP != 404 {
				t.Fatalf("usage error %d for %q", e.HTTP, body)
			}
		}
		txs, e := transactions(p)
		if e != nil {
			if e.HTTP != 400 {
				t.Fatalf("transactions error %d for %q", e.HTTP, body)
			}
			return
		}
		for _, k := range txs.Keys() {
			v, _ := txs.Get(k)
			if tx, ok := rawTx(v.Map); ok && len(tx.Usage) == 0 {
				t.Fatalf("accepted a transaction without usage: %q", body)
			}
			usage.ParseTimestamp(k)
		}
	})
}
