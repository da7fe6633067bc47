// The wizard as a busy person meets it: nothing typed is dropped by Next, no warning before
// anything was tried, focus on each step's heading, plain words for unknown availability, a
// review of everything that will be sent, and steps that are done and locked after Send.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, apiFromPage, serviceAndBrowser, signIn, focused } from './harness.mjs';

const suite = serviceAndBrowser({ calcom: true });

const wizard = (page) => page.getByRole('dialog', { name: 'Schedule interview with Northwind Robotics' });
const stepHeading = (page, n, label) => wizard(page).getByRole('heading', { level: 3, name: `Step ${n} of 6: ${label}` });

/** Headings inside the dialog never skip a level on the way down. */
async function headingsInOrder(page) {
  const levels = await wizard(page).evaluate((dialog) =>
    [...dialog.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((heading) => Number(heading.tagName[1])),
  );
  for (let i = 1; i < levels.length; i++) {
    assert.ok(levels[i] <= levels[i - 1] + 1, `heading levels ${levels.join(',')} skip one`);
  }
}

/** The definition after a term of the review's summary list. */
const fact = (page, term) =>
  wizard(page).getByLabel('Interview summary').getByRole('term').filter({ hasText: term })
    .locator('xpath=following-sibling::dd[1]');
const minutesOf = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

test('Next keeps what was typed, warnings wait for an attempt, the review shows all, Send locks the steps', async () => {
  const page = await suite.page();
  await signIn(page, ADMIN);
  // Someone whose Cal.com username Cal.com does not know: their availability is unknown.
  const { json: session } = await apiFromPage(page, 'GET', '/api/v1/session');
  const nina = await apiFromPage(page, 'POST', '/api/v1/team-members',
    { name: 'Nina Nowhere', email: 'nina@poblysh.example', role: 'Editor', calcom_username: 'nina-not-on-calcom' }, session.csrf_token);
  assert.ok(nina.status < 300, JSON.stringify(nina.json));

  await page.getByRole('link', { name: 'Northwind Robotics' }).click();
  await page.getByRole('heading', { name: 'Northwind Robotics', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Schedule Interview' }).click();
  const dialog = wizard(page);
  const next = dialog.getByRole('button', { name: 'Next' });

  // Step 1 opens on its heading, below the dialog's title, and warns of nothing yet.
  await dialog.getByRole('heading', { level: 2, name: 'Schedule interview with Northwind Robotics' }).waitFor();
  await focused(page, stepHeading(page, 1, 'Startup & contact'), 'the step 1 heading');
  await headingsInOrder(page);
  // At 1280 px every step's label is shown whole, not cut with an ellipsis.
  const cut = await dialog.getByRole('list', { name: 'Steps' }).evaluate((list) =>
    [...list.querySelectorAll('.steps__label')].filter((label) => label.scrollWidth > label.clientWidth).map((label) => label.textContent));
  assert.deepEqual(cut, []);
  const chooseContact = dialog.getByText('Choose a contact at the startup, or add one.');
  assert.equal(await chooseContact.count(), 0, 'no warning on arrival');
  assert.equal(await next.isEnabled(), true);
  // Next without a contact says why beside the choice and moves there.
  const contactGroup = dialog.getByRole('group', { name: 'Contact at Northwind Robotics' });
  await contactGroup.getByRole('radio').first().waitFor();
  await next.click();
  await contactGroup.getByText('Choose a contact at the startup, or add one.').waitFor();
  await focused(page, contactGroup.getByRole('radio').first(), 'the first contact');

  // A half-filled new contact is not dropped: Next stops at its missing email, then saves it.
  await dialog.getByRole('button', { name: 'Add a new contact' }).click();
  const form = dialog.getByRole('group', { name: 'New contact' });
  await headingsInOrder(page);
  await form.getByLabel('Name', { exact: true }).fill('Hal Half');
  await next.click();
  await form.getByText('Enter an email address.').waitFor();
  await focused(page, form.getByLabel('Email', { exact: true }), 'the new contact’s email');
  await stepHeading(page, 1, 'Startup & contact').waitFor();
  await form.getByLabel('Email', { exact: true }).fill('hal@northwind.example');
  await next.click();

  // Step 2: focus on its heading; unknown availability in plain words with what an admin can do.
  await focused(page, stepHeading(page, 2, 'Team'), 'the step 2 heading');
  assert.equal(await dialog.getByText('Choose a primary interviewer.').count(), 0, 'no warning on arrival');
  const ninaRow = dialog.getByRole('listitem').filter({ hasText: 'Nina Nowhere' });
  await ninaRow.getByText('Cal.com could not read their calendar. An admin can check their Cal.com username on the Team page.').waitFor();
  await ninaRow.getByText('Availability unknown', { exact: true }).waitFor();
  const graceRow = dialog.getByRole('listitem').filter({ hasText: 'Grace Holm' });
  await graceRow.getByText('No Cal.com username is set. An admin can add one on the Team page.').waitFor();
  const aliceRow = dialog.getByRole('listitem').filter({ hasText: 'Alice Martin' });
  assert.match(await aliceRow.getByText(/free time/).innerText(), /^(1 free time|\d+ free times)$/);
  assert.equal(await dialog.getByText(/\b1 free times\b|free slots/).count(), 0, 'one word, singular for one');
  await dialog.getByRole('radio', { name: 'Primary interviewer: Alice Martin' }).check();
  await next.click();

  // Step 3: no warning on arrival; Next says what is missing and moves to it.
  await focused(page, stepHeading(page, 3, 'Booking type'), 'the step 3 heading');
  const typeGroup = dialog.getByRole('group', { name: 'Booking type' });
  await typeGroup.getByRole('radio').first().waitFor();
  assert.equal(await dialog.getByText('Choose a booking type.').count(), 0, 'no warning on arrival');
  await next.click();
  await typeGroup.getByText('Choose a booking type.').waitFor();
  await focused(page, typeGroup.getByRole('radio').first(), 'the first booking type');
  await dialog.getByRole('radio', { name: /^Founder interview 30 min/ }).check();
  await dialog.getByRole('checkbox', { name: 'Use a custom duration' }).check();
  await dialog.getByLabel('Duration in minutes').fill('45');
  const times = dialog.getByRole('radiogroup', { name: /^Free times on/ });
  await times.getByRole('radio').first().waitFor();
  await next.click();
  await dialog.getByRole('group', { name: 'Time' }).getByText('Pick a time when the whole team is free.').waitFor();
  assert.ok(await dialog.getByRole('group', { name: 'Time' }).evaluate((group) => group.contains(document.activeElement)),
    'the focus is on the time choice');
  await times.getByRole('radio').first().check();
  await next.click();

  // Step 4: a typed guest with a bad email stops Next beside the field; a good one is added by Next.
  await focused(page, stepHeading(page, 4, 'Guests'), 'the step 4 heading');
  const email = dialog.getByLabel('Guest email');
  // The contacts search lines up with the fields of the form below it.
  const search = await dialog.getByRole('searchbox', { name: 'Search contacts' }).boundingBox();
  const company = await dialog.getByLabel('Guest company').boundingBox();
  const emailBox = await email.boundingBox();
  assert.ok(Math.abs(search.x - emailBox.x) <= 1 && Math.abs(search.x + search.width - (company.x + company.width)) <= 1,
    'the search spans the form’s columns');
  await email.fill('gil@');
  await dialog.getByLabel('Guest name').fill('Gil Guest');
  await next.click();
  await dialog.getByText('Enter a valid email address, like name@example.com.').waitFor();
  await focused(page, email, 'the guest email');
  assert.equal(await stepHeading(page, 4, 'Guests').count(), 1, 'still on the guests step');
  await email.fill('gil@example.org');
  await next.click();

  // Step 5: notes with a heading and emphasis, two questions, another zone than the viewer's.
  await focused(page, stepHeading(page, 5, 'Details'), 'the step 5 heading');
  await dialog.getByRole('textbox', { name: /Preparation notes/ }).fill('## Plan\n\nAsk about **churn**.');
  // The formatting toolbar is the top edge of its textarea, as wide as it.
  const area = await dialog.getByRole('textbox', { name: /Preparation notes/ }).boundingBox();
  const tools = await dialog.getByRole('group', { name: 'Formatting' }).boundingBox();
  assert.ok(Math.abs(tools.y + tools.height - area.y) <= 1 && Math.abs(tools.width - area.width) <= 1,
    `toolbar ${JSON.stringify(tools)} is attached to the notes ${JSON.stringify(area)}`);
  const question = dialog.getByLabel('New question');
  await question.fill('Who is your first customer?');
  await question.press('Enter');
  // The second is typed but not added: Next keeps it.
  await question.fill('What would you do with twice the team?');
  await dialog.getByLabel('Meeting time zone').selectOption('Europe/London');
  await next.click();

  // Step 6: everything that will be sent.
  await focused(page, stepHeading(page, 6, 'Confirm'), 'the step 6 heading');
  const meeting = (await fact(page, 'When (meeting time)').innerText()).trim();
  const yours = (await fact(page, 'When (your time)').innerText()).trim();
  const [, mStart, mEnd] = meeting.match(/(\d{2}:\d{2}) – (\d{2}:\d{2}) Europe\/London \(GMT[^)]*\)/) ?? [];
  const [, yStart, yEnd] = yours.match(/(\d{2}:\d{2}) – (\d{2}:\d{2}) Europe\/Berlin \(GMT[^)]*\)/) ?? [];
  assert.ok(mStart && yStart, `start and end in both zones: "${meeting}" / "${yours}"`);
  assert.equal(minutesOf(mEnd) - minutesOf(mStart), 45, 'the meeting lasts the custom 45 minutes');
  assert.equal(minutesOf(yStart) - minutesOf(mStart), 60, 'Berlin is an hour ahead of London');
  assert.equal(minutesOf(yEnd) - minutesOf(mEnd), 60);
  assert.equal((await fact(page, 'Duration').innerText()).trim(), '45 min');
  assert.equal((await fact(page, 'Contact').innerText()).trim(), 'Hal Half (hal@northwind.example)');
  assert.equal((await fact(page, 'Primary interviewer').innerText()).trim(), 'Alice Martin, Editor');
  const invited = dialog.getByRole('list', { name: 'Guests to invite' }).getByRole('listitem');
  assert.deepEqual(await invited.allInnerTexts(), ['Gil Guest (gil@example.org)']);
  const notes = dialog.getByRole('region', { name: 'Preparation notes' });
  await notes.getByRole('heading', { level: 5, name: 'Plan' }).waitFor();
  assert.equal(await notes.getByText('churn').evaluate((element) => element.tagName), 'STRONG');
  const asked = dialog.getByRole('list', { name: 'Custom questions to ask' }).getByRole('listitem');
  assert.deepEqual(await asked.allInnerTexts(), ['Who is your first customer?', 'What would you do with twice the team?']);
  await headingsInOrder(page);

  // Before Send the done steps can be revisited; after it, nothing is editable and all are done.
  const steps = dialog.getByRole('list', { name: 'Steps' });
  assert.equal(await steps.getByRole('button').count(), 5);
  // The main action sits bottom-right, as Next does on the other steps.
  const bottomRight = async (button) => {
    const [box, frame] = [await button.boundingBox(), await dialog.boundingBox()];
    return frame.x + frame.width - (box.x + box.width) < 40 && frame.y + frame.height - (box.y + box.height) < 40;
  };
  assert.ok(await bottomRight(dialog.getByRole('button', { name: 'Send invitation' })), 'Send invitation is bottom-right');
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await dialog.getByText('Invitation sent.').waitFor({ timeout: 30_000 });
  await dialog.getByText('1 guest was invited', { exact: false }).waitFor();
  assert.equal(await steps.getByRole('button').count(), 0, 'no step can be reopened after Send');
  assert.equal(await dialog.getByRole('button', { name: 'Back' }).count(), 0);
  assert.equal(await dialog.getByRole('button', { name: 'Next' }).count(), 0);
  const open = dialog.getByRole('button', { name: 'Open interview' });
  await focused(page, open, 'Open interview, after Send');
  assert.ok(await bottomRight(open), 'Open interview is bottom-right');
  for (const item of await steps.getByRole('listitem').all()) {
    assert.match(await item.innerText(), /✓[\s\S]*\(done\)/, 'every step shows its check');
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
