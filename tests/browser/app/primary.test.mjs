// After the booking: a staff member hands a booked interview to another primary interviewer from
// its page, at a time the new team is free; the page then shows the new primary and the history says who
// changed from whom.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenshots, serviceAndBrowser, bookedInterviewPage } from './harness.mjs';

const suite = serviceAndBrowser({ calcom: true, webhooks: true });

test('the primary interviewer of a booked interview is changed from its page', async () => {
  const { page, booked } = await bookedInterviewPage(suite, { name: 'Pia Primary', email: 'pia.primary@northwind.example' });
  const team = page.getByRole('list', { name: 'Poblysh team' });
  await team.getByText('Alice Martin').waitFor();

  await page.getByRole('button', { name: 'Change primary interviewer…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change primary interviewer' });
  // Said plainly: who gets an email, and that Cal.com books the interview again.
  await dialog.getByText(/booked again under the new primary's event type/).waitFor();
  // Nothing chosen yet: the dialog asks for the person before anything is sent.
  await dialog.getByRole('button', { name: 'Change primary interviewer' }).click();
  await dialog.getByText('Choose the new primary interviewer.').first().waitFor();

  await dialog.getByLabel('New primary interviewer').selectOption({ label: 'Chloé Dubois (Analyst)' });
  const types = dialog.getByLabel('Event type');
  await types.waitFor({ timeout: 30_000 });
  await types.selectOption({ label: 'Founder interview (30 min)' });
  // Chloé's hours differ from Alice's: a time the new team is free together.
  await dialog.getByRole('radio', { name: /Another time/ }).check();
  await dialog.getByRole('radiogroup', { name: /Free times on/ }).getByRole('radio').first().check();
  await dialog.getByLabel(/^Reason/).fill('Alice is travelling');
  await screenshots(page, 'interview-primary');
  await dialog.getByRole('button', { name: 'Change primary interviewer' }).click();
  await dialog.waitFor({ state: 'detached', timeout: 30_000 });

  // Chloé hosts it now; Alice, not kept on, is no longer on the team.
  await team.getByRole('listitem').filter({ hasText: 'Chloé Dubois' }).getByText('Primary').waitFor();
  await team.getByText('Alice Martin').waitFor({ state: 'detached' });
  const history = page.getByRole('list', { name: 'History' });
  await history.getByText('Primary changed', { exact: true }).waitFor();
  await history.getByText(/from Alice Martin to Chloé Dubois/).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
