// Starts the real service on port 0 with a fresh SQLite database and demo data, creates an
// admin and a member account, and drives Debian's Chromium through playwright-core.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SCREENSHOTS = path.join(REPO, 'build', 'artifacts', 'screenshots');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
export const ADMIN = { email: 'admin@example.com', name: 'Admin', password: 'admin-password-123' };
export const MEMBER = { email: 'member@example.com', name: 'Mia Member', password: 'member-password-123' };

function binary() {
  const bin = process.env.POBLYSH_BINARY;
  if (!bin) throw new Error('Set POBLYSH_BINARY to the poblysh-interviews binary (CTest passes it).');
  if (!existsSync(bin)) throw new Error(`POBLYSH_BINARY does not exist: ${bin}`);
  return bin;
}

function staticDir() {
  const dir = process.env.POBLYSH_STATIC_DIR ?? path.join(REPO, 'web', 'dist');
  if (!existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`${dir}/index.html is missing: build the web app first (cd web && npm ci && npm run build).`);
  }
  return dir;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForFile(file, child, output, what) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}):\n${output()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${what} did not become ready in 30 s:\n${output()}`);
    }
    const text = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
    if (text) return text;
    await sleep(50);
  }
}

function capture(child) {
  let output = '';
  child.stdout.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  child.stderr.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  return () => output;
}

async function stopChild(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(5000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Keys of tools/calcom-sim/fixtures/default.json. */
const SIM_OPS_KEY = 'cal_test_poblysh_ops_5f1c2e9a7b3d4c60a8e1';

/** The Cal.com simulator (tools/calcom-sim), from POBLYSH_CALCOM_SIM (CTest passes it). */
async function startSimulator(dir) {
  const bin = process.env.POBLYSH_CALCOM_SIM;
  if (!bin || !existsSync(bin)) {
    throw new Error('Set POBLYSH_CALCOM_SIM to the calcom-sim binary (CTest passes it when the simulator is built).');
  }
  const ready = path.join(dir, 'sim-ready');
  const fixture = path.join(REPO, 'tools', 'calcom-sim', 'fixtures', 'default.json');
  const child = spawn(bin, ['--listen', '127.0.0.1:0', '--ready-file', ready, '--fixture', fixture], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = capture(child);
  const address = await waitForFile(ready, child, output, 'the Cal.com simulator');
  const url = `http://${address}`;
  return {
    url,
    child,
    env: {
      POBLYSH_CALCOM_BASE_URL: url,
      POBLYSH_CALCOM_API_KEY: SIM_OPS_KEY,
      POBLYSH_CALCOM_SANDBOX: 'true',
      POBLYSH_CALCOM_AVAILABILITY_SLUG: 'founder-interview',
    },
    /** POST/DELETE /_sim/… control endpoints (faults, clock, bookings). */
    async admin(method, route, body) {
      const response = await fetch(url + route, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`simulator refused ${method} ${route}: ${await response.text()}`);
      const text = await response.text();
      return text ? JSON.parse(text) : null;
    },
  };
}

/**
 * A running service with its own database; `stop()` ends it and removes its files.
 * With { calcom: true } it also runs the Cal.com simulator and points the service at it; with
 * { webhooks: true } as well, the service gets a fresh webhook secret and registers its
 * /webhooks/calcom at the simulator (as scripts/run.sh does), so bookings become "confirmed".
 */
