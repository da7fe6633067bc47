// Drafts under control: a wizard left and reopened offers "Resume your draft … or start over";
// resuming keeps what was entered, starting over discards the old draft for a fresh one; the
// startup page shows only the person's latest draft and a count; the drafts page lists them to
// discard — a booked interview is never discarded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, MEMBER, apiCaller, apiFromPage, northwindBooking, screenshots, serviceAndBrowser, signIn, focused } from './harness.mjs';

const suite = serviceAndBrowser({ calcom: true });

const wizard = (page) => page.getByRole('dialog', { name: 'Schedule interview with Northwind Robotics' });
const stepHeading = (page, n, label) => wizard(page).getByRole('heading', { level: 3, name: `Step ${n} of 6: ${label}` });
const offerHeading = (page) => wizard(page).getByRole('heading', { level: 3, name: /^Resume your draft from .+ or start over$/ });

async function openNorthwind(page) {
  await page.goto('/startups');
  await page.getByRole('link', { name: 'Northwind Robotics' }).click();
  await page.getByRole('heading', { name: 'Northwind Robotics', level: 1 }).waitFor();
}

async function openWizard(page) {
  await page.getByRole('button', { name: 'Schedule Interview' }).click();
  await wizard(page).waitFor();
}

async function closeWizard(page) {
  await wizard(page).getByRole('button', { name: 'Close' }).click();
  await wizard(page).waitFor({ state: 'detached' });
}

/** The signed-in person's drafts of Northwind, as the API lists them. */
async function northwindDrafts(page) {
  const call = await apiCaller(page);
  const startup = (await call('GET', '/api/v1/startups?q=Northwind')).items[0];
  return call('GET', `/api/v1/drafts?startup_id=${startup.id}`);
}

test('a wizard left and reopened offers the draft: resume keeps it, start over gives a fresh one', async () => {
  const page = await suite.page();
  await signIn(page, ADMIN);
  await openNorthwind(page);
  await openWizard(page);
  const dialog = wizard(page);
  const next = dialog.getByRole('button', { name: 'Next' });

  // No draft yet: step 1 at once, with a title to set.
  await stepHeading(page, 1, 'Startup & contact').waitFor();
  assert.equal(await offerHeading(page).count(), 0);
  await dialog.getByRole('button', { name: 'Add a new contact' }).click();
  const form = dialog.getByRole('group', { name: 'New contact' });
  await form.getByLabel('Name', { exact: true }).fill('Dora Draft');
  await form.getByLabel('Email', { exact: true }).fill('dora@northwind.example');
  await form.getByRole('button', { name: 'Save contact' }).click();
  await form.waitFor({ state: 'detached' });
  const title = dialog.getByLabel(/^Title/);
  assert.equal(await title.getAttribute('placeholder'), 'Interview with Northwind Robotics – Dora Draft');
  // Too long is said beside the field, and Next stays.
  await title.fill('x'.repeat(201));
  await next.click();
  await dialog.getByText('Keep the title shorter (at most 200 characters).').first().waitFor();
  await stepHeading(page, 1, 'Startup & contact').waitFor();
  await title.fill('Dora – seed follow-up');
  await next.click();
  await stepHeading(page, 2, 'Team').waitFor();
  await closeWizard(page);

  // The startup page shows that draft once, apart from the interviews.
  const yours = page.getByRole('group', { name: 'Your draft' });
  await yours.getByText('Dora – seed follow-up').waitFor();
  assert.equal(await page.getByRole('list', { name: 'Interviews with this startup' }).getByText('Dora – seed follow-up').count(), 0);

  // Reopened: the offer, focused, instead of a second draft.
  await openWizard(page);
  await offerHeading(page).waitFor();
  await focused(page, offerHeading(page), 'the offer heading');
  await dialog.getByText('Dora – seed follow-up').first().waitFor();
  await screenshots(page, 'wizard-resume-offer');
  await dialog.getByRole('button', { name: 'Resume your draft', exact: true }).click();
  await stepHeading(page, 2, 'Team').waitFor();
  await dialog.getByRole('button', { name: /Startup & contact/ }).click();
  await stepHeading(page, 1, 'Startup & contact').waitFor();
  assert.equal(await dialog.getByRole('radio', { name: /Dora Draft/ }).isChecked(), true);
  assert.equal(await dialog.getByLabel(/^Title/).inputValue(), 'Dora – seed follow-up');
  await closeWizard(page);
  const resumed = await northwindDrafts(page);
  assert.equal(resumed.total, 1, 'resuming made no second draft');
  const old = resumed.items[0];

  // Start over asks once (Keep is the safe answer, and focused), then discards for a fresh step 1.
  await openWizard(page);
  await dialog.getByRole('button', { name: 'Start over', exact: true }).click();
  const question = dialog.getByRole('group', { name: /^Discard “Dora – seed follow-up” and start over\?/ });
  await question.waitFor();
  await focused(page, question.getByRole('button', { name: 'Keep the draft' }), 'Keep the draft');
  await question.getByRole('button', { name: 'Discard and start over' }).click();
  await stepHeading(page, 1, 'Startup & contact').waitFor();
  assert.equal(await dialog.getByRole('radio', { name: /Dora Draft/ }).isChecked(), false);
  assert.equal(await dialog.getByLabel(/^Title/).inputValue(), '');
  assert.equal((await northwindDrafts(page)).total, 0, 'the old draft is gone');
  assert.equal((await apiFromPage(page, 'GET', `/api/v1/interviews/${old.id}`)).status, 404);

  // The fresh one is a new draft with the default title.
  await dialog.getByRole('radio', { name: /Dora Draft/ }).check();
  await next.click();
  await stepHeading(page, 2, 'Team').waitFor();
  await closeWizard(page);
  const fresh = await northwindDrafts(page);
  assert.equal(fresh.total, 1);
  // A new one (SQLite may give it the discarded one's id: that was the newest row).
  assert.ok(Date.parse(fresh.items[0].created_at) > Date.parse(old.created_at), 'made after the old one');
  assert.equal(fresh.items[0].title, 'Interview with Northwind Robotics – Dora Draft');

  // "Continue draft" on the startup page goes straight back into it.
  await page.getByRole('group', { name: 'Your draft' }).getByRole('button', { name: 'Continue draft' }).click();
  await stepHeading(page, 2, 'Team').waitFor();
  assert.equal(await offerHeading(page).count(), 0);
  await closeWizard(page);
});

