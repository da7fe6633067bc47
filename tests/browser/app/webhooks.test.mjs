// Cal.com's signed webhook moves a booked interview from "scheduled" to "confirmed": the service
// runs with a webhook secret and has registered /webhooks/calcom at the simulator.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, screenshots, serviceAndBrowser, signIn, wizardToConfirm } from './harness.mjs';

const suite = serviceAndBrowser({ calcom: true, webhooks: true });


test('a booked interview is scheduled, then confirmed when the Cal.com webhook arrives', async () => {
  const page = await suite.page();
  await signIn(page, ADMIN);
  const { dialog } = await wizardToConfirm(page, { name: 'Wen Webhook', email: 'wen@northwind.example' });
  // Hold the simulator's webhooks so that "scheduled" can be seen before the confirmation.
  await suite.service.sim.admin('POST', '/_sim/webhooks/hold', { hold: true });
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await dialog.getByText('Invitation sent.').waitFor({ timeout: 30_000 });
  // The booking itself answers "scheduled"; confirmation only comes with the webhook.
  await dialog.getByText(/The interview is scheduled in Cal\.com/).waitFor();
  await dialog.getByRole('button', { name: 'Open interview' }).click();
  await page.waitForURL(/\/interviews\/\d+$/);
  const url = page.url();
  const badges = page.locator('.badges');
  await badges.getByText('Scheduled', { exact: true }).waitFor();
  assert.equal(await page.getByRole('link', { name: /Join meeting/ }).count(), 0);
  await screenshots(page, 'interview-scheduled');
  await suite.service.sim.admin('POST', '/_sim/webhooks/hold', { hold: false });
  const released = await suite.service.sim.admin('POST', '/_sim/webhooks/release', {});
  assert.ok(released.released >= 1, 'the held BOOKING_CREATED webhook is delivered');

  // The simulator delivers the signed BOOKING_CREATED webhook; the page shows it once reloaded.
  const confirmed = badges.getByText('Confirmed', { exact: true });
  const deadline = Date.now() + 30_000;
  while (!(await confirmed.count())) {
    assert.ok(Date.now() < deadline, `the interview was not confirmed in 30 s:\n${suite.service.output()}`);
    await page.waitForTimeout(500);
    await page.goto(url);
    await page.getByRole('heading', { level: 1 }).waitFor();
  }
  assert.equal(await badges.getByText('Scheduled', { exact: true }).count(), 0);
  const join = page.getByRole('link', { name: /Join meeting/ });
  await join.waitFor();
  assert.match((await join.getAttribute('href')) ?? '', /^https?:\/\//);
  await screenshots(page, 'interview-confirmed');

  // The Cal.com page lists the delivery and the emails; without SMTP they are held and can be resent.
  await page.getByRole('link', { name: 'Cal.com' }).click();
  await page.getByRole('heading', { name: 'Cal.com integration' }).waitFor();
  const deliveries = page.getByRole('table', { name: 'Webhook deliveries' });
  await deliveries.getByText('BOOKING_CREATED').first().waitFor();
  await deliveries.getByText('applied', { exact: true }).first().waitFor();
  const emails = page.getByRole('list', { name: 'Emails' });
  await emails.getByRole('listitem').first().waitFor();
  await emails.getByText('Held', { exact: true }).first().waitFor();
  await page.getByRole('note').getByText('Emails are held, not sent, because no SMTP server is configured.').waitFor();
  const resends = emails.getByRole('button', { name: /^Resend / });
  const before = await resends.count();
  assert.ok(before >= 1);
  const reloaded = page.waitForResponse((response) => response.url().includes('/api/v1/admin/emails?'));
  await resends.first().click();
  await reloaded;
  assert.equal(await page.getByRole('alert').count(), 0, 'the resend was accepted');
  await screenshots(page, 'calcom-activity');

  // Cancelling from the interview page asks for a reason, cancels at Cal.com and says so.
  await page.goto(url);
  await page.getByRole('button', { name: 'Cancel interview…' }).click();
  const cancel = page.getByRole('dialog', { name: 'Cancel this interview?' });
  await cancel.getByRole('button', { name: 'Cancel interview' }).click();
  await cancel.getByText('Say why the interview is cancelled; the people invited see it.').waitFor();
  await cancel.getByLabel('Reason').fill('The founders postponed their raise');
  await screenshots(page, 'interview-cancel-dialog');
  await cancel.getByRole('button', { name: 'Cancel interview' }).click();
  await cancel.waitFor({ state: 'detached' });
  await badges.getByText('Cancelled', { exact: true }).waitFor();
  await page.getByText('This interview was cancelled: The founders postponed their raise').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Cancel interview…' }).count(), 0);
  const atCalcom = await suite.service.sim.admin('GET', '/_sim/bookings');
  const statuses = (atCalcom.data ?? atCalcom).map((booking) => booking.status);
  assert.ok(statuses.includes('cancelled'), `the booking is cancelled at Cal.com: ${JSON.stringify(statuses)}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
