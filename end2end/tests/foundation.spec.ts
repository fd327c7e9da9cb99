import { expect, test } from '@playwright/test';
import { about, DEMO_PASSWORD, expectAccessible, hydrated, logIn, logOut, newServiceUser, unique } from './helpers';

test('a key worker invites a service user, who sets a password and writes About Me', async ({ page }) => {
  await logIn(page, 'keyworker@example.org', DEMO_PASSWORD);
  await expectAccessible(page);

  await page.getByRole('link', { name: 'My caseload' }).first().click();
  await expect(page.getByRole('heading', { name: 'My caseload', level: 1 })).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  const name = unique('Robin ');
  const email = `${unique('robin')}@example.org`;
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Add person and create invite link' }).click();
  const link = await page.getByLabel('Invite link').inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole('heading', { name, level: 2, exact: true })).toBeVisible();
  await expectAccessible(page);
  await logOut(page);

  // The invited person opens the link and sets a password.
  await page.goto(new URL(link).pathname);
  await hydrated(page);
  await expect(page.getByText(`Welcome, ${name}`)).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('New password').fill('a good long password');
  await page.getByLabel('Type the password again').fill('a different password');
  await page.getByRole('button', { name: 'Set password and log in' }).click();
  await expect(page.getByRole('alert').getByText('The passwords do not match')).toBeVisible();
  await expect(page.getByLabel('New password')).toHaveValue('a good long password');
  await expectAccessible(page);
  await page.getByLabel('Type the password again').fill('a good long password');
  await page.getByRole('button', { name: 'Set password and log in' }).click();
  await expect(page.getByRole('heading', { name: `Hello, ${name}` })).toBeVisible();

  // About Me, in their own words.
  await page.getByRole('link', { name: 'About me' }).first().click();
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'About me', level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Who I am').fill('I grew up by the sea and love walking.');
  await page.getByLabel('What matters to me').fill('My dog, Biscuit.\nSeeing my sister on Sundays.');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Your changes have been saved.')).toBeVisible();
  await expectAccessible(page);

  // Too long: refused with a message, and what was typed is still there.
  const long = 'x'.repeat(4001);
  await page.getByLabel('My strengths and interests').evaluate((el) => el.removeAttribute('maxlength'));
  await page.getByLabel('My strengths and interests').fill(long);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('link', { name: 'Use 4000 characters or fewer' })).toBeVisible();
  await expect(page.getByLabel('My strengths and interests')).toHaveValue(long);
  await expect(page.getByLabel('Who I am')).toHaveValue('I grew up by the sea and love walking.');
  await expectAccessible(page);
  await page.getByLabel('My strengths and interests').fill('Drawing');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Your changes have been saved.')).toBeVisible();

  await logOut(page);
  await expectAccessible(page);
  await logIn(page, email, 'a good long password');
  await page.getByRole('link', { name: 'About me' }).first().click();
  await expect(page.getByLabel('Who I am')).toHaveValue('I grew up by the sea and love walking.');
  await expect(page.getByLabel('What matters to me')).toHaveValue('My dog, Biscuit.\nSeeing my sister on Sundays.');
  await expect(page.getByLabel('My strengths and interests')).toHaveValue('Drawing');

  // The invite link works once only.
  await logOut(page);
  await page.goto(new URL(link).pathname);
  await expect(page.getByText('This invite link has expired or has already been used')).toBeVisible();
  await expectAccessible(page);
});

test('a wrong password is refused with a clear message and the email kept', async ({ page }) => {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('Email address').fill('sam@example.org');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText('The email address or password is not right.')).toBeVisible();
  await expect(page.getByLabel('Email address')).toHaveValue('sam@example.org');
  await expectAccessible(page);
});

