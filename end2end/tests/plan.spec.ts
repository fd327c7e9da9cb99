import { Browser, expect, Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { about, DEMO_PASSWORD, expectAccessible, hydrated, logIn } from './helpers';

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext(test.info().project.use);
  const page = await context.newPage();
  await logIn(page, email, DEMO_PASSWORD);
  return page;
}

async function open(page: Page, path: string) {
  await page.goto(path);
  await hydrated(page);
  await expectAccessible(page);
}

test('the person and their key worker co-produce a plan, agree it, and see exactly what changed', async ({
  browser,
}) => {
  const sam = await signedIn(browser, 'sam@example.org');
  const worker = await signedIn(browser, 'keyworker@example.org');

  // Sam writes a goal with smaller steps.
  await sam.getByRole('link', { name: 'My plan' }).first().click();
  await hydrated(sam);
  await expect(sam.getByRole('heading', { name: 'My plan', level: 1 })).toBeVisible();
  await expectAccessible(sam);
  const planUrl = new URL(await sam.getByRole('link', { name: about('Change', 'My goals') }).getAttribute('href') ?? '', sam.url());
  const planPath = planUrl.pathname.replace(/\/goals$/, '');
  await sam.getByRole('link', { name: about('Change', 'My goals') }).click();
  await hydrated(sam);
  await expectAccessible(sam);
  await sam.getByLabel('My goal').fill('Swim again');
  await sam.getByLabel('Smaller steps (optional)').fill('Find the pool times\nGo once with Alex');
  await sam.getByRole('button', { name: 'Add goal' }).click();
  await expect(sam.getByText('Go once with Alex')).toBeVisible();
  await expectAccessible(sam);

  // The key worker writes the formulation from their caseload.
  await worker.getByRole('link', { name: 'My caseload' }).first().click();
  await worker.getByRole('link', { name: 'Sam Taylor' }).click();
  await hydrated(worker);
  await expect(worker.getByRole('heading', { name: 'Plan of Sam Taylor', level: 1 })).toBeVisible();
  await expectAccessible(worker);
  await worker.getByRole('link', { name: about('Change', 'Understanding my difficulties') }).click();
  await hydrated(worker);
  await expectAccessible(worker);
  await worker.getByLabel('What has been difficult').fill('Low mood through the winter.');
  await worker.getByRole('button', { name: 'Save' }).click();
  await expect(worker.getByText('Your changes have been saved.')).toBeVisible();

  // The key worker suggests a change to Sam's goals; Sam, who writes them, accepts it.
  await open(worker, planPath);
  const workerGoals = worker.getByRole('region', { name: 'My goals' });
  await workerGoals.getByText('Suggest a change to this part').click();
  await workerGoals.getByLabel('Your suggestion').fill('Add a step about the swimming club');
  await workerGoals.getByRole('button', { name: 'Send suggestion' }).click();
  await expect(worker.getByText('Your suggestion has been sent.')).toBeVisible();
  await open(sam, planPath);
  const samGoals = sam.getByRole('region', { name: 'My goals' });
  await expect(samGoals.getByText('Add a step about the swimming club')).toBeVisible();
  await samGoals.getByRole('button', { name: 'Accept' }).click();
  await expect(samGoals.getByText('Add a step about the swimming club')).toHaveCount(0);

  // Both agree the plan as it is now: version 1.
  await open(sam, planPath);
  await sam.getByRole('button', { name: 'I agree to this plan' }).click();
  await expect(sam.getByText('Sam Taylor (Person using the service) agreed to the plan as it is now')).toBeVisible();
  await open(worker, planPath);
  await expect(worker.getByText('Sam Taylor (Person using the service) agreed')).toBeVisible();
  await worker.getByRole('button', { name: 'I agree to this plan' }).click();
  await expect(worker.getByText(/Version 1 was agreed with .* Nothing has changed since\./)).toBeVisible();
  await expectAccessible(worker);

  // Sam changes the goal: a new draft, and "what changed" shows exactly that.
  await open(sam, `${planPath}/goals`);
  await sam.getByRole('link', { name: about('Change', 'Swim again') }).click();
  await hydrated(sam);
  await expectAccessible(sam);
  await sam.getByLabel('My goal').fill('Swim twice a week');
  await sam.getByRole('button', { name: 'Save' }).click();
  await expect(sam.getByText('Your changes have been saved.')).toBeVisible();
  await open(sam, planPath);
  await expect(sam.getByText('This plan has changes since version 1. They are not agreed yet.')).toBeVisible();
  await sam.getByRole('link', { name: 'See what changed' }).click();
  await hydrated(sam);
  await expect(sam.getByRole('heading', { name: 'Versions and changes', level: 1 })).toBeVisible();
  await expectAccessible(sam);
  const changes = sam.locator('li.change');
  await expect(changes).toHaveCount(1);
  await expect(changes.first()).toContainText('My goals: changed');
  await expect(changes.first().locator('.change__before')).toContainText('Swim again');
  await expect(changes.first().locator('.change__after')).toContainText('Swim twice a week');
});

