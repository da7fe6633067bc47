// The six-step scheduling wizard against the real service and the Cal.com simulator.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, screenshots, serviceAndBrowser, signIn } from './harness.mjs';

const suite = serviceAndBrowser({ calcom: true });

const wizard = (page) => page.getByRole('dialog', { name: 'Schedule interview with Northwind Robotics' });
/** The footer's reason why Next is disabled. */
const why = (page) => wizard(page).locator('#wizard-why');
const steps = (page) => wizard(page).getByRole('list', { name: 'Steps' });
async function currentStep(page) {
  return (await steps(page).locator('[aria-current="step"]').innerText()).replace(/\s+/g, ' ').trim();
}
async function expectStep(page, label) {
  await wizard(page).getByRole('heading', { name: new RegExp(`Step \\d of 6: ${label.replace('&', '&')}`) }).waitFor();
  assert.match(await currentStep(page), new RegExp(label));
}

async function openWizard(page) {
  await page.getByRole('button', { name: 'Schedule Interview' }).click();
  await wizard(page).waitFor();
}

test('an interview is scheduled through all six steps, resumed after closing, and shown in detail', async () => {
  const page = await suite.page();
  await signIn(page, ADMIN);
  await page.getByRole('link', { name: 'Northwind Robotics' }).click();
  await page.getByRole('heading', { name: 'Northwind Robotics', level: 1 }).waitFor();
  await openWizard(page);
  const dialog = wizard(page);
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  assert.equal(await steps(page).getByRole('listitem').count(), 6);
  await expectStep(page, 'Startup & contact');
  await dialog.getByText('Northwind Robotics', { exact: true }).waitFor(); // pre-selected

  // Step 1: nothing is said before Next is tried; then Next waits for a contact, and says why.
  const next = dialog.getByRole('button', { name: 'Next' });
  assert.equal(await why(page).innerText(), '');
  await next.click();
  await why(page).getByText('Choose a contact at the startup, or add one.').waitFor();
  await dialog.getByRole('button', { name: 'Add a new contact' }).click();
  const form = dialog.getByRole('group', { name: 'New contact' });
  await form.getByLabel('Name', { exact: true }).fill('Ines Costa');
  await form.getByLabel('Email', { exact: true }).fill('ines@');
  await form.getByText('Enter a valid email address').waitFor();
  await form.getByLabel('Email', { exact: true }).fill('ines@northwind.example');
  await form.getByLabel('Title').fill('COO');
  await form.getByRole('button', { name: 'Save contact' }).click();
  await form.waitFor({ state: 'detached' });
  assert.equal(await dialog.getByRole('radio', { name: /Ines Costa/ }).isChecked(), true);
  await screenshots(page, 'wizard-1-contact');
  await next.click();

  // Step 2 is reached; focus stays inside the dialog, Escape closes it.
  await expectStep(page, 'Team');
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const inside = await page.evaluate(() => !!document.activeElement?.closest('dialog[aria-modal="true"]'));
    assert.ok(inside, 'focus stays in the wizard');
  }
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });

  // Reopening offers the draft, and resuming it goes on at step 2 with the contact kept.
  await openWizard(page);
  await dialog.getByRole('button', { name: 'Resume your draft', exact: true }).click();
  await expectStep(page, 'Team');
  await dialog.getByRole('button', { name: /Startup & contact/ }).click();
  await expectStep(page, 'Startup & contact');
  assert.equal(await dialog.getByRole('radio', { name: /Ines Costa/ }).isChecked(), true);
  await next.click();
  await expectStep(page, 'Team');

  // Step 2: one primary interviewer and someone whose availability is unknown.
  // Without a primary, Next stays on the step and the reason stands next to the choice too.
  await next.click();
  await why(page).getByText('Choose a primary interviewer.').waitFor();
  const teamField = dialog.getByRole('group', { name: 'Team members' });
  await teamField.getByText('Choose a primary interviewer.').waitFor();
  assert.equal(await teamField.getAttribute('aria-describedby'), 'step-primary-error');
  assert.equal(await next.getAttribute('aria-describedby'), 'wizard-why');
  await dialog.getByRole('checkbox', { name: 'Joins: Grace Holm' }).check();
  await next.click();
  await expectStep(page, 'Team'); // someone who only joins is not a primary
  await dialog.getByRole('checkbox', { name: 'Joins: Grace Holm' }).uncheck();
  await dialog.getByText(/\d+ free times?$/).first().waitFor();
  await dialog.getByRole('radio', { name: 'Primary interviewer: Alice Martin' }).check();
  await teamField.getByText('Choose a primary interviewer.').waitFor({ state: 'detached' });
  assert.equal(await why(page).innerText(), '');
  await dialog.getByRole('checkbox', { name: 'Joins: Grace Holm' }).check();
  await dialog.getByText('No Cal.com username is set. An admin can add one on the Team page.').first().waitFor();
  await dialog.getByText(/times when everyone with known availability is free/).waitFor();
  await screenshots(page, 'wizard-2-team');
  await next.click();

  // Step 3: an event type, a custom duration (checked as typed) and a common free time.
  await expectStep(page, 'Booking type');
  await dialog.getByRole('radio', { name: /^Founder interview 30 min/ }).check();
  await dialog.getByRole('radiogroup', { name: /^Free times on/ }).waitFor();
  await dialog.getByRole('checkbox', { name: 'Use a custom duration' }).check();
  const duration = dialog.getByLabel('Duration in minutes');
  await duration.fill('3');
  await dialog.getByText('Choose between 5 and 480 minutes.').first().waitFor();
  await next.click();
  await expectStep(page, 'Booking type');
  await duration.fill('45');
  const times = dialog.getByRole('radiogroup', { name: /^Free times on/ });
  await times.getByRole('radio').first().waitFor();
  await times.getByRole('radio').first().check();
  await screenshots(page, 'wizard-3-booking');
  await next.click();

  // Step 4: a typed guest (validated while typing) and one from the contacts.
  await expectStep(page, 'Guests');
  await dialog.getByLabel('Guest email').fill('zoe@');
  await dialog.getByText('Enter a valid email address').waitFor();
  assert.equal(await dialog.getByLabel('Guest email').getAttribute('aria-invalid'), 'true');
  await dialog.getByRole('button', { name: 'Add guest' }).click();
  assert.equal(await dialog.getByRole('list', { name: 'Guests' }).count(), 0, 'an invalid email is not added');
  await dialog.getByLabel('Guest email').fill('zoe@example.org');
  await dialog.getByLabel('Guest name').fill('Zoe Park');
  await dialog.getByLabel('Guest role').fill('Investor');
  await dialog.getByLabel('Guest company').fill('Acme Ventures');
  await dialog.getByRole('button', { name: 'Add guest' }).click();
  await dialog.getByRole('searchbox', { name: 'Search contacts' }).fill('Tom');
  await dialog.getByRole('button', { name: 'Add Tomás Álvarez as a guest' }).click();
  const guests = dialog.getByRole('list', { name: 'Guests' });
  assert.equal(await guests.getByRole('listitem').count(), 2);
  await dialog.getByText(/2\s+guests · total duration\s+45 min/).waitFor();
  await screenshots(page, 'wizard-4-guests');
  await next.click();

  // Step 5: Markdown through the toolbar, a server-rendered preview, ordered questions, a zone.
  await expectStep(page, 'Details');
  const notes = dialog.getByRole('textbox', { name: /Preparation notes/ });
  await notes.fill('Focus on hiring plans.\n');
  await notes.press('End');
  await notes.press('Control+End');
  // The toolbar edits at once: in the same task as the click, the notes hold the new text with
  // the placeholder selected, so a key pressed right after lands there (it used to wait a frame).
  const afterBold = await notes.evaluate((area) => {
    area.closest('[role="dialog"]').querySelector('button[aria-label="Bold"]').click();
    return { focused: document.activeElement === area, selected: area.value.slice(area.selectionStart, area.selectionEnd) };
  });
  assert.deepEqual(afterBold, { focused: true, selected: 'bold text' });
  await page.keyboard.type('Ask about churn');
  assert.match(await notes.inputValue(), /\*\*Ask about churn\*\*/);
  await dialog.getByRole('button', { name: 'Preview' }).click();
  const preview = dialog.getByRole('region', { name: 'Preview of the preparation notes' });
  assert.equal(await preview.getByText('Ask about churn').evaluate((element) => element.tagName), 'STRONG');
  await dialog.getByRole('button', { name: 'Preview' }).click();
  const question = dialog.getByLabel('New question');
  await question.fill('What does the team look like in a year?');
  await dialog.getByRole('button', { name: 'Add question' }).click();
  await question.fill('Who are the first ten customers?');
  await question.press('Enter');
  await dialog.getByRole('button', { name: 'Move question 2 up' }).click();
  const questions = dialog.getByRole('list', { name: 'Custom questions' }).getByRole('listitem');
  assert.match(await questions.nth(0).innerText(), /first ten customers/);
  await dialog.getByLabel('Meeting time zone').selectOption('Europe/London');
  await screenshots(page, 'wizard-5-details');
  await next.click();

  // Step 6: the summary, then a Cal.com failure in plain words, a retry, and success.
  await expectStep(page, 'Confirm');
  const summary = dialog.getByRole('definition');
  assert.ok((await summary.allInnerTexts()).some((text) => text.includes('Alice Martin')));
  await suite.service.sim.admin('POST', '/_sim/faults', { errorCount: 50, errorStatus: 503, pathPrefix: '/v2/bookings' });
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  const failure = dialog.getByRole('alert');
  await failure.waitFor({ timeout: 60_000 });
  assert.match(await failure.innerText(), /The invitation was not sent/);
  await screenshots(page, 'wizard-6-error');
  await suite.service.sim.admin('DELETE', '/_sim/faults');
  await failure.getByRole('button', { name: 'Try again' }).click();
  await dialog.getByText('Invitation sent.').waitFor({ timeout: 30_000 });
  await screenshots(page, 'wizard-6-sent');
  await dialog.getByRole('button', { name: 'Open interview' }).click();

  // The interview page.
  await page.waitForURL(/\/interviews\/\d+$/);
  const title = await page.getByRole('heading', { level: 1 }).innerText();
  assert.match(title, /Northwind Robotics/);
  await page.getByText('Scheduled', { exact: true }).first().waitFor();
  const team = page.getByRole('list', { name: 'Poblysh team' });
  await team.getByText('Alice Martin').waitFor();
  assert.match(await team.getByRole('listitem').first().innerText(), /Primary/);
  const invited = page.getByRole('list', { name: 'Guests' });
  await invited.getByText('Zoe Park').waitFor();
  assert.match(await invited.innerText(), /Investor · Acme Ventures/);
  assert.match(await invited.innerText(), /Invitation sent/);
  const asked = page.getByRole('list', { name: 'Questions' }).getByRole('listitem');
  assert.match(await asked.nth(0).innerText(), /first ten customers/);
  const rendered = page.getByRole('region', { name: 'Preparation notes' }).getByText('Ask about churn');
  assert.equal(await rendered.evaluate((element) => element.tagName), 'STRONG');
  await page.getByText(/Meeting time · Europe\/London \(GMT/).waitFor();
  await page.getByText(/Your time · Europe\/Berlin \(GMT\+1\)$/).waitFor();
  assert.ok((await page.getByRole('list', { name: 'History' }).getByRole('listitem').count()) >= 5);
  await screenshots(page, 'interview');

  // The list and its filters; the startup page lists it; the draft is no longer remembered.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Interviews' }).click();
  const table = page.getByRole('table', { name: 'Interviews' });
  await table.getByRole('link', { name: title }).waitFor();
  await screenshots(page, 'interviews');
  await page.getByLabel('Startup').selectOption({ label: 'Northwind Robotics' });
  await page.getByLabel('Status').selectOption('cancelled');
  await page.getByText('No interviews match these filters.').waitFor();
  await page.getByLabel('Status').selectOption('scheduled');
  await page.getByLabel('Team member').selectOption({ label: 'Alice Martin' });
  await table.getByRole('link', { name: title }).waitFor();
  assert.equal(await table.getByRole('row').count(), 2, 'the header and our interview');
  await page.goto('/startups');
  await page.getByRole('link', { name: 'Northwind Robotics' }).click();
  await page.getByRole('list', { name: 'Interviews with this startup' }).getByText('Scheduled').waitFor();
  await openWizard(page);
  await expectStep(page, 'Startup & contact');
  assert.equal(await wizard(page).getByRole('radio', { checked: true }).count(), 0, 'a new interview starts afresh');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the Cal.com page shows the sandbox and the health checks', async () => {
  const page = await suite.page();
  await signIn(page, ADMIN);
  await page.getByRole('link', { name: 'Cal.com' }).click();
  await page.getByRole('heading', { name: 'Cal.com integration' }).waitFor();
  await page.getByText('Connected and working').waitFor();
  await page.getByRole('note').getByText(/Sandbox/).waitFor();
  await page.getByRole('list', { name: 'Checks' }).getByText('Sign-in with the API key').waitFor();
  await screenshots(page, 'calcom');
  await page.context().close();
});
