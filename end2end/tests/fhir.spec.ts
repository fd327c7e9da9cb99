import { Browser, expect, Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { about, DEMO_PASSWORD, expectAccessible, hydrated, logIn, newServiceUser, rateByApi, unique } from './helpers';

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext(test.info().project.use);
  const page = await context.newPage();
  await logIn(page, email, DEMO_PASSWORD);
  return page;
}

type Entry = { resource: { resourceType: string; [key: string]: unknown } };

test('the person downloads their plan as FHIR for another health system', async ({ page }) => {
  // Someone new: the ratings tests count Sam's questionnaire ratings from none.
  const { name } = await newServiceUser(page);
  // The example questionnaire (server/tests/fixtures/instruments), the third choice throughout.
  const { rating } = await rateByApi(page, 'checkin', '2');
  await page.goto('/plan');
  await hydrated(page);
  await expectAccessible(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download for a health record system (FHIR)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('wellbeing-plan-fhir.json');
  const bundle = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(bundle.resourceType).toBe('Bundle');
  const kinds = (bundle.entry as Entry[]).map((e) => e.resource.resourceType);
  expect(kinds).toEqual(expect.arrayContaining(['Patient', 'CarePlan', 'CareTeam', 'Questionnaire']));
  const patient = (bundle.entry as Entry[]).find((e) => e.resource.resourceType === 'Patient');
  expect(patient?.resource.name).toEqual([{ text: name }]);
  // What the questionnaire added up to travels with the answers: 2 + (3 - 2) twice.
  const scores = (bundle.entry as Entry[]).find((e) => e.resource.id === `scores-${rating}`)?.resource;
  expect(scores?.derivedFrom).toEqual([{ reference: `QuestionnaireResponse/rating-${rating}` }]);
  const parts = (scores?.component as { code: { text: string }; valueInteger?: number; valueQuantity?: { value: number } }[])
    .map((c) => [c.code.text, c.valueInteger ?? c.valueQuantity?.value]);
  expect(parts).toEqual([
    ['Total', 6],
    ['Scaled score', 50],
    ['Feelings', 3],
    ['Getting on', 3],
  ]);
});

test('a team admin connects a record system, which reads plans with its key until stopped', async ({
  browser,
}) => {
  const sam = await signedIn(browser, 'sam@example.org');
  await sam.goto('/plan');
  await hydrated(sam);
  const planId = await sam.locator('input[name="plan_id"]').first().inputValue();

  const admin = await signedIn(browser, 'admin@example.org');
  await admin.goto('/team');
  await hydrated(admin);
  const systems = admin.getByRole('region', { name: 'Connected record systems' });
  await expectAccessible(admin);
  const name = unique('Riverside EPR ');
  await systems.getByLabel('Name of the system').fill(name);
  await systems.getByRole('button', { name: 'Connect system' }).click();
  await expect(systems.getByRole('heading', { name: `${name} is connected` })).toBeVisible();
  const key = await systems.getByLabel('Access key').inputValue();
  expect(key.length).toBeGreaterThan(30);
  await expect(systems.getByText(new RegExp(`^${name}, connected on `))).toBeVisible();
  await expectAccessible(admin);

  // The system asks with its key: a key, when sent, is all that counts.
  const read = await admin.request.post('/api/fhir_bundle', {
    headers: { Authorization: `Bearer ${key}` },
    form: { plan_id: planId },
  });
  expect(read.status()).toBe(200);
  const bundle = await read.json();
  const kinds = (bundle.entry as Entry[]).map((e) => e.resource.resourceType);
  expect(kinds).toContain('CarePlan');
  expect(kinds).not.toContain('Consent');

  // Sam sees that the system looked.
  await sam.goto(`/plans/${planId}/sharing`);
  await hydrated(sam);
  await expect(
    sam.getByText(new RegExp(`^${name}, a health record system your care team uses, read .* on .* at \\d\\d:\\d\\d$`)),
  ).toBeVisible();
  await expectAccessible(sam);

  await systems.getByRole('button', { name: about('Stop', name) }).click();
  await expect(systems.getByText(new RegExp(`^${name}, connected on .* Stopped on `))).toBeVisible();
  const refused = await admin.request.post('/api/fhir_bundle', {
    headers: { Authorization: `Bearer ${key}` },
    form: { plan_id: planId },
  });
  expect(refused.status()).toBe(401);
});

test('printed, the plan is the plan alone: no menus, forms or buttons', async ({ page }) => {
  await logIn(page, 'sam@example.org', DEMO_PASSWORD);
  await page.goto('/plan');
  await hydrated(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { name: 'My plan', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'My crisis plan' })).toBeVisible();
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Download for a health record system (FHIR)' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeHidden();
  expect(await page.locator('form:visible, button:visible').count()).toBe(0);
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('banner')).toBeVisible();
});
