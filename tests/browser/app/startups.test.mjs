import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MEMBER, screenshots, serviceAndBrowser, signIn } from './harness.mjs';

const suite = serviceAndBrowser();

test('the startup list searches as you type', async () => {
  const page = await suite.page();
  await signIn(page, MEMBER);
  const list = page.getByRole('list', { name: 'Startups' });
  await list.getByRole('link', { name: 'Helio Grid' }).waitFor();
  await screenshots(page, 'startups');

  await page.getByRole('searchbox', { name: 'Search startups' }).pressSequentially('grid');
  await page.waitForFunction(() => document.querySelectorAll('[aria-label="Startups"] > li').length === 1);
  assert.equal(await list.getByRole('link', { name: 'Helio Grid' }).count(), 1);
  assert.match(page.url(), /\?q=grid$/);

  await page.getByRole('searchbox', { name: 'Search startups' }).fill('zzz-no-such-startup');
  await page.getByText('No startups match “zzz-no-such-startup”.').waitFor();
  await page.getByRole('searchbox', { name: 'Search startups' }).fill('');
  await list.getByRole('link', { name: 'Northwind Robotics' }).waitFor();
  assert.equal(await list.getByRole('listitem').count(), 5);
  await page.context().close();
});

test('a startup page shows the description and contacts, and takes a new contact', async () => {
  const page = await suite.page();
  await signIn(page, MEMBER);
  await page.getByRole('link', { name: 'Northwind Robotics' }).click();
  await page.getByRole('heading', { name: 'Northwind Robotics', level: 1 }).waitFor();
  assert.match(new URL(page.url()).pathname, /^\/startups\/\d+$/);
  await page.getByText('Warehouse robots that learn new layouts in a day.').waitFor();
  const contacts = page.getByRole('list', { name: 'Contacts' });
  await contacts.getByText('Lena Fischer').waitFor();
  assert.equal(await contacts.getByRole('listitem').count(), 2);
  await page.getByRole('button', { name: 'Schedule Interview' }).waitFor();
  await screenshots(page, 'startup');

  await page.getByRole('button', { name: 'Add contact' }).click();
  const form = page.getByRole('group', { name: 'New contact' });
  await form.getByLabel('Name', { exact: true }).fill('Ines Costa');
  await form.getByLabel('Email').fill('ines@northwind');
  await form.getByText('Enter a valid email address').waitFor(); // checked while typing
  await form.getByRole('button', { name: 'Save contact' }).click();
  assert.equal(await contacts.getByRole('listitem').count(), 2, 'an invalid contact is not saved');
  await form.getByLabel('Email').fill('ines@northwind.example');
  await form.getByLabel('Title').fill('COO');
  await form.getByRole('button', { name: 'Save contact' }).click();
  await contacts.getByText('Ines Costa').waitFor();
  assert.equal(await contacts.getByRole('listitem').count(), 3);

  // It is really stored: a reload shows it.
  await page.reload();
  await page.getByRole('list', { name: 'Contacts' }).getByText('Ines Costa').waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an unknown startup says so', async () => {
  const page = await suite.page();
  await signIn(page, MEMBER);
  await page.goto('/startups/99999');
  await page.getByRole('heading', { name: 'Startup not found' }).waitFor();
  await page.getByRole('alert').waitFor();
  await page.context().close();
});
