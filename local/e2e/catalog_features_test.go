package e2e

import (
	"net/url"
	"reflect"
	"strings"
	"testing"

	"turnpike/shared/localdev/testenv"
	"turnpike/shared/model/catalog"
	"turnpike/shared/platform/store"
)

func TestAccountFeatures(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	r := tn.Do(t, "POST", "/admin/api/features.json", url.Values{"feature[name]": {"Free Support"}, "feature[description]": {"email"}})
	status(t, r, 201)
	f := obj(t, r, "feature")
	id := testenv.S(testenv.ID(t, f))
	for k, v := range (jmap{"name": "Free Support", "system_name": "free_support", "scope": "account_plan", "visible": true, "description": "email"}) {
		if f[k] != v {
			t.Errorf("%s = %v", k, f[k])
		}
	}
	lk := links(t, f)
	if len(lk) != 1 || !strings.HasSuffix(text(t, lk[0], "href"), "/admin/api/features/"+id) {
		t.Fatalf("links %v", lk)
	}
	r = tn.Do(t, "POST", "/admin/api/features.xml", url.Values{"name": {"Phone"}, "system_name": {"phone"}})
	status(t, r, 201)
	x := xmlRoot(t, r, "feature")
	if !reflect.DeepEqual(x.names(), []string{"id", "name", "system_name", "account_id", "scope", "visible", "description"}) ||
		x.text("account_id") != testenv.S(tn.ID) || x.text("scope") != "account_plan" {
		t.Fatalf("feature XML %s", r.Body)
	}
	phone := x.text("id")
	fieldError(t, tn.Do(t, "POST", "/admin/api/features.json", url.Values{}), 422, "name", "can't be blank")
	fieldError(t, tn.Do(t, "POST", "/admin/api/features.json", url.Values{"name": {"Again"}, "system_name": {"phone"}}), 422, "system_name", "has already been taken")
	fieldError(t, tn.Do(t, "POST", "/admin/api/features.json", url.Values{"name": {"Bad"}, "system_name": {"b a d"}}), 422, "system_name", "is invalid")
	fieldError(t, tn.Do(t, "POST", "/admin/api/features.json", url.Values{"name": {"Long"}, "description": {strings.Repeat("d", 65536)}}), 422, "description", "is too long (maximum is 65535 characters)")
	fieldError(t, tn.Do(t, "POST", "/admin/api/features.json", url.Values{"name": {strings.Repeat("n", 256)}, "system_name": {"nn"}}), 422, "name", "is too long (maximum is 255 characters)")

	l := items(t, tn.Do(t, "GET", "/admin/api/features.json", nil), "features", "feature")
	if len(l) != 2 {
		t.Fatalf("features %v", l)
	}
	if n := len(xmlRoot(t, tn.Do(t, "GET", "/admin/api/features.xml", nil), "features").all("feature")); n != 2 {
		t.Fatalf("XML features %d", n)
	}
	if got := obj(t, tn.Do(t, "GET", "/admin/api/features/"+id+".json", nil), "feature"); !reflect.DeepEqual(got, f) {
		t.Fatalf("read %v vs %v", got, f)
	}
	xmlRoot(t, tn.Do(t, "GET", "/admin/api/features/"+phone, nil), "feature")
	u := obj(t, tn.Do(t, "PUT", "/admin/api/features/"+id+".json", url.Values{"name": {"Support"}, "system_name": {"support"}, "description": {""}}), "feature")
	if u["name"] != "Support" || u["system_name"] != "support" {
		t.Fatalf("update %v", u)
	}
	if _, ok := u["description"]; ok {
		t.Fatalf("cleared description %v", u)
	}
	// The old system name is free, the new one taken.
	tn.Create(t, "/admin/api/features.json", "feature", url.Values{"name": {"Free Support"}})
	fieldError(t, tn.Do(t, "PUT", "/admin/api/features/"+phone+".json", url.Values{"system_name": {"support"}}), 422, "system_name", "has already been taken")
	fieldError(t, tn.Do(t, "PUT", "/admin/api/features/"+phone+".json", url.Values{"name": {""}}), 422, "name", "can't be blank")
	xmlRoot(t, tn.Do(t, "PUT", "/admin/api/features/"+phone+".xml", url.Values{"name": {"Phone 2"}}), "feature")
	expectDeleted(t, tn.Do(t, "DELETE", "/admin/api/features/"+phone+".xml", nil), "delete XML")
	expectDeleted(t, tn.Do(t, "DELETE", "/admin/api/features/"+id+".json", nil), "delete")
	expectNotFound(t, tn.Do(t, "GET", "/admin/api/features/"+id+".json", nil), ".json")
	expectNotFound(t, tn.Do(t, "PUT", "/admin/api/features/"+id+".json", url.Values{"name": {"x"}}), ".json")
	expectNotFound(t, tn.Do(t, "DELETE", "/admin/api/features/"+id+".json", nil), ".json")
	expectNotFound(t, tn.Do(t, "GET", "/admin/api/features/zz.json", nil), ".json")
}