test('the crisis plan shows contacts and national lines as tap-to-call links', async ({ page }) => {
  await logIn(page, 'sam@example.org', DEMO_PASSWORD);
  await page.getByRole('link', { name: 'My plan' }).first().click();
  await hydrated(page);
  await page.getByRole('link', { name: about('Change', 'My crisis plan') }).click();
  await hydrated(page);
  await expectAccessible(page);
  await page.getByLabel('Early warning signs').fill('I stop sleeping and stop answering texts.');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Your changes have been saved.')).toBeVisible();
  await page.getByRole('link', { name: 'Change who to contact' }).click();
  await hydrated(page);
  await expectAccessible(page);

  await page.getByLabel('Name', { exact: true }).fill('Jo');
  await page.getByLabel('Relationship or role').fill('my sister');
  await page.getByLabel('Phone number').fill('call me');
  await page.getByRole('button', { name: 'Add contact' }).click();
  await expect(page.getByRole('link', { name: /Enter a phone number/ })).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Jo');
  await expectAccessible(page);
  await page.getByLabel('Phone number').fill('07700 900123');
  await page.getByRole('button', { name: 'Add contact' }).click();
  await expect(page.getByRole('link', { name: 'Call 07700 900123' })).toHaveAttribute('href', 'tel:07700900123');

  await page.getByRole('link', { name: 'Back to the plan' }).click();
  await hydrated(page);
  const crisis = page.getByRole('region', { name: 'My crisis plan' });
  await expect(crisis.getByText('I stop sleeping and stop answering texts.')).toBeVisible();
  await expect(crisis.getByRole('link', { name: 'Call 07700 900123' })).toHaveAttribute('href', 'tel:07700900123');
  await expect(crisis.getByRole('link', { name: 'Call 999' })).toHaveAttribute('href', 'tel:999');
  await expect(crisis.getByRole('link', { name: 'Text SHOUT to 85258' })).toHaveAttribute('href', 'sms:85258?body=SHOUT');
  await expectAccessible(page);
});

test('actions: the person adds one for themselves and ticks it off', async ({ page }) => {
  await logIn(page, 'sam@example.org', DEMO_PASSWORD);
  await page.getByRole('link', { name: 'My plan' }).first().click();
  await hydrated(page);
  await page.getByRole('link', { name: about('Change', 'Actions: who does what') }).click();
  await hydrated(page);
  await expectAccessible(page);
  await page.getByLabel('What will be done').fill('Ring the leisure centre');
  await page.getByLabel('Who will do it').selectOption({ label: 'Me' });
  await page.getByLabel('By when (optional)').fill('2001-01-01');
  await page.getByRole('button', { name: 'Add action' }).click();
  await expect(page.getByRole('link', { name: 'Enter a date that is today or later' })).toBeVisible();
  await expect(page.getByLabel('What will be done')).toHaveValue('Ring the leisure centre');
  await page.getByLabel('By when (optional)').fill('');
  await page.getByRole('button', { name: 'Add action' }).click();
  const action = page.locator('li.action', { hasText: 'Ring the leisure centre' });
  await expect(action.getByText('To do')).toBeVisible();
  await action.getByRole('button', { name: about('Mark as done', 'Ring the leisure centre') }).click();
  await expect(action.locator('.tag')).toHaveText('Done');
  await expect(action.getByText('Last changed by Sam Taylor on')).toBeVisible();
  await expectAccessible(page);

  await action.getByRole('link', { name: about('Change', 'Ring the leisure centre') }).click();
  await hydrated(page);
  await expectAccessible(page);
  await page.getByLabel('What will be done').fill('Ring the leisure centre about swimming');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Your changes have been saved.')).toBeVisible();
  await page.getByRole('link', { name: 'Back to the actions' }).click();
  const changed = page.locator('li.action', { hasText: 'Ring the leisure centre about swimming' });
  await expect(changed.locator('.tag')).toHaveText('Done');
});

