package catalog

import (
	"net/http"

	"turnpike/shared/platform/deps"
)

// ListAccountFeatures is GET /admin/api/features.
func ListAccountFeatures(d *deps.Deps) http.Handler { return listFeatures(d, false) }

// CreateAccountFeature is POST /admin/api/features.
func CreateAccountFeature(d *deps.Deps) http.Handler { return createFeature(d, false) }

// ReadAccountFeature is GET /admin/api/features/{feature_id}.
func ReadAccountFeature(d *deps.Deps) http.Handler { return readFeatureOp(d, false) }

// UpdateAccountFeature is PUT /admin/api/features/{feature_id}.
func UpdateAccountFeature(d *deps.Deps) http.Handler { return updateFeature(d, false) }

// DeleteAccountFeature is DELETE /admin/api/features/{feature_id}.
func DeleteAccountFeature(d *deps.Deps) http.Handler { return deleteFeature(d, false) }

// ListServiceFeatures is GET /admin/api/services/{service_id}/features.
func ListServiceFeatures(d *deps.Deps) http.Handler { return listFeatures(d, true) }

// CreateServiceFeature is POST /admin/api/services/{service_id}/features.
func CreateServiceFeature(d *deps.Deps) http.Handler { return createFeature(d, true) }

// ReadServiceFeature is GET /admin/api/services/{service_id}/features/{feature_id}.
func ReadServiceFeature(d *deps.Deps) http.Handler { return readFeatureOp(d, true) }

// UpdateServiceFeature is PUT /admin/api/services/{service_id}/features/{feature_id}.
func UpdateServiceFeature(d *deps.Deps) http.Handler { return updateFeature(d, true) }

// DeleteServiceFeature is DELETE /admin/api/services/{service_id}/features/{feature_id}.
func DeleteServiceFeature(d *deps.Deps) http.Handler { return deleteFeature(d, true) }
