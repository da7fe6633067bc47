// axe-core on every page and every wizard step, at 1280×800 and at 390×844: no serious or
// critical violation, and headings that never skip a level on the way down. Each scanned state is also saved as a screenshot (build/artifacts/
// screenshots/a11y-*.png) to be looked at.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { ADMIN, DESKTOP, PHONE, SCREENSHOTS, newPage, northwindBooking, serviceAndBrowser, signIn } from './harness.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const suite = serviceAndBrowser({ calcom: true });
// The app's Content-Security-Policy (script-src 'self') would refuse the injected axe script.
const openPage = () => newPage(suite.browser, suite.service, DESKTOP, { bypassCSP: true });

/** The serious and critical violations axe finds in the page as it is now. */
async function violations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The heading levels of the open dialog, else of the page, when one skips a level on the way down. */
async function headingSkips(page) {
  const levels = await page.evaluate(() => {
    const root = document.querySelector('dialog[open]') ?? document.body;
    return [...root.querySelectorAll('h1, h2, h3, h4, h5, h6')]
      .filter((heading) => heading.getClientRects().length > 0)
      .map((heading) => Number(heading.tagName[1]));
  });
  return levels.some((level, i) => i > 0 && level > levels[i - 1] + 1) ? levels.join(',') : null;
}

/**
 * Scans the page at both sizes (back at desktop after), saves a screenshot at each, and adds
 * what axe found to `problems` (asserted empty at the end, so one run lists every page's).
 */
async function scan(page, name, problems) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [label, size] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(200);
    // A modal dialog fills the viewport and scrolls inside: a full-page shot would show the page below it.
    const modal = await page.evaluate(() => document.querySelector('dialog[open]') !== null);
    await page.screenshot({ path: path.join(SCREENSHOTS, `a11y-${name}-${label}.png`), fullPage: !modal });
    const skips = await headingSkips(page);
    if (skips) problems.push(`${name} ${label}: heading levels skip one: ${skips}`);
    for (const v of await violations(page)) problems.push(`${name} ${label}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.slice(0, 4).join(', ')}`);
  }
  await page.setViewportSize(DESKTOP);
}

const none = (problems) => assert.deepEqual(problems, [], `axe found\n${problems.join('\n')}`);

test('every page has no serious or critical axe violation at either size', async () => {
  const page = await openPage();
  const problems = [];
  await page.goto('/startups');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await scan(page, 'sign-in', problems);

  await signIn(page, ADMIN);
  await page.getByRole('heading', { name: 'Startups', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Northwind Robotics' }).waitFor();
  await scan(page, 'startups', problems);

  const booked = await northwindBooking(page, { name: 'Ada Axe', email: 'ada.lovelace-axe@northwind-robotics.example' });
  await page.goto(`/interviews/${booked.id}`);
  await page.getByRole('heading', { level: 1, name: booked.title }).waitFor();
  await page.getByRole('heading', { name: 'History' }).waitFor();
  await scan(page, 'interview', problems);

  await page.getByRole('button', { name: 'Cancel interview…' }).click();
  await page.getByRole('dialog', { name: 'Cancel this interview?' }).waitFor();
  await scan(page, 'interview-cancel', problems);
  await page.getByRole('button', { name: 'Keep the interview' }).click();

  await page.goto('/interviews');
  await page.getByRole('table', { name: 'Interviews' }).waitFor();
  await scan(page, 'interviews', problems);

  // The demo's confirmed interview: Join, guests, and preparation notes with their own headings.
  await page.getByLabel('When').selectOption('all');
  await page.getByRole('link', { name: 'Northwind Robotics — founder interview' }).click();
  await page.getByRole('link', { name: /^Join meeting/ }).waitFor();
  await page.getByRole('heading', { name: 'Preparation notes' }).waitFor();
  await scan(page, 'interview-confirmed', problems);

  await page.goto('/team');
  await page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
  await page.getByText('Alice Martin').first().waitFor();
  await scan(page, 'team', problems);

  await page.goto('/integrations/calcom');
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Recent emails' }).waitFor();
  await scan(page, 'calcom-admin', problems);

  await page.goto('/nowhere');
  await page.getByRole('heading', { level: 1 }).waitFor();
  await scan(page, 'not-found', problems);
  none(problems);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('every wizard step, and the sent invitation, has no serious or critical axe violation', async () => {
  const page = await openPage();
  const problems = [];
  await signIn(page, ADMIN);
  await page.getByRole('link', { name: 'Northwind Robotics' }).click();
  await page.getByRole('heading', { name: 'Northwind Robotics', level: 1 }).waitFor();
  await scan(page, 'startup', problems);

  await page.getByRole('button', { name: 'Schedule Interview' }).click();
  const dialog = page.getByRole('dialog', { name: 'Schedule interview with Northwind Robotics' });
  const heading = (n, label) => dialog.getByRole('heading', { level: 3, name: `Step ${n} of 6: ${label}` });
  const next = dialog.getByRole('button', { name: 'Next' });

  await heading(1, 'Startup & contact').waitFor();
  const contacts = dialog.getByRole('group', { name: 'Contact at Northwind Robotics' });
  await contacts.getByRole('radio').first().check();
  await scan(page, 'wizard-1', problems);
  await next.click();

  await heading(2, 'Team').waitFor();
  await dialog.getByRole('radio', { name: 'Primary interviewer: Alice Martin' }).check();
  await dialog.getByText(/free times? when everyone/).waitFor();
  await scan(page, 'wizard-2', problems);
  await next.click();

  await heading(3, 'Booking type').waitFor();
  await dialog.getByRole('radio', { name: /^Founder interview 30 min/ }).check();
  const times = dialog.getByRole('radiogroup', { name: /^Free times on/ });
  await times.getByRole('radio').first().check();
  await scan(page, 'wizard-3', problems);
  await next.click();

  await heading(4, 'Guests').waitFor();
  await dialog.getByLabel('Guest email').fill('kim.long-address@research-partners.example.org');
  await dialog.getByRole('button', { name: 'Add guest' }).click();
  await dialog.getByRole('list', { name: 'Guests' }).getByText('kim.long-address@research-partners.example.org').first().waitFor();
  await scan(page, 'wizard-4', problems);
  await next.click();

  await heading(5, 'Details').waitFor();
  await dialog.getByLabel('New question').fill('What would you build with twice the team?');
  await dialog.getByRole('button', { name: 'Add question' }).click();
  await scan(page, 'wizard-5', problems);
  await next.click();

  await heading(6, 'Confirm').waitFor();
  await dialog.getByLabel('Interview summary').waitFor();
  await scan(page, 'wizard-6', problems);
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await dialog.getByText('Invitation sent.').waitFor({ timeout: 30_000 });
  await scan(page, 'wizard-6-sent', problems);
  none(problems);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