func TestServiceFeatures(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	svc := newService(t, tn, nil)
	base := sp(svc, "/features")
	f := tn.Create(t, base+".json", "feature", url.Values{"name": {"Analytics"}})
	if f["scope"] != "application_plan" || f["visible"] != true {
		t.Fatalf("default scope %v", f)
	}
	lk := links(t, f)
	if len(lk) != 2 || !strings.HasSuffix(text(t, lk[0], "href"), base+"/"+testenv.S(testenv.ID(t, f))) ||
		lk[1]["rel"] != "service" {
		t.Fatalf("links %v", lk)
	}
	sf := tn.Create(t, base+".json", "feature", url.Values{"name": {"SLA"}, "scope": {"ServicePlan"}})
	if sf["scope"] != "service_plan" {
		t.Fatalf("service plan scope %v", sf)
	}
	fieldError(t, tn.Do(t, "POST", base+".json", url.Values{"name": {"Bad"}, "scope": {"AccountPlan"}}), 422, "scope", "must be ApplicationPlan or ServicePlan")
	r := tn.Do(t, "POST", base+".xml", url.Values{"name": {"Xml"}})
	x := xmlRoot(t, r, "feature")
	if x.text("service_id") != testenv.S(svc) || x.child("account_id") != nil {
		t.Fatalf("service feature XML %s", r.Body)
	}
	xid := x.text("id")
	// The same system name in another service, or as an account feature, is fine.
	tn.Create(t, sp(tn.DefaultService, "/features.json"), "feature", url.Values{"name": {"Analytics"}})
	tn.Create(t, "/admin/api/features.json", "feature", url.Values{"name": {"Analytics"}})
	fieldError(t, tn.Do(t, "POST", base+".json", url.Values{"name": {"Analytics"}}), 422, "system_name", "has already been taken")

	if l := items(t, tn.Do(t, "GET", base+".json", nil), "features", "feature"); len(l) != 3 {
		t.Fatalf("service features %v", l)
	}
	xmlRoot(t, tn.Do(t, "GET", base+".xml", nil), "features")
	fid := testenv.S(testenv.ID(t, f))
	if got := obj(t, tn.Do(t, "GET", base+"/"+fid+".json", nil), "feature"); !reflect.DeepEqual(got, f) {
		t.Fatalf("read %v", got)
	}
	xmlRoot(t, tn.Do(t, "GET", base+"/"+xid+".xml", nil), "feature")
	if u := obj(t, tn.Do(t, "PUT", base+"/"+fid+".json", url.Values{"name": {"Analytics+"}}), "feature"); u["name"] != "Analytics+" {
		t.Fatalf("update %v", u)
	}
	xmlRoot(t, tn.Do(t, "PUT", base+"/"+xid+".xml", url.Values{"description": {"d"}}), "feature")
	// A feature is reachable only through its owner.
	expectNotFound(t, tn.Do(t, "GET", "/admin/api/features/"+fid+".json", nil), ".json")
	expectNotFound(t, tn.Do(t, "GET", sp(tn.DefaultService, "/features/"+fid+".json"), nil), ".json")
	expectNotFound(t, tn.Do(t, "GET", "/admin/api/services/999999999/features.json", nil), ".json")
	expectDeleted(t, tn.Do(t, "DELETE", base+"/"+fid+".json", nil), "delete")
	expectDeleted(t, tn.Do(t, "DELETE", base+"/"+xid+".xml", nil), "delete XML")
	expectNotFound(t, tn.Do(t, "GET", base+"/"+fid+".json", nil), ".json")
}

