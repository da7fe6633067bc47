// After the booking: a staff member adds a guest to a booked interview and takes one off, from
// its page; the dialog says what Cal.com cannot do.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenshots, serviceAndBrowser, bookedInterviewPage } from './harness.mjs';

const suite = serviceAndBrowser({ calcom: true, webhooks: true });

test('a guest is added to a booked interview, then taken off, from its page', async () => {
  const { page } = await bookedInterviewPage(suite, { name: 'Pia People', email: 'pia@northwind.example' });

  await page.getByRole('button', { name: 'Edit guests and team…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Guests and team' });
  // Said plainly: Cal.com cannot take anyone off its booking, and what we do instead.
  await dialog.getByRole('note').getByText(/no way to take anyone off/).waitFor();
  // A typo is caught before anything is sent.
  await dialog.getByLabel(/^Guest email/).fill('nia@partner');
  await dialog.getByRole('button', { name: 'Add guest' }).click();
  await dialog.getByText(/Enter a valid email address/).waitFor();
  await dialog.getByLabel(/^Guest name/).fill('Nia Partner');
  await dialog.getByLabel(/^Guest email/).fill('nia@partner.example');
  await dialog.getByRole('button', { name: 'Add guest' }).click();
  await dialog.getByRole('list', { name: 'Guests in this change' }).getByText('Nia Partner').waitFor();
  await screenshots(page, 'interview-people');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await dialog.waitFor({ state: 'detached', timeout: 30_000 });

  const guests = page.getByRole('list', { name: 'Guests', exact: true });
  await guests.getByText('Nia Partner').waitFor();
  const history = page.getByRole('list', { name: 'History' });
  await history.getByText('Guest added', { exact: true }).waitFor();

  // Taken off again: gone from the page, and the history says Cal.com keeps them.
  await page.getByRole('button', { name: 'Edit guests and team…' }).click();
  await dialog.getByRole('button', { name: 'Remove Nia Partner' }).click();
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await dialog.waitFor({ state: 'detached', timeout: 30_000 });
  await history.getByText('Guest removed', { exact: true }).waitFor();
  await history.getByText(/still on Cal.com's booking/).waitFor();
  assert.equal(await guests.count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
