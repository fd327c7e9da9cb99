import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { about, DEMO_PASSWORD, expectAccessible, logIn, logOut } from './helpers';

// Run in the project with JavaScript disabled: every form posts and the server redirects back.
test('@no-js a service user saves About Me without JavaScript', async ({ page }) => {
  await logIn(page, 'sam@example.org', DEMO_PASSWORD, false);
  await page.goto('/about-me');
  await expect(page.getByRole('heading', { name: 'About me', level: 1 })).toBeVisible();
  await expectAccessible(page);
  const words = `Written without JavaScript at ${Date.now()}`;
  await page.getByLabel('How I like to be supported').fill(words);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'About me', level: 1 })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('How I like to be supported')).toHaveValue(words);
  await logOut(page);
});

test('@no-js a wrong password shows the error without JavaScript', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email address').fill('sam@example.org');
  await page.getByLabel('Password').fill('wrong password here');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText('The email address or password is not right.')).toBeVisible();
  await expectAccessible(page);
});

test('@no-js a service user adds a goal to their plan without JavaScript', async ({ page }) => {
  await logIn(page, 'sam@example.org', DEMO_PASSWORD, false);
  await page.goto('/plan');
  await page.getByRole('link', { name: about('Change', 'My goals') }).click();
  await expect(page.getByRole('heading', { name: 'My goals', level: 1 })).toBeVisible();
  const goal = `Walk to the park ${Date.now()}`;
  await page.getByLabel('My goal').fill(goal);
  await page.getByRole('button', { name: 'Add goal' }).click();
  await expect(page.locator('.goal__title', { hasText: goal })).toBeVisible();
  await logOut(page);
});

test('@no-js a service user downloads their data without JavaScript', async ({ page }) => {
  await logIn(page, 'sam@example.org', DEMO_PASSWORD, false);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download my data' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('my-wellbeing-plan.json');
  expect(JSON.parse(readFileSync(await download.path(), 'utf8')).email).toBe('sam@example.org');
});
