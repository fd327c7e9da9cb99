import { expect, Locator, Page, test } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_PASSWORD, expectAccessible, hydrated, logIn, logOut } from './helpers';

const LOCALES = [
  { code: 'en', dir: 'ltr' },
  { code: 'cy', dir: 'ltr' },
  { code: 'ur', dir: 'rtl' },
  { code: 'pl', dir: 'ltr' },
];

/** Text shaped like a translation key ("budget.sign_off"): a word the locale files use as a
 * namespace, a dot, and more. A page that shows one shows a key where its text should be. */
const RAW_KEY = (() => {
  const english = readFileSync(`${__dirname}/../../app/locales/en.yml`, 'utf8');
  const namespaces = [...english.matchAll(/^([a-z_]+):/gm)].map((m) => m[1]);
  return new RegExp(`\\b(${namespaces.join('|')})(\\.[a-z0-9_]+)+\\b`, 'g');
})();

/** Where the reference screenshots live: written when UPDATE_SCREENSHOTS=1, committed. */
const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');

async function useLanguage(page: Page, code: string) {
  const url = new URL(page.url()).origin;
  await page.context().addCookies([{ name: 'lang', value: code, url }]);
}

/** Sam's plan, found from his home page. */
async function planOfSam(page: Page): Promise<string> {
  await page.goto('/');
  const ratings = (await page.locator('a[href$="/ratings"]').first().getAttribute('href')) ?? '';
  return ratings.replace(/\/ratings$/, '');
}

/** The pages of the signed-in person, with a goal and an action of their own to change (which
 * `forget` removes again, so the other tests meet Sam's plan as it was). */
async function pagesOfSam(page: Page): Promise<{ pages: string[]; forget: () => Promise<void> }> {
  const plan = await planOfSam(page);
  const planId = plan.split('/').pop() ?? '';
  const made = async (name: string, form: Record<string, string>) => {
    const response = await page.request.post(`/api/${name}`, { form: { plan_id: planId, ...form } });
    expect(response.status(), name).toBe(200);
    return String(await response.json());
  };
  const goal = await made('add_goal', { title: 'A goal to change', steps: '' });
  const action = await made('add_action', { what: 'An action to change', who: 'me', service_name: '', due: '' });
  const forget = async () => {
    await made('remove_goal', { goal_id: goal });
    await made('remove_action', { action_id: action });
  };
  const ratings = `${plan}/ratings`;
  const pages = [
    '/',
    '/plan',
    '/crisis-plan',
    '/about-me',
    '/carers',
    '/notifications',
    ratings,
    `${plan}/rate/dialog`,
    `${plan}/rate/wheel`,
    `${plan}/rate/goals`,
    `${plan}/dialog-plus`,
    `${plan}/sharing`,
    `${plan}/actions`,
    `${plan}/goals`,
    `${plan}/contacts`,
    `${plan}/budget`,
    `${plan}/review`,
    `${plan}/history`,
    `${plan}/edit/crisis`,
    `${plan}/goals/${goal}`,
    `${plan}/actions/${action}`,
  ];
  return { pages, forget };
}

/** The key worker's pages: their own, and Sam's plan as they write it. */
function pagesOfKeyWorker(plan: string): string[] {
  return [
    '/',
    '/caseload',
    '/notifications',
    plan,
    `${plan}/about-me`,
    `${plan}/edit/formulation`,
    `${plan}/edit/care_treatment`,
    `${plan}/edit/care_team`,
    `${plan}/budget`,
    `${plan}/review`,
    `${plan}/ratings`,
  ];
}