test('a person who forgot their password gets a new link from their key worker, which signs out their old phone', async ({
  page,
  browser,
}) => {
  const { name, email } = await newServiceUser(page);

  const worker = await (await browser.newContext(test.info().project.use)).newPage();
  await logIn(worker, 'keyworker@example.org', DEMO_PASSWORD);
  await worker.getByRole('link', { name: 'My caseload' }).first().click();
  await hydrated(worker);
  const card = worker.getByRole('listitem').filter({ has: worker.getByRole('heading', { name, level: 2 }) });
  await card.getByRole('button', { name: about('New password link', name) }).click();
  await expect(card.getByRole('heading', { name: `New password link for ${name}`, level: 3 })).toBeVisible();
  const link = await card.getByLabel('Invite link').inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expectAccessible(worker);

  // On a new phone, the person sets a new password with it.
  const phone = await (await browser.newContext(test.info().project.use)).newPage();
  await phone.goto(new URL(link).pathname);
  await hydrated(phone);
  await expect(phone.getByText(`Welcome, ${name}`)).toBeVisible();
  await phone.getByLabel('New password').fill('another good long password');
  await phone.getByLabel('Type the password again').fill('another good long password');
  await phone.getByRole('button', { name: 'Set password and log in' }).click();
  await expect(phone.getByRole('heading', { name: `Hello, ${name}` })).toBeVisible();

  // The old phone, still signed in until now, is signed out; the old password no longer works.
  await page.goto('/plan');
  await expect(page.getByRole('alert').getByText('You need to log in to see this page.')).toBeVisible();
  await page.getByRole('alert').getByRole('link', { name: 'Log in' }).click();
  await hydrated(page);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('a good long password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText('The email address or password is not right.')).toBeVisible();

  // The person's list of who looked says who made the link.
  const me = await (await phone.request.post('/api/me')).json();
  await phone.goto(`/plans/${me.plan_id}/sharing`);
  await hydrated(phone);
  await expect(phone.getByText(/^Jordan Lee \(Key worker\) made a new password link for you on .+ at \d\d:\d\d$/)).toBeVisible();
  await expectAccessible(phone);
});

test('a person makes a new password link for a carer they invited', async ({ page }) => {
  await logIn(page, 'sam@example.org', DEMO_PASSWORD);
  await page.goto('/carers');
  await hydrated(page);
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Alex Taylor', level: 2 }) });
  await card.getByRole('button', { name: about('New password link', 'Alex Taylor') }).click();
  await expect(card.getByRole('heading', { name: 'New password link for Alex Taylor', level: 3 })).toBeVisible();
  expect(await card.getByLabel('Invite link').inputValue()).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page);
});

test('a person changes their password from the home page, knowing the current one', async ({ page }) => {
  const { email } = await newServiceUser(page);
  await page.getByText('Change my password').click();
  await page.getByLabel('Your current password').fill('not my password');
  await page.getByLabel('New password').fill('my next long password');
  await page.getByLabel('Type the password again').fill('my next long password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('alert').getByRole('link', { name: 'Your current password is not right' })).toBeVisible();
  await expect(page.getByLabel('New password')).toHaveValue('my next long password');
  await expectAccessible(page);

  await page.getByLabel('Your current password').fill('a good long password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status').getByText('Your password has been changed.')).toBeVisible();
  await expect(page.getByLabel('New password')).toHaveValue('');
  await expectAccessible(page);

  await logOut(page);
  await logIn(page, email, 'my next long password');
});

test('the key worker reads About Me but cannot edit it; the carer sees nothing unshared', async ({ page }) => {
  await logIn(page, 'keyworker@example.org', DEMO_PASSWORD);
  await page.getByRole('link', { name: 'My caseload' }).first().click();
  await page.getByRole('link', { name: 'Sam Taylor' }).click();
  await expect(page.getByRole('heading', { name: 'Plan of Sam Taylor', level: 1 })).toBeVisible();
  const planPath = new URL(page.url()).pathname;
  await page.goto(`${planPath}/about-me`);
  await expect(page.getByRole('heading', { name: 'About Sam Taylor', level: 1 })).toBeVisible();
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expectAccessible(page);
  await logOut(page);

  await logIn(page, 'alex@example.org', DEMO_PASSWORD);
  await expect(page.getByText('Sam Taylor has not shared any part of their plan with you yet.')).toBeVisible();
  await expectAccessible(page);
  await page.goto(planPath);
  await expect(page.getByText('We could not find that.')).toBeVisible();
  await expect(page.getByText('Plan of Sam Taylor')).toHaveCount(0);
  await expectAccessible(page);
});