export async function startService({ calcom = false, webhooks = false, env: extraEnv = {} } = {}) {
  const bin = binary();
  const dir = mkdtempSync(path.join(tmpdir(), 'poblysh-browser-'));
  const ready = path.join(dir, 'ready');
  const sim = calcom ? await startSimulator(dir) : null;
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('POBLYSH_'))),
    POBLYSH_HTTP_ADDRESS: '127.0.0.1:0',
    POBLYSH_READY_FILE: ready,
    POBLYSH_DATABASE_URL: `sqlite://${dir}/db.sqlite`,
    POBLYSH_STATIC_DIR: staticDir(),
    POBLYSH_DEMO_DATA: 'true',
    POBLYSH_LOG_LEVEL: 'warning',
    ...(sim ? sim.env : {}),
    ...(sim && webhooks ? { POBLYSH_CALCOM_WEBHOOK_SECRET: randomBytes(32).toString('hex') } : {}),
    ...extraEnv,
  };
  for (const [user, role] of [[ADMIN, 'admin'], [MEMBER, 'member']]) {
    const added = spawnSync(bin, ['user', 'add', '--email', user.email, '--name', user.name, '--role', role], {
      env, input: `${user.password}\n`, encoding: 'utf8', timeout: 30_000,
    });
    if (added.status !== 0) throw new Error(`user add ${user.email} failed: ${added.stderr || added.stdout}`);
  }
  const child = spawn(bin, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = capture(child);
  const address = await waitForFile(ready, child, output, 'the service');
  if (sim && webhooks) {
    const installed = spawnSync(bin, ['calcom', 'webhooks', 'install', '--url', `http://${address}/webhooks/calcom`], {
      env, encoding: 'utf8', timeout: 30_000,
    });
    if (installed.status !== 0) {
      await stopChild(child);
      await stopChild(sim.child);
      throw new Error(`calcom webhooks install failed: ${installed.stderr || installed.stdout}`);
    }
  }
  return {
    url: `http://${address}`,
    sim,
    output,
    async stop() {
      await stopChild(child);
      if (sim) await stopChild(sim.child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.POBLYSH_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
}

/**
 * A fresh browser context (own cookies and localStorage) and page at the given size; `options`
 * go to the context (a11y.test.mjs sets bypassCSP to inject axe-core into the page).
 */
export async function newPage(browser, service, viewport = DESKTOP, options = {}) {
  const context = await browser.newContext({ viewport, baseURL: service.url, locale: 'en-GB', timezoneId: 'Europe/Berlin', ...options });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(String(error)));
  return page;
}

/**
 * A test file's service (started with startService's options) and browser: started before its
 * tests, stopped after them. `suite.page(viewport)` opens a fresh page on that service.
 */
export function serviceAndBrowser(options) {
  const suite = {
    service: null,
    browser: null,
    page: (viewport) => newPage(suite.browser, suite.service, viewport),
  };
  before(async () => {
    suite.service = await startService(options);
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.service?.stop();
  });
  return suite;
}

export async function signIn(page, user = ADMIN) {
  await page.goto('/startups');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Saves the page at 1280×800 and at 390×844 as build/artifacts/screenshots/<name>-<size>.png. */
export async function screenshots(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const original = page.viewportSize();
  for (const [label, size] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/** Runs fetch inside the page (same origin, the page's cookie) and returns status and body. */
export async function apiFromPage(page, method, url, body, csrf) {
  return page.evaluate(
    async ({ method, url, body, csrf }) => {
      const headers = { 'Content-Type': 'application/json' };
      if (csrf) headers['X-CSRF-Token'] = csrf;
      const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      let json = null;
      try { json = JSON.parse(text); } catch { /* not JSON */ }
      return { status: response.status, json };
    },
    { method, url, body, csrf },
  );
}

/** Calls the API as the signed-in page; each call must succeed. Returns the answer's JSON. */
export async function apiCaller(page) {
  const { json: session } = await apiFromPage(page, 'GET', '/api/v1/session');
  return async (method, url, body) => {
    const answer = await apiFromPage(page, method, url, body, session.csrf_token);
    assert.ok(answer.status < 300, `${method} ${url}: ${answer.status} ${JSON.stringify(answer.json)}`);
    return answer.json;
  };
}

/**
 * A draft of Northwind Robotics with `contact` (name, email) and Alice Martin as its one
 * interviewer, saved through steps 1–4 as the wizard saves them (the wizard itself is tested in
 * wizard.test.mjs): the first event type with `minSlots` free times, at its first, no guests.
 * `at(step)` is the draft's URL for a step.
 */
export async function northwindDraft(page, contact, minSlots = 1) {
  const call = await apiCaller(page);
  const startup = (await call('GET', '/api/v1/startups?q=Northwind')).items[0];
  const alice = (await call('GET', '/api/v1/team-members?q=Alice')).items[0];
  const draft = await call('POST', '/api/v1/interviews', { startup_id: startup.id, contact });
  const at = (step) => `/api/v1/interviews/${draft.id}/${step}`;
  await call('PUT', at('team'), { primary_team_member_id: alice.id, additional_team_member_ids: [] });
  const options = await call('GET', at('booking-options'));
  const type = options.event_types.find((option) => option.slots?.length >= minSlots);
  assert.ok(type, 'an event type with free times');
  await call('PUT', at('booking'), { event_type_id: type.id, start_time: type.slots[0].start });
  await call('PUT', at('guests'), { guests: [] });
  return { call, at, startup, draft };
}

/** The same draft booked in the Berlin zone (steps 5 and 6), as the API answers the confirm. */
export async function northwindBooking(page, contact, minSlots = 1) {
  const { call, at } = await northwindDraft(page, contact, minSlots);
  await call('PUT', at('details'), { timezone: 'Europe/Berlin' });
  return call('POST', at('confirm'), {});
}

/** Waits until `locator` has the focus (focus moves on the next frame). */
export async function focused(page, locator, what) {
  for (let i = 0; i < 40; i++) {
    if (await locator.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.waitForTimeout(50);
  }
  const where = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 160));
  assert.fail(`${what} does not have the focus; it is on ${where}`);
}

/**
 * The wizard opened from Northwind Robotics' page and walked through steps 1–3 as a person does:
 * a new contact (`contact`: name, email), Alice Martin as the primary interviewer, the 30-minute
 * founder interview at its first free time. It stops on step 4 (Guests); answers the dialog,
 * its Next button and `stepHeading(label)`.
 */
export async function wizardToGuests(page, contact) {
  const dialog = page.getByRole('dialog', { name: 'Schedule interview with Northwind Robotics' });
  const stepHeading = (label) => dialog.getByRole('heading', { name: new RegExp(`Step \\d of 6: ${label}`) });
  await page.getByRole('link', { name: 'Northwind Robotics' }).click();
  await page.getByRole('heading', { name: 'Northwind Robotics', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Schedule Interview' }).click();
  const next = dialog.getByRole('button', { name: 'Next' });
  await stepHeading('Startup & contact').waitFor();
  await dialog.getByRole('button', { name: 'Add a new contact' }).click();
  const form = dialog.getByRole('group', { name: 'New contact' });
  await form.getByLabel('Name', { exact: true }).fill(contact.name);
  await form.getByLabel('Email', { exact: true }).fill(contact.email);
  await form.getByRole('button', { name: 'Save contact' }).click();
  await form.waitFor({ state: 'detached' });
  await next.click();
  await stepHeading('Team').waitFor();
  await dialog.getByRole('radio', { name: 'Primary interviewer: Alice Martin' }).check();
  await next.click();
  await stepHeading('Booking type').waitFor();
  await dialog.getByRole('radio', { name: /^Founder interview 30 min/ }).check();
  await dialog.getByRole('radiogroup', { name: /^Free times on/ }).getByRole('radio').first().check();
  await next.click();
  await stepHeading('Guests').waitFor();
  return { dialog, next, stepHeading };
}

/**
 * wizardToGuests, then on through steps 4 and 5 without changes to step 6 (Confirm).
 * `onDetails`, when given, runs on step 5 before Next; the step waits for what it returns.
 */
export async function wizardToConfirm(page, contact, { onDetails } = {}) {
  const steps = await wizardToGuests(page, contact);
  await steps.next.click();
  await steps.stepHeading('Details').waitFor();
  const waiting = onDetails?.();
  await steps.next.click();
  await steps.stepHeading('Confirm').waitFor();
  await waiting;
  return steps;
}

/** Signs in as the admin, books a Northwind interview with `contact` and opens its page. */
export async function bookedInterviewPage(suite, contact) {
  const page = await suite.page();
  await signIn(page, ADMIN);
  const booked = await northwindBooking(page, contact);
  await page.goto(`/interviews/${booked.id}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return { page, booked };
}