func TestPlanFeatures(t *testing.T) {
	t.Parallel()
	env := testenv.Get(t)
	tn := env.NewTenant(t)
	svc := newService(t, tn, nil)
	appPlan := testenv.S(testenv.ID(t, tn.Create(t, sp(svc, "/application_plans.json"), "application_plan", url.Values{"name": {"ap"}})))
	svcPlan := testenv.S(testenv.ID(t, items(t, tn.Do(t, "GET", sp(svc, "/service_plans.json"), nil), "plans", "service_plan")[0]))
	accPlan := testenv.S(testenv.ID(t, tn.Create(t, "/admin/api/account_plans.json", "account_plan", url.Values{"name": {"acc"}})))
	appFeat := testenv.S(testenv.ID(t, tn.Create(t, sp(svc, "/features.json"), "feature", url.Values{"name": {"app feature"}})))
	svcFeat := testenv.S(testenv.ID(t, tn.Create(t, sp(svc, "/features.json"), "feature", url.Values{"name": {"svc feature"}, "scope": {"ServicePlan"}})))
	accFeat := testenv.S(testenv.ID(t, tn.Create(t, "/admin/api/features.json", "feature", url.Values{"name": {"acc feature"}})))

	for _, c := range []struct{ plans, plan, feature, wrongScope, foreign string }{
		{"/admin/api/application_plans/", appPlan, appFeat, svcFeat, accFeat},
		{"/admin/api/service_plans/", svcPlan, svcFeat, appFeat, accFeat},
		{"/admin/api/account_plans/", accPlan, accFeat, "", appFeat},
	} {
		base := c.plans + c.plan + "/features"
		r := tn.Do(t, "POST", base+".json", url.Values{"feature_id": {c.feature}})
		status(t, r, 201)
		if testenv.S(testenv.ID(t, obj(t, r, "feature"))) != c.feature {
			t.Fatalf("enable answers the feature: %s", r.Body)
		}
		status(t, tn.Do(t, "POST", base+".xml", url.Values{"feature_id": {c.feature}}), 201)
		l := items(t, tn.Do(t, "GET", base+".json", nil), "features", "feature")
		if len(l) != 1 || testenv.S(testenv.ID(t, l[0])) != c.feature {
			t.Fatalf("plan features %v", l)
		}
		if n := len(xmlRoot(t, tn.Do(t, "GET", base+".xml", nil), "features").all("feature")); n != 1 {
			t.Fatalf("XML plan features %d", n)
		}
		if c.wrongScope != "" {
			fieldError(t, tn.Do(t, "POST", base+".json", url.Values{"feature_id": {c.wrongScope}}), 422, "plan_type", "does not match the scope of the feature")
		}
		expectNotFound(t, tn.Do(t, "POST", base+".json", url.Values{"feature_id": {c.foreign}}), ".json")
		expectNotFound(t, tn.Do(t, "POST", base+".json", nil), ".json")
		expectNotFound(t, tn.Do(t, "POST", base+".json", url.Values{"feature_id": {"abc"}}), ".json")
		expectDeleted(t, tn.Do(t, "DELETE", base+"/"+c.feature+".json", nil), "disable")
		expectNotFound(t, tn.Do(t, "DELETE", base+"/"+c.feature+".json", nil), ".json")
		status(t, tn.Do(t, "POST", base+".json", url.Values{"feature_id": {c.feature}}), 201)
		expectDeleted(t, tn.Do(t, "DELETE", base+"/"+c.feature+".xml", nil), "disable XML")
		status(t, tn.Do(t, "POST", base+".json", url.Values{"feature_id": {c.feature}}), 201)
	}
	// Plans are found by their own type only.
	expectNotFound(t, tn.Do(t, "GET", "/admin/api/account_plans/"+appPlan+"/features.json", nil), ".json")
	expectNotFound(t, tn.Do(t, "GET", "/admin/api/application_plans/999999999/features.json", nil), ".json")

	// Deleting a feature takes it off its plans.
	expectDeleted(t, tn.Do(t, "DELETE", sp(svc, "/features/"+appFeat+".json"), nil), "delete feature")
	if l := items(t, tn.Do(t, "GET", "/admin/api/application_plans/"+appPlan+"/features.json", nil), "features", "feature"); len(l) != 0 {
		t.Fatalf("deleted feature still on the plan: %v", l)
	}
	// Deleting a plan takes its features off.
	expectDeleted(t, tn.Do(t, "DELETE", "/admin/api/account_plans/"+accPlan+".json", nil), "delete plan")
	var left []store.Key
	if err := env.Server.Deps.Store.All(t.Context(), store.Query{Index: store.GSI1, PK: catalog.PlansWithFeature(tn.ID, mustAtoi(t, accFeat))}, &left); err != nil || len(left) != 0 {
		t.Fatalf("associations left: %v %v", left, err)
	}
}