test('the person asks for a review and their key worker sees it on the caseload', async ({ browser }) => {
  const sam = await signedIn(browser, 'sam@example.org');
  await sam.getByRole('link', { name: 'My plan' }).first().click();
  await hydrated(sam);
  await sam.getByRole('link', { name: about('Open', 'Review') }).click();
  await hydrated(sam);
  await expectAccessible(sam);
  await sam.getByLabel('What would you like to talk about? (optional)').fill('My medication');
  await sam.getByRole('button', { name: 'Ask for a review' }).click();
  await expect(sam.getByText('Your key worker has been asked for a review.')).toBeVisible();
  await expectAccessible(sam);

  const worker = await signedIn(browser, 'keyworker@example.org');
  await worker.getByRole('link', { name: 'My caseload' }).first().click();
  await expect(worker.getByText('Has asked for a review')).toBeVisible();
  await worker.getByRole('link', { name: 'Sam Taylor' }).click();
  await hydrated(worker);
  await worker.getByRole('link', { name: about('Change', 'Review') }).click();
  await hydrated(worker);
  await expect(worker.getByText('My medication')).toBeVisible();
  await expectAccessible(worker);
});

test('the budget adds up costed items for a year and warns in words when over the allocation', async ({ page }) => {
  await logIn(page, 'sam@example.org', DEMO_PASSWORD);
  await page.getByRole('link', { name: 'My plan' }).first().click();
  await hydrated(page);
  await page.getByRole('link', { name: about('Change', 'My personal health budget') }).click();
  await hydrated(page);
  await expectAccessible(page);
  await page.getByLabel('Indicative allocation for a year').fill('1000');
  await page.getByLabel('How the money is held').selectOption({ label: 'Direct payment to me' });
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('dd', { hasText: '£1,000' })).toBeVisible();

  const add = async (what: string, cost: string, every: string) => {
    await page.getByLabel('What it is').fill(what);
    await page.getByLabel('Cost in pounds').fill(cost);
    await page.getByLabel('How often').selectOption({ label: every });
    await page.getByRole('button', { name: 'Add item' }).click();
    await expect(page.getByText(`${what}: £`)).toBeVisible();
  };
  await add('Gym', '25', 'a month');
  await add('Art class', '12.50', 'a week');
  await expect(page.getByText('Over the allocation.')).toHaveCount(0);
  await add('Bike', '150', 'once');
  await expect(page.locator('dd', { hasText: '£1,100' })).toBeVisible();
  await expect(page.getByText('Over the allocation.')).toBeVisible();
  await expect(page.getByText('The items cost £100 a year more than the allocation.')).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Cost in pounds').fill('-5');
  await page.getByLabel('What it is').fill('Refund');
  await page.getByRole('button', { name: 'Add item' }).click();
  await expect(page.getByRole('link', { name: 'Enter an amount in pounds, like 25 or 12.50' })).toBeVisible();
  await expect(page.getByLabel('What it is')).toHaveValue('Refund');

  await page.getByRole('button', { name: about('Remove', 'Bike') }).click();
  await expect(page.getByText('Over the allocation.')).toHaveCount(0);
  await expect(page.locator('dd', { hasText: '£950' })).toBeVisible();
});

test('the person downloads everything held about them as one file', async ({ page }) => {
  await logIn(page, 'sam@example.org', DEMO_PASSWORD);
  const section = page.getByRole('region', { name: 'Your data' });
  await expectAccessible(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('button', { name: 'Download my data' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('my-wellbeing-plan.json');
  const file = await download.path();
  const data = JSON.parse(readFileSync(file, 'utf8'));
  expect(data.name).toBe('Sam Taylor');
  expect(data.plan.content).toHaveProperty('crisis');
  expect(Array.isArray(data.plan.ratings)).toBe(true);
});

test('deleting the account asks for the password and a tick first', async ({ page }) => {
  await logIn(page, 'sam@example.org', DEMO_PASSWORD);
  await hydrated(page);
  await page.getByText('Delete my account', { exact: true }).click();
  await page.getByLabel('Your password').fill('not my password');
  await page.getByRole('button', { name: 'Delete my account and plan' }).click();
  await expect(page.getByRole('link', { name: 'Enter your password' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Tick the box to say you understand' })).toBeVisible();
  await expectAccessible(page);
  // Still here: nothing was deleted.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Hello, Sam Taylor' })).toBeVisible();
});
