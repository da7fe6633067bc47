// Where an interview happens: step 5 of the wizard sets an address, the interview page shows it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, northwindDraft, screenshots, serviceAndBrowser, signIn } from './harness.mjs';

const suite = serviceAndBrowser({ calcom: true });
const ADDRESS_LINES = ['Poblysh, 5 quai de Valmy', '75010 Paris'];

// Steps 1–4 through the API as the wizard saves them, remembered as the wizard remembers a
// draft, so that opening the wizard resumes it at step 5.
async function draftAtDetails(page) {
  const { startup, draft } = await northwindDraft(page, { name: 'Pia Place', email: 'pia@northwind.example' });
  await page.evaluate(([startupId, id]) => {
    localStorage.setItem(`poblysh.interviewDraft.startup.${startupId}`, JSON.stringify({ id, step: 5 }));
  }, [startup.id, draft.id]);
  return { startup, draft };
}

test('an in-person interview shows its address', async () => {
  const page = await suite.page();
  await signIn(page, ADMIN);
  const { startup } = await draftAtDetails(page);
  await page.goto(`/startups/${startup.id}`);
  await page.getByRole('heading', { name: 'Northwind Robotics', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Schedule Interview' }).click();
  const dialog = page.getByRole('dialog', { name: 'Schedule interview with Northwind Robotics' });
  await dialog.getByRole('button', { name: 'Resume your draft', exact: true }).click();
  await dialog.getByRole('heading', { name: /Step 5 of 6: Details/ }).waitFor();

  // The event type is a video call: that is the place until another is chosen.
  const place = dialog.getByRole('group', { name: 'Place' });
  assert.equal(await place.getByRole('radio', { name: 'Video call' }).isChecked(), true);
  await place.getByRole('radio', { name: 'In person' }).check();
  const address = place.getByLabel('Address');
  // An address too short to be one is the server's to refuse, said next to the field.
  await address.fill('x');
  await dialog.getByRole('button', { name: 'Next' }).click();
  await place.getByText('is too short for an address').waitFor();
  assert.equal(await address.getAttribute('aria-invalid'), 'true');
  await address.fill(ADDRESS_LINES.join('\n'));
  await screenshots(page, 'wizard-5-place');
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByRole('heading', { name: /Step 6 of 6: Confirm/ }).waitFor();
  // The review says where, before anything is sent.
  const summary = dialog.getByRole('definition').filter({ hasText: 'In person:' });
  for (const line of ADDRESS_LINES) assert.match(await summary.innerText(), new RegExp(line));
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await dialog.getByText('Invitation sent.').waitFor({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Open interview' }).click();

  await page.waitForURL(/\/interviews\/\d+$/);
  const shown = page.getByRole('region', { name: 'Place' });
  await shown.getByText('Address', { exact: true }).waitFor();
  const text = await shown.innerText();
  for (const line of ADDRESS_LINES) assert.match(text, new RegExp(line));
  // Nobody waits for a meeting link to meet at an address.
  assert.equal(await page.getByText('The meeting link appears once Cal.com confirms.').count(), 0);
  await screenshots(page, 'interview-place');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
