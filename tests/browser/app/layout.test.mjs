// Layout and focus as a busy person meets them: every dialog opens on its title; the top
// navigation fits a phone behind a menu button; the interview list shows upcoming meetings
// first; the interview page keeps "Cancel interview…" away from Join, wraps long emails and
// shows history times in the viewer's zone; the wizard's steps read done / current / upcoming
// and its main action sits bottom-right on every step.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, DESKTOP, PHONE, apiCaller, northwindBooking, screenshots, serviceAndBrowser, signIn, focused } from './harness.mjs';

const suite = serviceAndBrowser({ calcom: true });

/** Opens a dialog with `opener`: the focus is on its title, headings go down one level at a time, Escape returns. */
async function opensOnTitle(page, opener, title) {
  await opener.click();
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  await focused(page, dialog.getByRole('heading', { name: title }), `the title of "${title}"`);
  const levels = await dialog.evaluate((d) => [...d.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1])));
  assert.equal(levels[0], 2, `"${title}" opens with an h2 below the page's h1`);
  for (let i = 1; i < levels.length; i++) assert.ok(levels[i] <= levels[i - 1] + 1, `"${title}": heading levels ${levels} skip one`);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await focused(page, opener, `the opener of "${title}"`);
}

const box = (locator) => locator.boundingBox();