test('every page in every language: right lang and dir, no axe violations, no sideways scroll at 320 px', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await page.setViewportSize({ width: 320, height: 700 });
  const report: string[] = [];
  const check = async (paths: string[]) => {
    for (const { code, dir } of LOCALES) {
      await useLanguage(page, code);
      for (const p of paths) {
        await page.goto(p);
        await hydrated(page);
        await expect(page.locator('html')).toHaveAttribute('lang', code);
        await expect(page.locator('html')).toHaveAttribute('dir', dir);
        await expectAccessible(page);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, `${p} in ${code} at 320 px`).toBeLessThanOrEqual(320);
        const text = await page.locator('body').innerText();
        expect(text.match(RAW_KEY) ?? [], `${p} in ${code} shows keys`).toEqual([]);
        report.push(`${p} x ${code}: 0 violations, ${width} px wide`);
      }
    }
    await useLanguage(page, 'en');
    await page.reload();
  };
  await page.goto('/login');
  // Signed out: log in, an invite link and a crisis card link that no longer work, a page that
  // is not there.
  await check(['/login', '/invite/no-such-invite', '/crisis-card/no-such-card', '/no-such-page']);
  await logIn(page, 'sam@example.org', DEMO_PASSWORD);
  const plan = await planOfSam(page);
  const sam = await pagesOfSam(page);
  await check(sam.pages);
  await sam.forget();
  await logOut(page);
  await logIn(page, 'keyworker@example.org', DEMO_PASSWORD);
  await check(pagesOfKeyWorker(plan));
  await logOut(page);
  await logIn(page, 'alex@example.org', DEMO_PASSWORD);
  await check(['/', '/notifications']);
  await logOut(page);
  await logIn(page, 'admin@example.org', DEMO_PASSWORD);
  await check(['/', '/team']);
  console.log(`axe-core, page x locale:\n${report.join('\n')}`);
  await test.info().attach('page x locale', { body: report.join('\n'), contentType: 'text/plain' });
});

test('a page fetches only its own language, which the WASM does not carry, and answers in it', async ({
  page,
  request,
}) => {
  // One sentence from each locale file: none of them is in the WASM.
  const wasm = await (await request.get('/pkg/wellbeing.wasm')).body();
  const sentences = LOCALES.map(({ code }) => {
    const file = readFileSync(`${__dirname}/../../app/locales/${code}.yml`, 'utf8');
    return file.match(/^ {2}bad_credentials: "(.+)"$/m)?.[1] ?? `no bad_credentials in ${code}`;
  });
  for (const sentence of sentences) expect(wasm.includes(Buffer.from(sentence)), sentence).toBe(false);

  await page.goto('/login');
  await hydrated(page);
  await useLanguage(page, 'cy');
  const fetched: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/locales/')) fetched.push(new URL(r.url()).pathname);
  });
  await page.reload();
  await hydrated(page);
  expect([...new Set(fetched)]).toEqual(['/locales/cy.yml']);
  // The refusal is drawn by the WASM, in the words of the file it was given.
  await page.getByLabel('Cyfeiriad e-bost').fill('nobody-in-welsh@example.org');
  await page.getByLabel('Cyfrinair').fill('not a password');
  await page.getByRole('button', { name: 'Mewngofnodi' }).click();
  await expect(page.getByRole('alert').getByText(sentences[1])).toBeVisible();
  await expect(page.getByLabel('Cyfeiriad e-bost')).toHaveValue('nobody-in-welsh@example.org');
  await expectAccessible(page);
  await useLanguage(page, 'en');
});

test('in Urdu the page is right to left and the words are Urdu', async ({ page }) => {
  await logIn(page, 'sam@example.org', DEMO_PASSWORD);
  await useLanguage(page, 'ur');
  await page.goto('/plan');
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'میرا پلان', level: 1 })).toBeVisible();
  // The main column starts at the right edge.
  const heading = await page.getByRole('heading', { level: 1 }).boundingBox();
  const viewport = page.viewportSize();
  expect(heading && viewport && viewport.width - (heading.x + heading.width)).toBeLessThan(40);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
});

