import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, MEMBER, screenshots, serviceAndBrowser } from './harness.mjs';

const suite = serviceAndBrowser();

test('an admin signs in, sees the startups, and signs out', async () => {
  const page = await suite.page();
  await page.goto('/startups');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await screenshots(page, 'sign-in');
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Startups', level: 1 }).waitFor();
  const list = page.getByRole('list', { name: 'Startups' });
  await list.getByRole('link', { name: 'Northwind Robotics' }).waitFor();
  assert.equal(await list.getByRole('listitem').count(), 5);
  assert.match(await page.getByRole('banner').innerText(), /Admin/);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor(); // the session is really gone
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a wrong password is refused in plain words and empty fields are named', async () => {
  const page = await suite.page();
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Enter your email address.').waitFor();
  await page.getByText('Enter your password.').waitFor();
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /do not match/);
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
  await page.context().close();
});

test('signing in and moving around works with the keyboard alone', async () => {
  const page = await suite.page();
  await page.goto('/startups');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  // The email field has focus on arrival; no mouse from here on.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'signin-email');
  await page.keyboard.type(MEMBER.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(MEMBER.password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Startups', level: 1 }).waitFor();

  // Tab to the "Team" link in the main navigation and follow it with Enter.
  let reached = false;
  for (let i = 0; i < 15 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.textContent === 'Team');
  }
  assert.ok(reached, 'the Team link can be reached with Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/team');
  await page.context().close();
});

test('a page address survives signing in (client-side routes)', async () => {
  const page = await suite.page();
  await page.goto('/team');
  await page.getByLabel('Email').fill(MEMBER.email);
  await page.getByLabel('Password').fill(MEMBER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
  await page.goto('/no/such/page');
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  await page.context().close();
});
