package route

import "testing"

func TestMatch(t *testing.T) {
	cases := []struct {
		pattern, path string
		ok            bool
		ext           string
		vars          map[string]string
	}{
		{"/admin/api/services.json", "/admin/api/services.json", true, "json", nil},
		{"/admin/api/services.json", "/admin/api/services.xml", true, "xml", nil},
		{"/admin/api/services.json", "/admin/api/services", true, "", nil},
		{"/admin/api/services.json", "/admin/api/services.txt", false, "", nil},
		{"/admin/api/services.json", "/admin/api/servicesx.json", false, "", nil},
		{"/admin/api/services/{service_id}", "/admin/api/services/12.json", true, "json", map[string]string{"service_id": "12"}},
		{"/admin/api/services/{service_id}", "/admin/api/services/12", true, "", map[string]string{"service_id": "12"}},
		{"/admin/api/services/{service_id}", "/admin/api/services/.json", false, "", nil},
		{"/admin/api/services/{service_id}/application_plans.json", "/admin/api/services/7/application_plans.xml", true, "xml", map[string]string{"service_id": "7"}},
		{"/admin/api/services/{service_id}/application_plans.json", "/admin/api/services//application_plans.xml", false, "", nil},
		{"/transactions/authrep.xml", "/transactions/authrep.xml", true, "xml", nil},
		{"/transactions/authrep.xml", "/transactions/authrep.json", false, "", nil},
		{"/check.txt", "/check.txt", true, "txt", nil},
	}
	for _, c := range cases {
		vars, ext, ok := Match(c.pattern, c.path)
		if ok != c.ok || ext != c.ext {
			t.Errorf("Match(%q, %q) = %v %q, want %v %q", c.pattern, c.path, ok, ext, c.ok, c.ext)
			continue
		}
		for k, v := range c.vars {
			if vars[k] != v {
				t.Errorf("Match(%q, %q) var %s = %q, want %q", c.pattern, c.path, k, vars[k], v)
			}
		}
	}
}

func TestVariants(t *testing.T) {
	got := Variants("/admin/api/signup.json")
	if len(got) != 3 || got[1] != "/admin/api/signup.xml" || got[2] != "/admin/api/signup" {
		t.Fatalf("Variants = %v", got)
	}
	if got := Variants("/admin/api/services/{service_id}"); len(got) != 1 {
		t.Fatalf("Variants = %v", got)
	}
}

func TestSpecificity(t *testing.T) {
	if Specificity("/admin/api/accounts/find.json") <= Specificity("/admin/api/accounts/{account_id}") {
		t.Fatal("a literal segment must beat a variable")
	}
}
