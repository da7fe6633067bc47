// Pages follow Cal.com without a reload (GET /api/v1/events): an open interview turns from
// "Scheduled" to "Confirmed", with its Join link, when the simulator's BOOKING_CREATED webhook
// arrives, and says so to screen readers; the interviews list open beside it follows too, and
// so does a cancellation made elsewhere.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, northwindBooking, screenshots, serviceAndBrowser, signIn, wizardToConfirm } from './harness.mjs';

const suite = serviceAndBrowser({ calcom: true, webhooks: true });
const LIVE = 3_000; // "within a second" of the commit, with room for a busy test machine

test('an open interview and the list turn confirmed when the webhook arrives, without a reload', async () => {
  const page = await suite.page();
  await signIn(page, ADMIN);
  // Held, so that the page can be seen "Scheduled" before Cal.com's confirmation comes.
  await suite.service.sim.admin('POST', '/_sim/webhooks/hold', { hold: true });
  const booked = await northwindBooking(page, { name: 'Liv Live', email: 'liv@northwind.example' });
  const id = (booked.interview ?? booked).id;
  assert.ok(id, JSON.stringify(booked));

  const streamOf = (open) => open.waitForResponse((response) => response.url().endsWith('/api/v1/events') && response.status() === 200);
  const pageStream = streamOf(page);
  await page.goto(`/interviews/${id}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  const badges = page.locator('.badges');
  await badges.getByText('Scheduled', { exact: true }).waitFor();
  assert.equal(await page.getByRole('link', { name: /Join meeting/ }).count(), 0);
  const list = await page.context().newPage();
  const listStream = streamOf(list);
  await list.goto('/interviews');
  const row = list.getByRole('row', { name: /Liv Live/ });
  await row.getByText('Scheduled', { exact: true }).waitFor();
  // Both pages are the ones loaded above when the change shows: neither reloads.
  for (const open of [page, list]) await open.evaluate(() => { window.notReloaded = true; });
  // The streams are open before the webhook is let through.
  await Promise.all([pageStream, listStream]);

  await suite.service.sim.admin('POST', '/_sim/webhooks/hold', { hold: false });
  const released = await suite.service.sim.admin('POST', '/_sim/webhooks/release', {});
  assert.ok(released.released >= 1, 'the held BOOKING_CREATED webhook is delivered');
  const delivered = Date.now();

  await badges.getByText('Confirmed', { exact: true }).waitFor({ timeout: LIVE });
  const join = page.getByRole('link', { name: /Join meeting/ });
  await join.waitFor({ timeout: LIVE });
  assert.match((await join.getAttribute('href')) ?? '', /^https?:\/\//);
  await page.getByRole('status').filter({ hasText: 'Interview confirmed' }).waitFor({ state: 'attached', timeout: LIVE });
  await row.getByText('Confirmed', { exact: true }).waitFor({ timeout: LIVE });
  assert.ok(Date.now() - delivered < LIVE, `shown ${Date.now() - delivered} ms after the webhook was sent`);
  for (const open of [page, list]) assert.equal(await open.evaluate(() => window.notReloaded), true);
  await screenshots(page, 'interview-live-confirmed');

  // Someone else cancels it (another tab, the API): this page follows and announces it.
  const other = await suite.page();
  await signIn(other, ADMIN);
  const cancelled = await other.evaluate(async (url) => {
    const session = await (await fetch('/api/v1/session')).json();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token },
      body: JSON.stringify({ reason: 'The founders postponed' }),
    });
    return response.status;
  }, `/api/v1/interviews/${id}/cancel`);
  assert.equal(cancelled, 200);
  await badges.getByText('Cancelled', { exact: true }).waitFor({ timeout: LIVE });
  await page.getByRole('status').filter({ hasText: 'Interview cancelled' }).waitFor({ state: 'attached', timeout: LIVE });
  await row.getByText('Cancelled', { exact: true }).waitFor({ timeout: LIVE });
  assert.equal(await page.evaluate(() => window.notReloaded), true);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(list.errors ?? [], []);
  await other.context().close();
  await page.context().close();
});


test("the wizard's last step, after Send, shows Cal.com's confirmation as it arrives", async () => {
  const page = await suite.page();
  await signIn(page, ADMIN);
  // The last step listens from when it opens.
  const { dialog } = await wizardToConfirm(page, { name: 'Wes Wizard', email: 'wes@northwind.example' }, {
    onDetails: () => page.waitForResponse((response) => response.url().endsWith('/api/v1/events') && response.status() === 200),
  });

  await suite.service.sim.admin('POST', '/_sim/webhooks/hold', { hold: true });
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await dialog.getByText(/The interview is scheduled in Cal\.com/).waitFor({ timeout: 30_000 });
  await suite.service.sim.admin('POST', '/_sim/webhooks/hold', { hold: false });
  const released = await suite.service.sim.admin('POST', '/_sim/webhooks/release', {});
  assert.ok(released.released >= 1, 'the held BOOKING_CREATED webhook is delivered');

  await dialog.getByText(/The interview is confirmed in Cal\.com/).waitFor({ timeout: LIVE });
  await dialog.getByRole('status').filter({ hasText: 'Interview confirmed' }).waitFor({ state: 'attached', timeout: LIVE });
  await screenshots(page, 'wizard-live-confirmed');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