test('pages work in Welsh and unknown pages say so', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await page.getByLabel('Language').selectOption('cy');
  await page.getByRole('button', { name: 'Change' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'cy');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eich cynllun llesiant');
  await expectAccessible(page);
  await page.getByLabel('Iaith').selectOption('en');
  await page.getByRole('button', { name: 'Newid' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expectAccessible(page);
});

test.describe('on a connection that drops', () => {
  // The page's own requests only, where the route below can fail them.
  test.use({ serviceWorkers: 'block' });

  test('a page whose JavaScript, WASM or language fails to download comes alive on a later try', async ({ page }) => {
    const tries = { js: 0, wasm: 0, words: 0 };
    await page.route('**/pkg/wellbeing.js*', (route) => (tries.js++ === 0 ? route.abort('connectionreset') : route.continue()));
    await page.route('**/pkg/wellbeing.wasm', (route) =>
      tries.wasm++ === 0 ? route.abort('connectionreset') : route.continue(),
    );
    await page.route('**/locales/en.yml', (route) =>
      tries.words++ === 0 ? route.abort('connectionreset') : route.continue(),
    );
    await page.goto('/login');
    await hydrated(page);
    // The first try loses the JavaScript and the language, the second the WASM; the language is
    // asked for on every try.
    expect(tries).toEqual({ js: 2, wasm: 2, words: 3 });
    await page.getByLabel('Email address').fill('sam@example.org');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Hello');
  });

  // Most pages' code is a second WASM file, fetched the first time one of them is shown
  // (app/src/pages.rs, `LaterPage`).
  const LATER_PAGES = '**/pkg/split_later_page_*.wasm';

  test('the pages people open the app on load one WASM file, and the rest comes with the first other page', async ({
    page,
  }) => {
    const wasm = new Set<string>();
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.endsWith('.wasm')) wasm.add(path);
    });
    await logIn(page, 'sam@example.org', DEMO_PASSWORD);
    await hydrated(page);
    await page.getByRole('link', { name: 'My crisis plan', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('crisis plan');
    expect([...wasm]).toEqual(['/pkg/wellbeing.wasm']);
    await page.getByRole('link', { name: 'Home', exact: true }).first().click();
    await page.getByRole('link', { name: 'My plan', exact: true }).first().click();
    await expect(page.getByRole('heading', { name: 'My plan', level: 1 })).toBeVisible();
    expect([...wasm]).toHaveLength(2);
    expect([...wasm][1]).toMatch(/^\/pkg\/split_later_page_\d+\.wasm$/);
  });

  test("a page whose code will not download is loaded whole from the server, as it would be without JavaScript", async ({
    page,
  }) => {
    let tries = 0;
    await page.route(LATER_PAGES, (route) => {
      tries++;
      return route.abort('connectionreset');
    });
    await logIn(page, 'sam@example.org', DEMO_PASSWORD);
    await hydrated(page);
    await page.evaluate(() => Object.assign(window, { before: true }));
    await page.getByRole('link', { name: 'My plan', exact: true }).first().click();
    await expect(page.getByRole('heading', { name: 'My plan', level: 1 })).toBeVisible();
    // A new document: the one that asked for the chunk three times is gone.
    expect(await page.evaluate(() => 'before' in window)).toBe(false);
    expect(page.url()).toMatch(/\/plan$/);
    // Three tries on each page: the whole page's own, and then it stays as the server sent it,
    // not loaded again and again.
    await expect.poll(() => tries, { timeout: 15_000 }).toBe(6);
    await page.waitForTimeout(5000);
    expect(tries).toBe(6);
    await expect(page.getByRole('heading', { name: 'My plan', level: 1 })).toBeVisible();
  });

  test("a page whose code comes from a newer build than the one running is loaded whole, with that build's code", async ({
    page,
  }) => {
    let newer = 0;
    await page.route(LATER_PAGES, async (route) => {
      if (newer++ > 0) return route.continue();
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'x-wellbeing-build': 'a-newer-build' } });
    });
    await logIn(page, 'sam@example.org', DEMO_PASSWORD);
    await hydrated(page);
    await page.evaluate(() => Object.assign(window, { before: true }));
    await page.getByRole('link', { name: 'My plan', exact: true }).first().click();
    await expect(page.getByRole('heading', { name: 'My plan', level: 1 })).toBeVisible();
    await hydrated(page);
    expect(await page.evaluate(() => 'before' in window)).toBe(false);
    expect(newer).toBe(2);
  });
});
