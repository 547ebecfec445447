package ops

import "turnpike/shared/admin/proxy"

// Account Management API: a product's gateway configuration.
var gatewayConfigOps = []Operation{
	{"read-proxy", "GET", "/admin/api/services/{service_id}/proxy.json", proxy.ReadProxy},
	{"update-proxy", "PATCH", "/admin/api/services/{service_id}/proxy.json", proxy.UpdateProxy},
	{"replace-proxy", "PUT", "/admin/api/services/{service_id}/proxy.json", proxy.UpdateProxy},
	{"deploy-proxy", "POST", "/admin/api/services/{service_id}/proxy/deploy.json", proxy.DeployProxy},
	{"list-mapping-rules", "GET", "/admin/api/services/{service_id}/proxy/mapping_rules.json", proxy.ListMappingRules},
	{"create-mapping-rule", "POST", "/admin/api/services/{service_id}/proxy/mapping_rules.json", proxy.CreateMappingRule},
	{"read-mapping-rule", "GET", "/admin/api/services/{service_id}/proxy/mapping_rules/{rule_id}", proxy.ReadMappingRule},
	{"update-mapping-rule", "PATCH", "/admin/api/services/{service_id}/proxy/mapping_rules/{rule_id}", proxy.UpdateMappingRule},
	{"replace-mapping-rule", "PUT", "/admin/api/services/{service_id}/proxy/mapping_rules/{rule_id}", proxy.UpdateMappingRule},
	{"delete-mapping-rule", "DELETE", "/admin/api/services/{service_id}/proxy/mapping_rules/{rule_id}", proxy.DeleteMappingRule},
	{"list-proxy-configs", "GET", "/admin/api/services/{service_id}/proxy/configs/{environment}", proxy.ListProxyConfigs},
	{"read-latest-proxy-config", "GET", "/admin/api/services/{service_id}/proxy/configs/{environment}/latest.json", proxy.ReadLatestProxyConfig},
	{"read-proxy-config", "GET", "/admin/api/services/{service_id}/proxy/configs/{environment}/{version}", proxy.ReadProxyConfig},
	{"promote-proxy-config", "POST", "/admin/api/services/{service_id}/proxy/configs/{environment}/{version}/promote.json", proxy.PromoteProxyConfig},
	{"list-account-proxy-configs", "GET", "/admin/api/account/proxy_configs/{environment}", proxy.ListAccountProxyConfigs},
}