test('reference screenshots at 320 px in English and Urdu', async ({ browser }) => {
  test.skip(!process.env.UPDATE_SCREENSHOTS, 'set UPDATE_SCREENSHOTS=1 to write end2end/screenshots again');
  // One CSS pixel a pixel keeps the committed files small.
  const context = await browser.newContext({
    ...test.info().project.use,
    viewport: { width: 320, height: 700 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  mkdirSync(SCREENSHOTS, { recursive: true });
  await logIn(page, 'sam@example.org', DEMO_PASSWORD);
  const names: Record<string, string> = { '/': 'home', '/plan': 'plan', '/crisis-plan': 'crisis-plan' };
  const dialog = `${await planOfSam(page)}/rate/dialog`;
  for (const code of ['en', 'ur']) {
    await useLanguage(page, code);
    for (const [p, name] of [...Object.entries(names), [dialog, 'rate-dialog']]) {
      await page.goto(p);
      await hydrated(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${code}-${name}.png`), fullPage: true });
    }
  }
  await useLanguage(page, 'en');
});

/** Presses Tab until `target` has the focus, as someone using only a keyboard does. */
async function tabTo(page: Page, target: Locator) {
  await expect(target).toHaveCount(1);
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const focused = await target.evaluate((el) => el === document.activeElement, undefined, { timeout: 2000 });
    if (focused) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

test('the self-rating journey by keyboard alone', async ({ page }) => {
  await logIn(page, 'sam@example.org', DEMO_PASSWORD);
  await hydrated(page);
  await tabTo(page, page.getByRole('link', { name: 'My ratings', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'My ratings', level: 1 })).toBeVisible();
  await hydrated(page);
  await tabTo(page, page.getByRole('link', { name: 'Rate: DIALOG: how satisfied are you?' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('1 of 11', { exact: true })).toBeVisible();
  await hydrated(page);
  for (let i = 0; i < 11; i++) {
    await expect(page.getByText(`${i + 1} of 11`, { exact: true })).toBeVisible();
    // The page moves focus to each new question on the next frame; Tab from there, not before.
    if (i > 0) await expect(page.getByRole('group', { name: new RegExp(`^${i + 1} of 11`) })).toBeFocused();
    // Into the scale, then arrow keys choose: Space takes the first point, each arrow the next.
    await tabTo(page, page.getByRole('radio').first());
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: '3 – fairly dissatisfied', exact: true })).toBeChecked();
    if (i === 3) {
      await tabTo(page, page.getByRole('checkbox', { name: 'I want more help in this area' }));
      await page.keyboard.press('Space');
    }
    await tabTo(page, page.getByRole('button', { name: 'Next' }));
    await page.keyboard.press('Enter');
  }
  await expect(page.getByRole('heading', { name: 'Check your answers' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Send my answers' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Thank you. Your answers are saved.')).toBeVisible();
});

test('the crisis plan journey by keyboard alone: write it, then keep it on the phone', async ({ page }) => {
  await logIn(page, 'sam@example.org', DEMO_PASSWORD);
  await hydrated(page);
  await tabTo(page, page.getByRole('main').getByRole('link', { name: 'My plan', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'My plan', level: 1, exact: true })).toBeVisible();
  await hydrated(page);
  await tabTo(page, page.getByRole('link', { name: /^Change\W+My crisis plan$/ }));
  await page.keyboard.press('Enter');
  await hydrated(page);
  const helps = page.getByLabel('What helps');
  await tabTo(page, helps);
  await page.keyboard.type('A walk by the river');
  await tabTo(page, page.getByRole('button', { name: 'Save' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Your changes have been saved.')).toBeVisible();

  await tabTo(page, page.getByRole('navigation').getByRole('link', { name: 'My plan', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'My plan', level: 1, exact: true })).toBeVisible();
  await hydrated(page);
  await tabTo(page, page.getByRole('link', { name: 'My crisis plan on its own page, to keep on this phone' }));
  await page.keyboard.press('Enter');
  await hydrated(page);
  await expect(page.getByText('A walk by the river')).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Keep my crisis plan on this phone' }));
  await page.keyboard.press('Enter');
  const stop = page.getByRole('button', { name: 'Stop keeping it on this phone' });
  await expect(stop).toBeVisible();
  await tabTo(page, stop);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Keep my crisis plan on this phone' })).toBeVisible();
});
