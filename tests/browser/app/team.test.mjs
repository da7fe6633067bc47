import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, MEMBER, apiFromPage, screenshots, serviceAndBrowser, signIn } from './harness.mjs';

const suite = serviceAndBrowser();

const table = (page) => page.getByRole('table', { name: 'Team members' });

test('an admin adds a team member, with the bad email named next to its field', async () => {
  const page = await suite.page();
  await signIn(page, ADMIN);
  await page.getByRole('link', { name: 'Team' }).click();
  await table(page).getByText('Alice Martin').waitFor();
  await screenshots(page, 'team-admin');
  const rowsBefore = await table(page).getByRole('row').count();

  await page.getByRole('button', { name: 'Add team member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add team member' });
  await dialog.waitFor();
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  await dialog.getByLabel('Name', { exact: true }).fill('Gita Sharma');
  await dialog.getByLabel('Email', { exact: true }).fill('gita@@poblysh');
  await dialog.getByLabel('Role').fill('Analyst');
  await dialog.getByRole('button', { name: 'Add team member' }).click();
  const email = dialog.getByLabel('Email', { exact: true });
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  const describedBy = await email.getAttribute('aria-describedby');
  assert.match(await page.locator(`#${describedBy}`).innerText(), /valid email address/);
  await screenshots(page, 'team-add-invalid');

  // The server's own check is shown the same way (a duplicate email).
  await email.fill('alice@poblysh.test');
  await dialog.getByRole('button', { name: 'Add team member' }).click();
  await dialog.getByRole('alert').waitFor();
  assert.equal(await dialog.isVisible(), true);

  await email.fill('gita@poblysh.example');
  await dialog.getByLabel('Cal.com username').fill('gita-analyst');
  await dialog.getByRole('button', { name: 'Add team member' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('Gita Sharma was added to the team.').waitFor();
  await table(page).getByText('Gita Sharma').waitFor();
  assert.equal(await table(page).getByRole('row').count(), rowsBefore + 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an admin edits and deactivates a member; Escape closes a dialog', async () => {
  const page = await suite.page();
  await signIn(page, ADMIN);
  await page.goto('/team');
  await page.getByRole('button', { name: 'Edit Chloé Dubois' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Chloé Dubois' });
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'Edit Chloé Dubois' }).click();
  await dialog.getByLabel('Role').fill('Senior Analyst');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await dialog.waitFor({ state: 'detached' });
  await table(page).getByRole('cell', { name: 'Senior Analyst' }).waitFor();

  await page.getByRole('button', { name: 'Deactivate Chloé Dubois' }).click();
  const confirm = page.getByRole('dialog', { name: 'Deactivate Chloé Dubois?' });
  await confirm.getByRole('button', { name: 'Deactivate' }).click();
  await confirm.waitFor({ state: 'detached' });
  await page.waitForFunction(() => !document.querySelector('table')?.textContent?.includes('Chloé Dubois'));
  await page.getByLabel('Show').selectOption('false');
  await table(page).getByText('Chloé Dubois').waitFor();
  await page.context().close();
});

test('a member sees the team but no add or edit controls, and the API refuses them', async () => {
  const page = await suite.page();
  await signIn(page, MEMBER);
  await page.goto('/team');
  await table(page).getByText('Alice Martin').waitFor();
  await screenshots(page, 'team-member');
  assert.equal(await page.getByRole('button', { name: 'Add team member' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: /^Edit / }).count(), 0);
  assert.equal(await page.getByRole('button', { name: /^Deactivate / }).count(), 0);
  await page.getByText('Only admins can add or change team members.').waitFor();

  const session = await apiFromPage(page, 'GET', '/api/v1/session');
  const csrf = session.json.csrf_token;
  assert.ok(csrf);
  const created = await apiFromPage(page, 'POST', '/api/v1/team-members',
    { name: 'Sneaky', email: 'sneaky@poblysh.example', role: 'Editor' }, csrf);
  assert.equal(created.status, 403);
  await page.reload();
  await table(page).getByText('Alice Martin').waitFor();
  assert.equal(await table(page).getByText('Sneaky').count(), 0);
  await page.context().close();
});
