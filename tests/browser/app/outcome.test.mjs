// After the meeting: a team member records from the interview page who did not come, and the
// page shows it. The demo's Tidewater interview ended days ago; its booking is demo data that
// Cal.com (the simulator) does not hold, so the page also says that Cal.com was not told.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MEMBER, apiFromPage, screenshots, serviceAndBrowser, signIn } from './harness.mjs';

const suite = serviceAndBrowser({ calcom: true });

// The demo data's interview titled `title`, as the interview list has it (undefined without one).
async function demoInterview(page, title) {
  const { json: list } = await apiFromPage(page, 'GET', '/api/v1/interviews?limit=100');
  return list.items.find((item) => item.title === title);
}

test('a no-show is marked from the interview page and shown there', async () => {
  const page = await suite.page();
  await signIn(page, MEMBER);
  const row = await demoInterview(page, 'Tidewater Analytics — deep dive');
  assert.ok(row, 'the demo data has the Tidewater interview');
  const { json: before } = await apiFromPage(page, 'GET', `/api/v1/interviews/${row.id}`);
  assert.deepEqual(before.no_shows, []);
  const contact = before.contact.name;

  await page.goto(`/interviews/${row.id}`);
  await page.getByRole('heading', { level: 1, name: 'Tidewater Analytics — deep dive' }).waitFor();
  await page.getByRole('button', { name: 'Mark outcome…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Mark the outcome' });
  await dialog.getByRole('radio', { name: 'No-show: someone did not come' }).check();
  // Nobody ticked: the dialog says what is missing instead of sending.
  await dialog.getByRole('button', { name: 'Save outcome' }).click();
  await dialog.getByText('Tick who did not come.').waitFor();
  await dialog.getByRole('checkbox', { name: `${contact} (the startup's contact)` }).check();
  await dialog.getByLabel(/^Note/).fill("The founder's flight was late");
  await screenshots(page, 'interview-outcome');
  await dialog.getByRole('button', { name: 'Save outcome' }).click();
  await dialog.waitFor({ state: 'detached', timeout: 30_000 });

  // The page shows who did not come and the note, and the history says who recorded it.
  const when = page.getByRole('region', { name: 'When' });
  await when.getByText(`${contact} (the startup's contact)`).waitFor();
  await when.getByText("The founder's flight was late").waitFor();
  const history = page.getByRole('list', { name: 'History' });
  await history.getByText('Outcome recorded', { exact: true }).waitFor();
  await history.getByText(`No-show: ${contact} (the startup's contact)`).waitFor();
  await page.getByRole('note').filter({ hasText: "Cal.com's booking was not told who did not come" }).waitFor();

  // Opened again, the dialog starts from what is recorded.
  await page.getByRole('button', { name: 'Mark outcome…' }).click();
  assert.equal(await dialog.getByRole('checkbox', { name: `${contact} (the startup's contact)` }).isChecked(), true);
  assert.equal(await dialog.getByLabel(/^Note/).inputValue(), "The founder's flight was late");
  await dialog.getByRole('button', { name: 'Close' }).click();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a meeting that has not ended offers no outcome', async () => {
  const page = await suite.page();
  await signIn(page, MEMBER);
  const row = await demoInterview(page, 'Northwind Robotics — founder interview');
  assert.ok(row, 'the demo data has the Northwind interview, two days ahead');
  await page.goto(`/interviews/${row.id}`);
  await page.getByRole('button', { name: 'Cancel interview…' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Mark outcome…' }).count(), 0);
  await page.context().close();
});
