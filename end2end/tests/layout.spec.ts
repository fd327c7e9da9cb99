import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, hydrated, logIn, logOut } from './helpers';

test('every page fits 320 px at 200% text without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  const check = async (path: string) => {
    await page.goto(path);
    await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${path} at 320 px and 200% text`).toBeLessThanOrEqual(320);
    await expectAccessible(page);
  };
  await check('/login');
  await check('/');
  await logIn(page, 'sam@example.org', DEMO_PASSWORD);
  for (const path of ['/', '/plan', '/crisis-plan', '/about-me', '/carers', '/notifications']) await check(path);
  await page.goto('/');
  const ratings = (await page.getByRole('link', { name: 'My ratings' }).getAttribute('href')) ?? '';
  const plan = ratings.replace(/\/ratings$/, '');
  const pages = [
    ratings,
    `${plan}/rate/dialog`,
    `${plan}/rate/wheel`,
    `${plan}/rate/goals`,
    `${plan}/rate/checkin`,
    `${plan}/dialog-plus`,
  ];
  for (const path of [...pages, `${plan}/sharing`, `${plan}/actions`, `${plan}/contacts`]) {
    await check(path);
  }
  // From any page, the footer opens the person's own crisis plan.
  await page.getByRole('contentinfo').getByRole('link', { name: 'Open my crisis plan' }).click();
  await expect(page).toHaveURL(/\/crisis-plan$/);
  await expect(page.getByRole('heading', { level: 1, name: 'My crisis plan' })).toBeVisible();
  await logOut(page);
  await expect(page.getByRole('contentinfo').getByRole('link')).toHaveCount(0);
  await logIn(page, 'keyworker@example.org', DEMO_PASSWORD);
  await check('/caseload');
  await check('/notifications');
  // Only a person with a plan of their own has a crisis plan to open.
  await expect(page.getByRole('contentinfo').getByRole('link')).toHaveCount(0);
  await logOut(page);
  await logIn(page, 'alex@example.org', DEMO_PASSWORD);
  await check('/');
  await logOut(page);
  await logIn(page, 'admin@example.org', DEMO_PASSWORD);
  await check('/team');
});

test('logging in works by keyboard alone, starting from the skip link', async ({ page }) => {
  await page.goto('/login');
  await hydrated(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Email address')).toBeFocused();
  await page.keyboard.type('sam@example.org');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Hello, Sam Taylor' })).toBeVisible();
});

test('the crisis plan can be kept on the phone by keyboard alone', async ({ page }) => {
  await logIn(page, 'sam@example.org', DEMO_PASSWORD);
  await page.goto('/crisis-plan');
  await hydrated(page);
  const keep = page.getByRole('button', { name: 'Keep my crisis plan on this phone' });
  await keep.focus();
  await page.keyboard.press('Enter');
  const stop = page.getByRole('button', { name: 'Stop keeping it on this phone' });
  await expect(stop).toBeVisible();
  await stop.focus();
  await page.keyboard.press('Space');
  await expect(keep).toBeVisible();
});