test('drafts do not pile up on the startup page, are listed and discarded, and a booked interview is not', async () => {
  const page = await suite.page();
  await signIn(page, ADMIN);
  const call = await apiCaller(page);
  const startup = (await call('GET', '/api/v1/startups?q=Northwind')).items[0];
  // Whatever the first test left is discarded first: this one counts from none.
  for (const left of (await call('GET', `/api/v1/drafts?startup_id=${startup.id}`)).items) {
    await call('DELETE', `/api/v1/interviews/${left.id}`);
  }
  const contact = { name: 'Pilar Pile', email: 'pilar@northwind.example' };
  for (const name of ['Pile one', 'Pile two', 'Pile three']) {
    await call('POST', '/api/v1/interviews', { startup_id: startup.id, contact, title: name });
  }
  const booked = await northwindBooking(page, { name: 'Bea Booked', email: 'bea@northwind.example' });

  await openNorthwind(page);
  const yours = page.getByRole('group', { name: 'Your draft' });
  await yours.getByText('Pile three').waitFor();
  await yours.getByText('2 more drafts here.').waitFor();
  const interviewsList = page.getByRole('list', { name: 'Interviews with this startup' });
  await interviewsList.getByRole('link', { name: booked.title }).waitFor();
  assert.equal(await interviewsList.getByText(/Pile/).count(), 0, 'no draft in the interviews list');

  await yours.getByRole('link', { name: 'See all your drafts' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your drafts for Northwind Robotics' }).waitFor();
  const list = page.getByRole('list', { name: 'Your drafts' });
  assert.equal(await list.getByRole('listitem').count(), 3);
  assert.deepEqual(await list.getByRole('link').allInnerTexts(), ['Pile three', 'Pile two', 'Pile one']);
  await screenshots(page, 'drafts-list');

  await list.getByRole('button', { name: 'Discard Pile two' }).click();
  const confirm = list.getByRole('group', { name: 'Discard Pile two?' });
  await focused(page, confirm.getByRole('button', { name: 'Keep' }), 'Keep');
  await confirm.getByRole('button', { name: 'Discard draft' }).click();
  await list.getByRole('link', { name: 'Pile two' }).waitFor({ state: 'detached' });
  assert.deepEqual(await list.getByRole('link').allInnerTexts(), ['Pile three', 'Pile one']);

  // A booked interview is not a draft: the API refuses to discard it, in words.
  const { json: session } = await apiFromPage(page, 'GET', '/api/v1/session');
  const refused = await apiFromPage(page, 'DELETE', `/api/v1/interviews/${booked.id}`, undefined, session.csrf_token);
  assert.equal(refused.status, 409);
  assert.match(refused.json.error.message, /only a draft can be discarded/);
  assert.equal((await call('GET', `/api/v1/interviews/${booked.id}`)).status, 'scheduled');

  // Someone else sees none of the admin's drafts.
  const other = await suite.page();
  await signIn(other, MEMBER);
  await other.goto('/drafts');
  await other.getByRole('heading', { level: 1, name: 'Your drafts' }).waitFor();
  await other.getByText('No drafts.', { exact: false }).waitFor();
});
