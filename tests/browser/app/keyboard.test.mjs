// The whole wizard with the keyboard only: Tab, Shift+Tab, Space, Enter and the arrow keys, from
// "Schedule Interview" to "Send invitation", without a single mouse click.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, serviceAndBrowser, signIn } from './harness.mjs';

const suite = serviceAndBrowser({ calcom: true });

const focused = (locator) => locator.evaluate((element) => element === document.activeElement).catch(() => false);

/** Presses Tab (or Shift+Tab) until `locator` has the focus. */
async function tabTo(page, locator, { back = false, max = 80 } = {}) {
  await locator.waitFor();
  for (let i = 0; i < max; i++) {
    if (await focused(locator)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  const where = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  assert.fail(`${back ? 'Shift+Tab' : 'Tab'} did not reach ${locator}; the focus is on ${where}`);
}

/** Tabs into a radio group (at `first`) and moves with the arrow keys until `target` is checked. */
async function arrowTo(page, first, target) {
  await tabTo(page, first);
  const start = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id);
  if (!(await target.isChecked())) await page.keyboard.press('Space');
  for (let i = 0; i < 30 && !(await target.isChecked()); i++) await page.keyboard.press('ArrowDown');
  assert.equal(await target.isChecked(), true, `arrow keys from ${start} did not reach the choice`);
  assert.equal(await focused(target), true);
}

test('the wizard can be completed with the keyboard alone', async () => {
  const page = await suite.page();
  await signIn(page, ADMIN);
  await page.getByRole('link', { name: 'Northwind Robotics' }).click();
  await page.getByRole('heading', { name: 'Northwind Robotics', level: 1 }).waitFor();
  let clicks = 0;
  await page.exposeFunction('countClick', () => clicks++);
  await page.evaluate(() =>
    document.addEventListener('mousedown', () => window.countClick(), true),
  );

  const open = page.getByRole('button', { name: 'Schedule Interview' });
  await tabTo(page, open);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Schedule interview with Northwind Robotics' });
  const heading = (label) => dialog.getByRole('heading', { name: new RegExp(`Step \\d of 6: ${label}`) });
  const next = dialog.getByRole('button', { name: 'Next' });
  await heading('Startup & contact').waitFor();

  // Step 1: a new contact through the form.
  await tabTo(page, dialog.getByRole('button', { name: 'Add a new contact' }));
  await page.keyboard.press('Enter');
  const form = dialog.getByRole('group', { name: 'New contact' });
  await tabTo(page, form.getByLabel('Name', { exact: true }));
  await page.keyboard.type('Kai Keys');
  await tabTo(page, form.getByLabel('Email', { exact: true }));
  await page.keyboard.type('kai@northwind.example');
  await tabTo(page, form.getByRole('button', { name: 'Save contact' }));
  await page.keyboard.press('Enter');
  await form.waitFor({ state: 'detached' });
  assert.equal(await dialog.getByRole('radio', { name: /Kai Keys/ }).isChecked(), true);
  await tabTo(page, next);
  await page.keyboard.press('Enter');

  // Step 2: the primary interviewer with Space and the arrow keys; someone joins with Space.
  await heading('Team').waitFor();
  await arrowTo(page, dialog.locator('input[name="wizard-primary"]').first(),
    dialog.getByRole('radio', { name: 'Primary interviewer: Alice Martin' }));
  const grace = dialog.getByRole('checkbox', { name: 'Joins: Grace Holm' });
  await tabTo(page, grace);
  await page.keyboard.press('Space');
  assert.equal(await grace.isChecked(), true);
  await tabTo(page, next);
  await page.keyboard.press('Enter');

  // Step 3: the event type and a free time, both radio groups.
  await heading('Booking type').waitFor();
  await arrowTo(page, dialog.locator('input[type="radio"]').first(), dialog.getByRole('radio', { name: /^Founder interview 30 min/ }));
  const times = dialog.getByRole('radiogroup', { name: /^Free times on/ });
  await times.getByRole('radio').first().waitFor();
  await tabTo(page, times.getByRole('radio').first());
  await page.keyboard.press('Space');
  assert.equal(await times.getByRole('radio').first().isChecked(), true);
  await tabTo(page, next);
  await page.keyboard.press('Enter');

  // Step 4: a guest typed in, added with Enter.
  await heading('Guests').waitFor();
  await tabTo(page, dialog.getByLabel('Guest email'));
  await page.keyboard.type('kim@example.org');
  await page.keyboard.press('Enter');
  await dialog.getByRole('list', { name: 'Guests' }).getByText('kim@example.org').first().waitFor();
  await tabTo(page, next);
  await page.keyboard.press('Enter');

  // Step 5: a question, then back to Next with Shift+Tab.
  await heading('Details').waitFor();
  await tabTo(page, dialog.getByLabel('New question'));
  await page.keyboard.type('What would you build with twice the team?');
  await page.keyboard.press('Enter');
  await dialog.getByRole('list', { name: 'Custom questions' }).getByText(/twice the team/).waitFor();
  await tabTo(page, next, { back: true });
  await page.keyboard.press('Enter');

  // Step 6: send.
  await heading('Confirm').waitFor();
  await tabTo(page, dialog.getByRole('button', { name: 'Send invitation' }));
  await page.keyboard.press('Enter');
  await dialog.getByText('Invitation sent.').waitFor({ timeout: 30_000 });
  await tabTo(page, dialog.getByRole('button', { name: 'Open interview' }));
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/interviews\/\d+$/);
  await page.getByRole('list', { name: 'Guests' }).getByText('kim@example.org').first().waitFor();

  assert.equal(clicks, 0, 'no mouse was used');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