test('dialogs open on their title, not on Close or a field', async () => {
  const page = await suite.page();
  await signIn(page, ADMIN);
  const booked = await northwindBooking(page, { name: 'Dina Dialog', email: 'dina@northwind.example' });
  await page.goto(`/interviews/${booked.id}`);
  await page.getByRole('heading', { level: 1, name: booked.title }).waitFor();
  await opensOnTitle(page, page.getByRole('button', { name: 'Reschedule…' }), 'Reschedule this interview');
  await opensOnTitle(page, page.getByRole('button', { name: 'Edit guests and team…' }), 'Guests and team');
  await opensOnTitle(page, page.getByRole('button', { name: 'Cancel interview…' }), 'Cancel this interview?');

  await page.goto('/interviews?when=past');
  await page.getByRole('link', { name: 'Tidewater Analytics — deep dive' }).click();
  await opensOnTitle(page, page.getByRole('button', { name: 'Mark outcome…' }), 'Mark the outcome');

  await page.goto('/startups');
  await opensOnTitle(page, page.getByRole('button', { name: 'Add startup' }), 'Add startup');
  await page.goto('/team');
  await opensOnTitle(page, page.getByRole('button', { name: 'Add team member' }), 'Add team member');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('at phone width the navigation sits behind a menu button that Escape closes', async () => {
  const page = await suite.page(PHONE);
  await signIn(page, ADMIN);
  const menu = page.getByRole('button', { name: 'Menu' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  const team = nav.getByRole('link', { name: 'Team' });
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  assert.equal(await team.isVisible(), false, 'the links are folded away');
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  assert.ok(await fits(), 'the top bar fits 390 px');

  await menu.click();
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await team.waitFor();
  assert.equal(await nav.getByRole('link').count(), 4);
  await team.focus();
  await page.keyboard.press('Escape');
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  await team.waitFor({ state: 'hidden' });
  await focused(page, menu, 'the menu button');

  await menu.click();
  await team.click();
  await page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
  assert.equal(await menu.getAttribute('aria-expanded'), 'false', 'following a link folds the menu');
  assert.ok(await fits());

  await page.setViewportSize(DESKTOP);
  assert.equal(await menu.isVisible(), false, 'no menu button at 1280 px');
  assert.equal(await team.isVisible(), true);
  await page.context().close();
});

test('the interview list shows upcoming meetings first, the next at the top, and the past on request', async () => {
  const page = await suite.page();
  await signIn(page, ADMIN);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Interviews' }).click();
  const table = page.getByRole('table', { name: 'Interviews' });
  await table.waitFor();
  assert.equal(await page.getByLabel('When').inputValue(), 'upcoming');
  const starts = async () => {
    await page.waitForFunction(() => document.querySelector('table[aria-label="Interviews"]')?.getAttribute('aria-busy') === 'false');
    return page.evaluate(async () => {
      const rows = await (await fetch(`/api/v1/interviews${location.search || '?when=upcoming'}`)).json();
      return rows.items.map((row) => ({ title: row.title, start: row.start_time, end: row.end_time }));
    });
  };
  const upcoming = await starts();
  assert.ok(upcoming.length >= 3, JSON.stringify(upcoming));
  const shown = await table.getByRole('row').filter({ has: page.getByRole('cell') }).getByRole('link').allInnerTexts();
  assert.deepEqual(shown, upcoming.map((row) => row.title), 'the table shows the API’s order');
  for (let i = 1; i < upcoming.length; i++) assert.ok(upcoming[i - 1].start <= upcoming[i].start, 'the next meeting first');
  for (const row of upcoming) assert.ok(Date.parse(row.end) > Date.now(), `${row.title} is not over`);
  assert.equal(await table.getByRole('link', { name: 'Tidewater Analytics — deep dive' }).count(), 0, 'a past meeting is not shown');

  await page.getByLabel('When').selectOption('past');
  await table.getByRole('link', { name: 'Tidewater Analytics — deep dive' }).waitFor();
  assert.match(page.url(), /when=past/);
  const past = await starts();
  for (let i = 1; i < past.length; i++) assert.ok(past[i - 1].start >= past[i].start, 'the latest past meeting first');
  for (const row of past) assert.ok(Date.parse(row.end) <= Date.now(), `${row.title} is over`);

  // Filter labels share one baseline.
  const tops = await page.getByRole('search', { name: 'Filter interviews' }).evaluate((form) =>
    [...form.querySelectorAll('.field label')].map((label) => Math.round(label.getBoundingClientRect().bottom)));
  assert.equal(new Set(tops).size, 1, `label bottoms ${tops}`);
  await page.context().close();
});

test('the interview page: Cancel apart from Join, emails that wrap, history in the viewer’s zone', async () => {
  const page = await suite.page(PHONE);
  await signIn(page, ADMIN);
  const booked = await northwindBooking(page, {
    name: 'Wanda Wrap', email: 'wanda.wilhelmina.wrap-around@northwind-robotics-research.example',
  });
  await page.goto(`/interviews/${booked.id}`);
  await page.getByRole('heading', { level: 1, name: booked.title }).waitFor();
  const history = page.getByRole('list', { name: 'History' });
  const scheduled = history.getByRole('listitem').filter({ hasText: 'Scheduled' });
  const detail = await scheduled.innerText();
  assert.doesNotMatch(detail, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'no raw ISO time in the history');
  const when = await page.getByRole('definition').first().innerText();
  assert.ok(detail.includes(when.split(' – ')[0]), `the history says the start as the page does: ${detail} / ${when}`);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'nothing overflows 390 px');

  // The demo's confirmed interview has a Join link.
  await page.goto('/interviews?when=all');
  await page.getByRole('link', { name: 'Northwind Robotics — founder interview' }).click();
  const join = page.getByRole('link', { name: /^Join meeting/ });
  const cancel = page.getByRole('button', { name: 'Cancel interview…' });
  await join.waitFor();
  await screenshots(page, 'layout-interview-join');
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    const [j, c] = [await box(join), await box(cancel)];
    const others = await page.locator('.page__actions > .button').evaluateAll((buttons) =>
      Math.max(...buttons.map((b) => b.getBoundingClientRect().bottom)));
    assert.ok(c.y - others >= 24, `at ${size.width} px Cancel is set apart (${c.y - others} px below the last action)`);
    assert.ok(c.width < j.width * 0.75, `at ${size.width} px Cancel is not as wide as Join (${c.width} vs ${j.width})`);
  }
  await page.context().close();
});

test('the wizard’s steps read done, current and upcoming; the main action is bottom-right on every step', async () => {
  const page = await suite.page();
  await signIn(page, ADMIN);
  // Someone Cal.com does not know: the reason says what an admin can do, in plain words.
  await (await apiCaller(page))('POST', '/api/v1/team-members',
    { name: 'Uma Unknown', email: 'uma@poblysh.example', role: 'Scout', calcom_username: 'uma-not-on-calcom' });
  await page.getByRole('link', { name: 'Northwind Robotics' }).click();
  await page.getByRole('button', { name: 'Schedule Interview' }).click();
  const dialog = page.getByRole('dialog', { name: 'Schedule interview with Northwind Robotics' });
  const heading = (n, label) => dialog.getByRole('heading', { level: 3, name: `Step ${n} of 6: ${label}` });

  /** The footer's main button is its right-most and lowest, at the dialog's bottom-right corner. */
  const mainBottomRight = async (name) => {
    const [d, main] = [await box(dialog), await box(dialog.getByRole('button', { name, exact: true }))];
    assert.ok(d.x + d.width - (main.x + main.width) <= 32, `${name} at the right edge`);
    assert.ok(d.y + d.height - (main.y + main.height) <= 32, `${name} at the bottom`);
  };
  const looks = () => dialog.getByRole('list', { name: 'Steps' }).evaluate((list) =>
    Object.fromEntries([...list.querySelectorAll('.steps__item')].map((item) => {
      const state = item.className.match(/steps__item--(\w+)/)[1];
      const n = getComputedStyle(item.querySelector('.steps__number'));
      return [state, `${n.backgroundColor}|${n.borderColor}|${n.color}`];
    })));

  await heading(1, 'Startup & contact').waitFor();
  await mainBottomRight('Next');
  await dialog.getByRole('group', { name: 'Contact at Northwind Robotics' }).getByRole('radio').first().check();
  await dialog.getByRole('button', { name: 'Next' }).click();
  await heading(2, 'Team').waitFor();
  const uma = dialog.getByRole('listitem').filter({ hasText: 'Uma Unknown' });
  await uma.getByText('Availability unknown', { exact: true }).waitFor();
  assert.equal(await uma.locator('.availability__reason').innerText(),
    'Cal.com could not read their calendar. An admin can check their Cal.com username on the Team page. '
    + 'Their Cal.com account also needs the “founder-interview” event type.');
  assert.equal(await dialog.getByText(/\(no matching|could not read this person/).count(), 0, 'no raw Cal.com error');
  await mainBottomRight('Next');
  await dialog.getByRole('radio', { name: 'Primary interviewer: Alice Martin' }).check();
  await dialog.getByRole('button', { name: 'Next' }).click();
  await heading(3, 'Booking type').waitFor();
  const states = await looks();
  assert.deepEqual(Object.keys(states).sort(), ['current', 'done', 'todo']);
  assert.equal(new Set(Object.values(states)).size, 3, `done, current and upcoming look alike: ${JSON.stringify(states)}`);
  await mainBottomRight('Next');
  await dialog.getByRole('radio', { name: /^Founder interview 30 min/ }).check();
  await dialog.getByRole('radiogroup', { name: /^Free times on/ }).getByRole('radio').first().check();
  await dialog.getByRole('button', { name: 'Next' }).click();
  await heading(4, 'Guests').waitFor();
  await mainBottomRight('Next');
  await dialog.getByRole('button', { name: 'Next' }).click();
  await heading(5, 'Details').waitFor();
  await mainBottomRight('Next');
  // The formatting toolbar is the top edge of its textarea: no gap between them.
  const [bar, text] = [await box(dialog.getByRole('group', { name: 'Formatting' })), await box(dialog.getByRole('textbox', { name: 'Preparation notes' }))];
  assert.ok(Math.abs(text.y - (bar.y + bar.height)) <= 1 && Math.abs(text.x - bar.x) <= 1, 'the toolbar sits on its textarea');
  await dialog.getByRole('button', { name: 'Next' }).click();
  await heading(6, 'Confirm').waitFor();
  await mainBottomRight('Send invitation');
  for (const size of [PHONE]) {
    await page.setViewportSize(size);
    await mainBottomRight('Send invitation');
  }
  await page.context().close();
});
