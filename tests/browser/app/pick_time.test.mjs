// The startup's contact picks the time: staff send a scheduling link from a draft's page; the
// contact opens it in a fresh browser (no account, another time zone, a phone) and books one of
// the team's free times; the staff's interview page turns "Scheduled", then "Confirmed".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, PHONE, northwindDraft, screenshots, serviceAndBrowser, signIn } from './harness.mjs';

const suite = serviceAndBrowser({ calcom: true, webhooks: true });

test('staff send a link; the contact picks a time on a phone in their own zone', async () => {
  const staff = await suite.page();
  await signIn(staff, ADMIN);
  const { draft } = await northwindDraft(staff, { name: 'Pat Picker', email: 'pat@northwind.example' }, 3);
  await staff.goto(`/interviews/${draft.id}`);
  await staff.getByRole('heading', { level: 1 }).waitFor();

  await staff.getByRole('button', { name: 'Let the contact pick a time…' }).click();
  const dialog = staff.getByRole('dialog', { name: 'Let Pat Picker pick a time' });
  await dialog.getByLabel('Earliest notice (hours)').fill('0');
  // The first free time may be within a day: changes stay allowed until it starts.
  await dialog.getByLabel('They may move or cancel until (hours before)').fill('0');
  await dialog.getByRole('button', { name: 'Send the link to Pat Picker' }).click();
  await dialog.waitFor({ state: 'detached', timeout: 30_000 });
  await staff.getByRole('heading', { name: 'Waiting for Pat Picker to pick a time' }).waitFor();
  await staff.getByText(/not opened yet/).waitFor();
  const link = (await staff.locator('code').filter({ hasText: '/pick/' }).textContent()).trim();
  assert.match(link, /\/pick\/[A-Za-z0-9_-]{40,}$/);

  // The contact: nobody signed in, New York time, a phone.
  const context = await suite.browser.newContext({
    viewport: PHONE, baseURL: suite.service.url, locale: 'en-US', timezoneId: 'America/New_York',
  });
  context.setDefaultTimeout(15_000);
  const contact = await context.newPage();
  const errors = [];
  contact.on('pageerror', (error) => errors.push(String(error)));
  await contact.goto(new URL(link, suite.service.url).pathname);
  await contact.getByRole('heading', { name: 'Pick a time for your interview with Poblysh' }).waitFor();
  await contact.getByText('Hello Pat Picker', { exact: false }).waitFor();
  assert.equal(await contact.getByLabel('Show times in').inputValue(), 'America/New_York');
  assert.equal(await contact.getByRole('button', { name: 'Sign out' }).count(), 0);
  // Nothing internal: no staff addresses.
  assert.equal(await contact.getByText('@poblysh', { exact: false }).count(), 0);

  // Confirming without a time says what is missing.
  await contact.getByRole('button', { name: 'Confirm this time' }).click();
  await contact.getByText('Choose one of the times shown.').waitFor();
  const times = contact.getByRole('radiogroup', { name: /^Free times on/ });
  await times.getByRole('radio').first().check();
  await contact.getByLabel(/^A note for the team/).fill('Happy to demo the robot');
  await screenshots(contact, 'pick-time');
  await contact.getByRole('button', { name: 'Confirm this time' }).click();
  await contact.getByRole('heading', { name: 'Your interview is booked' }).waitFor({ timeout: 30_000 });
  await contact.getByRole('button', { name: 'Choose another time' }).waitFor();
  await screenshots(contact, 'pick-time-booked');

  // Staff see it booked, then confirmed by Cal.com's webhook.
  await staff.reload();
  const badge = staff.locator('.badges .badge').first();
  for (let i = 0; i < 40 && (await badge.textContent()) !== 'Confirmed'; ++i) {
    await staff.waitForTimeout(500);
    await staff.reload();
  }
  assert.equal(await badge.textContent(), 'Confirmed');
  await staff.getByRole('list', { name: 'History' }).getByText('Time picked', { exact: true }).waitFor();
  assert.deepEqual(errors, []);
  assert.deepEqual(staff.errors, []);
  await context.close();
  await staff.context().close();
});

test('a link that names nothing says so plainly', async () => {
  const page = await suite.page(PHONE);
  await page.goto('/pick/this-is-not-a-link-anyone-was-ever-sent-0000000000');
  await page.getByRole('heading', { name: 'This link is not valid' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
