// Shared client for tests that run under tests/contract/with-sim-and-prism.sh: calls through
// Prism that fail on contract violations, the simulator's /_sim admin API, Cal.com error
// assertions and a local webhook subscriber. Reusable by the Cal.com client's integration tests.
'use strict';

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const http = require('node:http');

const { PRISM_URL, CALCOM_SIM_URL, CALCOM_SIM_ADMIN_URL } = process.env;
const KEY = process.env.CALCOM_TEST_API_KEY;
const KEY_NO_HOOKS = process.env.CALCOM_TEST_API_KEY_NO_WEBHOOKS;
for (const [name, value] of Object.entries({ PRISM_URL, CALCOM_SIM_URL, CALCOM_SIM_ADMIN_URL, KEY, KEY_NO_HOOKS })) {
  if (!value) throw new Error(`${name} is not set: run through tests/contract/with-sim-and-prism.sh`);
}

function parseViolations(header) {
  if (!header) return [];
  const start = header.indexOf('[');  // "Too many violations! [...]" carries a prefix
  try {
    return JSON.parse(header.slice(start));
  } catch {
    return [{ severity: 'Error', message: header }];  // unparseable: treat as a failure
  }
}

// One HTTP call. Through Prism (the default) a validation problem — Prism's 422 for the
// request or its 500 "VIOLATIONS" for the response — throws, unless the test expects it.
async function call(method, path, { version, key = KEY, body, query, base = PRISM_URL, timeoutMs = 15000, prismError = false } = {}) {
  const url = new URL(path, base);
  for (const [name, value] of Object.entries(query || {})) url.searchParams.set(name, String(value));
  const headers = {};
  if (key) headers.Authorization = `Bearer ${key}`;
  if (version) headers['cal-api-version'] = version;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let json;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  // Prism reports problems in sl-violations; "Warning" ones only note that the spec documents
  // no error statuses at all (API-NOTES §2), so error answers are not contract violations.
  const violations = parseViolations(response.headers.get('sl-violations')).filter((v) => v.severity === 'Error');
  const isPrismProblem = (response.headers.get('content-type') || '').includes('application/problem+json');
  if (base === PRISM_URL && !prismError && (violations.length || isPrismProblem)) {
    throw new Error(`Prism rejected ${method} ${path} (${response.status}): ${JSON.stringify(violations)} ${isPrismProblem ? text : ''}`);
  }
  return { status: response.status, headers: response.headers, json, text };
}

async function admin(method, path, body) {
  const response = await fetch(`${CALCOM_SIM_ADMIN_URL}${path}`, {
    method, headers: body ? { 'Content-Type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(15000),
  });
  const json = await response.json();
  assert.ok(response.ok, `admin ${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
  return json;
}

function expectNestError(result, status, code) {
  assert.equal(result.status, status, result.text);
  assert.equal(result.json.status, 'error');
  assert.equal(result.json.error.code, code);
  assert.equal(typeof result.json.error.message, 'string');
  assert.ok(!Number.isNaN(Date.parse(result.json.timestamp)));
  assert.ok(result.json.path.startsWith('/v2/'));
}

// A local webhook subscriber that keeps the raw bytes, as a real verifier must.
async function startReceiver() {
  const received = [];
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, raw: Buffer.concat(chunks).toString('utf8'), path: request.url });
      // "/cal?redirect" answers a redirect, "/cal?fail" a 500: deliveries must not follow or retry.
      if (request.url.endsWith('?redirect')) response.writeHead(302, { Location: '/cal' }).end();
      else if (request.url.endsWith('?fail')) response.writeHead(500).end('no');
      else response.writeHead(200).end('ok');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/cal`, received, close: () => new Promise((r) => server.close(r)) };
}

async function settleDeliveries() {
  return (await admin('GET', '/deliveries?waitMs=5000')).data;
}

function verifySignature(delivery, secret) {
  const expected = secret ? crypto.createHmac('sha256', secret).update(delivery.raw).digest('hex') : 'no-secret-provided';
  assert.equal(delivery.headers['x-cal-signature-256'], expected);
  assert.equal(delivery.headers['x-cal-webhook-version'], '2021-10-20');
  assert.equal(delivery.headers['content-type'], 'application/json');
}

module.exports = {
  PRISM_URL, CALCOM_SIM_URL, CALCOM_SIM_ADMIN_URL, KEY, KEY_NO_HOOKS,
  call, admin, expectNestError, startReceiver, settleDeliveries, verifySignature,
};
