// After the booking: a staff member moves a booked interview to another time from its page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, northwindBooking, screenshots, serviceAndBrowser, signIn } from './harness.mjs';

const suite = serviceAndBrowser({ calcom: true, webhooks: true });

test('a booked interview is rescheduled from its page', async () => {
  const page = await suite.page();
  await signIn(page, ADMIN);
  const booked = await northwindBooking(page, { name: 'Rea Schedule', email: 'rea@northwind.example' }, 3);
  await page.goto(`/interviews/${booked.id}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  const whenBefore = await page.getByRole('region', { name: 'When' }).innerText();

  await page.getByRole('button', { name: 'Reschedule…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reschedule this interview' });
  // Nothing chosen: the dialog says what is missing instead of sending.
  await dialog.getByRole('button', { name: 'Reschedule', exact: true }).click();
  await dialog.getByText('Choose the new time.').waitFor();
  const times = dialog.getByRole('radiogroup', { name: /^Free times on/ });
  await times.getByRole('radio').nth(1).check();
  await dialog.getByLabel(/^Reason/).fill('The founder travels that day');
  await screenshots(page, 'interview-reschedule');
  await dialog.getByRole('button', { name: 'Reschedule', exact: true }).click();
  await dialog.waitFor({ state: 'detached', timeout: 30_000 });

  // The page shows the new time and says what happened, with the reason.
  const history = page.getByRole('list', { name: 'History' });
  await history.getByText('Rescheduled', { exact: true }).first().waitFor();
  await history.getByText(/The founder travels that day/).waitFor();
  assert.notEqual(await page.getByRole('region', { name: 'When' }).innerText(), whenBefore);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
