package testenv

import (
	"context"

	"turnpike/shared/model/catalog"
)

func metricsOf(e *Env, tenant, service int64) ([]*catalog.Metric, error) {
	return catalog.Metrics(context.Background(), e.Server.Deps.Store, tenant, service)
}
