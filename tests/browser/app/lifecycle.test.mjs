// After the booking: a staff member moves a booked interview to another time from its page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, apiFromPage, screenshots, serviceAndBrowser, signIn } from './harness.mjs';

const suite = serviceAndBrowser({ calcom: true, webhooks: true });

// A booked interview of Northwind Robotics with Alice Martin, made through the API as the
// wizard makes it (the wizard itself is tested in wizard.test.mjs).
async function bookedInterview(page) {
  const { json: session } = await apiFromPage(page, 'GET', '/api/v1/session');
  const csrf = session.csrf_token;
  const call = async (method, url, body) => {
    const answer = await apiFromPage(page, method, url, body, csrf);
    assert.ok(answer.status < 300, `${method} ${url}: ${answer.status} ${JSON.stringify(answer.json)}`);
    return answer.json;
  };
  const startup = (await call('GET', '/api/v1/startups?q=Northwind')).items[0];
  const alice = (await call('GET', '/api/v1/team-members?q=Alice')).items[0];
  const draft = await call('POST', '/api/v1/interviews', {
    startup_id: startup.id, contact: { name: 'Rea Schedule', email: 'rea@northwind.example' },
  });
  const at = (step) => `/api/v1/interviews/${draft.id}/${step}`;
  await call('PUT', at('team'), { primary_team_member_id: alice.id, additional_team_member_ids: [] });
  const options = await call('GET', at('booking-options'));
  const type = options.event_types.find((option) => option.slots?.length >= 3);
  assert.ok(type, 'an event type with free times');
  await call('PUT', at('booking'), { event_type_id: type.id, start_time: type.slots[0].start });
  await call('PUT', at('guests'), { guests: [] });
  await call('PUT', at('details'), { timezone: 'Europe/Berlin' });
  return call('POST', at('confirm'), {});
}

test('a booked interview is rescheduled from its page', async () => {
  const page = await suite.page();
  await signIn(page, ADMIN);
  const booked = await bookedInterview(page);
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
  await history.getByText('Rescheduled', { exact: true }).waitFor();
  await history.getByText(/The founder travels that day/).waitFor();
  assert.notEqual(await page.getByRole('region', { name: 'When' }).innerText(), whenBefore);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
