import { Browser, expect, Page, test } from '@playwright/test';
import { about, DEMO_PASSWORD, expectAccessible, hydrated, logIn } from './helpers';

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext(test.info().project.use);
  const page = await context.newPage();
  await logIn(page, email, DEMO_PASSWORD);
  return page;
}

test('the person shares the crisis plan with a carer, who sees only that, until it is stopped', async ({
  browser,
}) => {
  const sam = await signedIn(browser, 'sam@example.org');
  await sam.getByRole('link', { name: 'Who sees my plan' }).click();
  await hydrated(sam);
  await expect(sam.getByRole('heading', { name: 'Who sees my plan', level: 1 })).toBeVisible();
  await expectAccessible(sam);
  await sam.getByLabel('Share with').selectOption({ label: 'Alex Taylor' });
  await sam.getByLabel('Part of the plan').selectOption({ label: 'My crisis plan' });
  await sam.getByRole('button', { name: 'Share', exact: true }).click();
  const alexCard = sam.locator('li.card', { has: sam.getByRole('heading', { name: 'Alex Taylor' }) });
  await expect(alexCard.getByText('My crisis plan', { exact: true })).toBeVisible();
  await expectAccessible(sam);

  const alex = await signedIn(browser, 'alex@example.org');
  await expect(alex.getByText('Sam Taylor shares these parts of their plan with you: My crisis plan.')).toBeVisible();
  await expectAccessible(alex);
  await alex.getByRole('link', { name: 'Open what Sam Taylor shares' }).click();
  await hydrated(alex);
  await expect(alex.getByRole('heading', { name: 'Plan of Sam Taylor', level: 1 })).toBeVisible();
  await expect(alex.getByRole('region', { name: 'My crisis plan' })).toBeVisible();
  await expect(alex.getByRole('link', { name: 'Call 999' })).toHaveAttribute('href', 'tel:999');
  await expect(alex.getByRole('region', { name: 'My goals' })).toHaveCount(0);
  await expect(alex.getByRole('region', { name: 'About me' })).toHaveCount(0);
  await expectAccessible(alex);
  const planPath = new URL(alex.url()).pathname;

  await alexCard.getByRole('button', { name: about('Stop sharing', 'My crisis plan, Alex Taylor') }).click();
  await expect(alexCard.getByText('Nothing shared yet.')).toBeVisible();
  await expect(sam.getByText(/Shared My crisis plan with Alex Taylor on .* Stopped on/)).toBeVisible();

  await sam.reload();
  await hydrated(sam);
  await expect(sam.getByText(/^Alex Taylor \(Carer\) read My crisis plan on .* at \d\d:\d\d$/).first()).toBeVisible();
  await expectAccessible(sam);

  await alex.goto(planPath);
  await expect(alex.getByText('We could not find that.')).toBeVisible();
  await expect(alex.getByRole('region', { name: 'My crisis plan' })).toHaveCount(0);
  await expectAccessible(alex);
});
