// Drives the 3scale Node.js client against a Turnpike endpoint and prints what
// it understood, one JSON object per call. Settings come from the environment.
'use strict';
const Client = require('3scale').Client;

const env = process.env;
const client = new Client(env.PROVIDER_KEY, { host: env.HOST, port: Number(env.PORT) });
const sid = env.SERVICE_ID;

function call(name, fn) {
  return new Promise((resolve) => {
    fn((res) => {
      resolve({
        call: name,
        success: res.is_success(),
        status: res.status_code,
        plan: res.plan || null,
        error_code: res.error_code,
        error_message: res.error_message,
        usage_reports: res.usage_reports || [],
      });
    });
  });
}

(async () => {
  const out = [];
  out.push(await call('authorize', (cb) => client.authorize({ service_id: sid, app_id: env.APP_ID }, cb)));
  out.push(await call('authrep', (cb) => client.authrep({ service_id: sid, app_id: env.APP_ID, usage: { hits: 2 } }, cb)));
  out.push(await call('report', (cb) => client.report(sid, [
    { app_id: env.APP_ID, usage: { hits: 3 } },
    { app_id: env.APP_ID, usage: { hits: 1 }, timestamp: new Date().toISOString() },
  ], cb)));
  out.push(await call('authorize_unknown_app', (cb) => client.authorize({ service_id: sid, app_id: 'boo' }, cb)));
  out.push(await call('authrep_over_limit', (cb) => client.authrep({ service_id: sid, app_id: env.APP_ID, usage: { hits: 1000 } }, cb)));
  process.stdout.write(JSON.stringify(out) + '\n');
})().catch((err) => {
  process.stderr.write(String(err && err.stack || err) + '\n');
  process.exit(1);
});
