import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';

export const DEMO_PASSWORD = 'wellbeing-demo';

/** Waits until the WASM app has taken over the server-rendered page. */
export async function hydrated(page: Page) {
  await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
}

/** axe-core with the WCAG 2.2 AA rule set and axe's best practices (headings in order, content
 * in landmarks): no violations allowed. axe runs as a script in the page, so with JavaScript off
 * it cannot run; those same server-rendered pages are checked in the JavaScript project. */
export async function expectAccessible(page: Page) {
  if (test.info().project.use.javaScriptEnabled === false) return;
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const violations = results.violations.map(
    (v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
  expect(violations).toEqual([]);
}

export async function logIn(page: Page, email: string, password: string, js = true) {
  await page.goto('/login');
  if (js) await hydrated(page);
  await expectAccessible(page);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hello');
}

export async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Log in', level: 1 })).toBeVisible();
}

/** Has the demo key worker invite a new service user, who sets a password and is signed in;
 * returns their name and email. For a test that needs a plan no other test touches. */
export async function newServiceUser(page: Page): Promise<{ name: string; email: string }> {
  const name = unique('Robin ');
  const email = `${unique('robin')}@example.org`;
  await logIn(page, 'keyworker@example.org', DEMO_PASSWORD);
  await page.getByRole('link', { name: 'My caseload' }).first().click();
  await hydrated(page);
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Add person and create invite link' }).click();
  const link = await page.getByLabel('Invite link').inputValue();
  await logOut(page);
  await page.goto(new URL(link).pathname);
  await hydrated(page);
  await page.getByLabel('New password').fill('a good long password');
  await page.getByLabel('Type the password again').fill('a good long password');
  await page.getByRole('button', { name: 'Set password and log in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hello');
  return { name, email };
}

/** The signed-in person rates their own plan through the server functions, as the rating form
 * sends them: every question `score`, and more help asked with the first if `help`. Returns the
 * plan's id and the rating's. */
export async function rateByApi(page: Page, measure: string, score: string, help = false) {
  const me = await (await page.request.post('/api/me')).json();
  const plan = String(me.plan_id);
  const form = await (await page.request.post('/api/rating_form', { form: { plan_id: plan, measure } })).json();
  const fields: Record<string, string> = { plan_id: plan, measure, request_key: form.request_key };
  form.questions.forEach((q: { item: string }, i: number) => {
    fields[`answers[${i}][item]`] = q.item;
    fields[`answers[${i}][score]`] = score;
  });
  if (help) fields['answers[0][help]'] = 'yes';
  const rated = await page.request.post('/api/rate', { form: fields });
  expect(rated.status()).toBe(200);
  return { plan, rating: (await rated.json()) as number };
}

export function unique(prefix: string) {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** The accessible name of a button or link such as "Change" whose visually hidden part says
 * what it is about ("Change: My goals"); browsers differ on the space between the two parts. */
export function about(verb: string, thing: string): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(verb)}\\W+${escape(thing)}$`);
}
