import { BrowserContext, chromium, expect, Page, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { about, DEMO_PASSWORD, expectAccessible, hydrated, logIn, logOut, newServiceUser, unique } from './helpers';

/** The paths the service worker keeps in its data cache. */
async function keptPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    if (!(await caches.has('wellbeing-data'))) return [];
    const cache = await caches.open('wellbeing-data');
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
}

/** The text of one page the service worker keeps. */
async function keptPage(page: Page, path: string): Promise<string> {
  return page.evaluate(async (path) => {
    const kept = await caches.match(path, { cacheName: 'wellbeing-data' });
    return kept ? kept.text() : '';
  }, path);
}

/** Every request and response body kept in Cache Storage, as text. */
async function everythingCached(page: Page): Promise<string> {
  return page.evaluate(async () => {
    let all = '';
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        const type = response?.headers.get('content-type') ?? '';
        all += `${name} ${request.url}\n`;
        // The languages' strings are the app's own words for everyone, not the person's.
        const words = new URL(request.url).pathname.startsWith('/locales/');
        if (!type.includes('wasm') && !type.includes('image') && !words) all += `${await response?.text()}\n`;
      }
    }
    return all;
  });
}

/** The paths of the writes waiting in IndexedDB, oldest first. */
async function queuedPaths(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('wellbeing-queue', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('writes', { keyPath: 'id', autoIncrement: true });
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('writes').objectStore('writes').getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve(all.result.map((write: { pathname: string }) => write.pathname));
          };
        };
      }),
  );
}

async function queuedWrites(page: Page): Promise<number> {
  return (await queuedPaths(page)).length;
}

/** Signs Sam in and waits until the worker has kept his plan; returns the plan's path. */
async function samOnline(page: Page): Promise<string> {
  await logIn(page, 'sam@example.org', DEMO_PASSWORD);
  return planKept(page);
}

/** A new service user, signed in, once the worker has kept their plan; returns its path. */
async function newServiceUserOnline(page: Page): Promise<string> {
  await newServiceUser(page);
  return planKept(page);
}

/** Waits until the worker has kept the signed-in service user's plan; returns its path. */
async function planKept(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'My plan' }).first().click();
  await hydrated(page);
  await page.getByRole('link', { name: 'Ratings over time' }).click();
  await expect(page).toHaveURL(/\/ratings$/);
  const plan = new URL(page.url()).pathname.replace(/\/ratings$/, '');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => keptPaths(page), { timeout: 20_000 }).toEqual(expect.arrayContaining(['/plan', `${plan}/contacts`]));
  return plan;
}

/** Answers every DIALOG question with `answer` and sends it, with the phone offline. */
async function rateDialogOffline(page: Page, plan: string, answer: string) {
  await page.goto(`${plan}/rate/dialog`);
  await hydrated(page);
  for (let i = 0; i < 11; i++) {
    await page.getByRole('radio', { name: answer, exact: true }).click();
    await page.getByRole('button', { name: 'Next' }).click();
  }
  await page.getByRole('button', { name: 'Send my answers' }).click();
}

async function dialogRatings(context: BrowserContext, plan: string): Promise<number> {
  const id = plan.split('/').pop() ?? '';
  const response = await context.request.post('/api/rating_history', { form: { plan_id: id } });
  expect(response.ok()).toBe(true);
  return (await response.json()).dialog.length;
}

/** The plan's ratings of the example questionnaire (server/tests/fixtures/instruments), each as
 * its statements' answers: the choice's place from 0, as stored, before any is counted in reverse. */
async function checkInAnswers(context: BrowserContext, plan: string): Promise<Record<string, number>[]> {
  const id = plan.split('/').pop() ?? '';
  const response = await context.request.post('/api/rating_history', { form: { plan_id: id } });
  expect(response.ok()).toBe(true);
  const history: { instrument: { id: string }; ratings: { answers: { item: string; score: number }[] }[] }[] =
    (await response.json()).instruments;
  const checkIn = history.find((h) => h.instrument.id === 'checkin');
  return (checkIn?.ratings ?? []).map((r) => Object.fromEntries(r.answers.map((a) => [a.item, a.score])));
}

test('the manifest, icons and service worker meet the installability checks', async ({ page }) => {
  await page.goto('/login');
  await hydrated(page);
  const manifest = await (await page.request.get('/manifest.webmanifest')).json();
  expect(manifest).toMatchObject({ name: 'Wellbeing Plan', short_name: 'Wellbeing', start_url: '/', display: 'standalone', lang: 'en' });
  expect(manifest.theme_color).toMatch(/^#/);
  expect(manifest.background_color).toMatch(/^#/);
  const icons = manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`);
  expect(icons).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
  for (const icon of manifest.icons) expect((await page.request.get(icon.src)).ok()).toBe(true);

  const worker = await page.request.get('/sw.js');
  expect(worker.headers()['content-type']).toContain('javascript');
  expect(worker.headers()['cache-control']).toBe('no-cache');
  expect(await worker.text()).not.toContain('__WELLBEING_VERSION__');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/);

});

test('Chromium finds the app installable', async ({ baseURL }) => {
  // Test contexts are incognito, where nothing is installable: this one has a profile on disk.
  const profile = mkdtempSync(join(tmpdir(), 'wellbeing-install-'));
  const context = await chromium.launchPersistentContext(profile, { ...test.info().project.use, baseURL });
  try {
    const page = await context.newPage();
    await page.goto('/login');
    await hydrated(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    const cdp = await context.newCDPSession(page);
    await expect
      .poll(async () => (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, { timeout: 20_000 })
      .toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('with no signal, the crisis plan and its contacts open from a cold start', async ({ page, context }) => {
  const plan = await samOnline(page);
  await page.goto(`${plan}/contacts`);
  await hydrated(page);
  const name = unique('Robin ');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Relationship or role').fill('my neighbour');
  await page.getByLabel('Phone number').fill('07700 900456');
  await page.getByRole('button', { name: 'Add contact' }).click();
  await expect(page.getByRole('link', { name: 'Call 07700 900456' }).first()).toBeVisible();
  for (const path of ['/plan', `${plan}/contacts`]) {
    await expect.poll(() => keptPage(page, path), { timeout: 20_000 }).toContain(name);
  }
  await page.close();
  await context.setOffline(true);

  const offline = await context.newPage();
  await offline.goto('/plan');
  await hydrated(offline);
  const crisis = offline.getByRole('region', { name: 'My crisis plan' });
  await expect(crisis.getByText(name, { exact: false }).first()).toBeVisible();
  await expect(crisis.getByRole('link', { name: 'Call 07700 900456' }).first()).toHaveAttribute('href', 'tel:07700900456');
  await expect(crisis.getByRole('link', { name: 'Call 999' })).toHaveAttribute('href', 'tel:999');
  await expect(crisis.getByRole('link', { name: 'Text SHOUT to 85258' })).toHaveAttribute('href', 'sms:85258?body=SHOUT');
  await expect(offline.getByText("You're offline.")).toBeVisible();
  await expect(offline.getByText(/Showing what this phone saved on \d+ \w+ \d{4} at \d\d:\d\d\./)).toBeVisible();
  await expectAccessible(offline);

  await offline.goto(`${plan}/contacts`);
  await expect(offline.getByRole('link', { name: 'Call 07700 900456' }).first()).toHaveAttribute('href', 'tel:07700900456');
  await expect(offline.getByText("You're offline.")).toBeVisible();
  // A page the phone never kept says so rather than showing anything stale or foreign.
  await expect(offline.goto(`${plan}/sharing`)).rejects.toThrow();
});

test('a DIALOG rating made offline is kept through a reload and reaches the server once', async ({ page, context }) => {
  const plan = await samOnline(page);
  const before = await dialogRatings(context, plan);
  await context.setOffline(true);

  await rateDialogOffline(page, plan, '5 – fairly satisfied');
  await expect(page.getByText("Saved on this phone. It will be sent when you're back online.")).toBeVisible();
  await expect(page.getByText(/waiting to be sent when you're back online: 1\./)).toBeVisible();
  await expectAccessible(page);

  await page.reload();
  await hydrated(page);
  await expect(page.getByText(/waiting to be sent when you're back online: 1\./)).toBeVisible();
  expect(await queuedWrites(page)).toBe(1);

  await context.setOffline(false);
  await expect.poll(() => dialogRatings(context, plan), { timeout: 20_000 }).toBe(before + 1);
  await expect(page.getByText(/waiting to be sent/)).toBeHidden();
  expect(await queuedWrites(page)).toBe(0);
  // Asking the worker to send again sends nothing more.
  await page.evaluate(() => navigator.serviceWorker.controller?.postMessage('flush'));
  await page.reload();
  await hydrated(page);
  expect(await dialogRatings(context, plan)).toBe(before + 1);
});

test('a questionnaire the service loads is kept for rating with no signal, as DIALOG is', async ({ page, context }) => {
  // Someone new, whose questionnaire totals no other test touches.
  const plan = await newServiceUserOnline(page);
  const forms = ['dialog', 'wheel', 'goals', 'checkin'].map((measure) => `${plan}/rate/${measure}`);
  await expect.poll(() => keptPaths(page), { timeout: 20_000 }).toEqual(expect.arrayContaining(forms));
  await context.setOffline(true);

  await page.goto(`${plan}/rate/checkin`);
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'Weekly check-in (example)', level: 1 })).toBeVisible();
  await expect(page.getByText("You're offline.")).toBeVisible();
  for (const choice of ['All of the time', 'None of the time', 'Most of the time', 'Some of the time', 'Most of the time']) {
    await page.getByRole('radio', { name: choice, exact: true }).click();
    await page.getByRole('button', { name: 'Next' }).click();
  }
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(page.getByText("Saved on this phone. It will be sent when you're back online.")).toBeVisible();
  await expectAccessible(page);
  expect(await queuedPaths(page)).toEqual(['/api/rate']);

  await context.setOffline(false);
  await expect
    .poll(() => checkInAnswers(context, plan), { timeout: 20_000 })
    .toEqual([{ calm: 3, stuck: 0, connected: 2, coping: 1, sleep: 2 }]);
  expect(await queuedWrites(page)).toBe(0);
});

test('two ratings made offline from the kept form are two ratings, not one sent twice', async ({ page, context }) => {
  const plan = await samOnline(page);
  const before = await dialogRatings(context, plan);
  await context.setOffline(true);
  await rateDialogOffline(page, plan, '6 – very satisfied');
  await expect(page.getByText(/waiting to be sent when you're back online: 1\./)).toBeVisible();
  await rateDialogOffline(page, plan, '2 – very dissatisfied');
  await expect(page.getByText(/waiting to be sent when you're back online: 2\./)).toBeVisible();
  await context.setOffline(false);
  await expect.poll(() => dialogRatings(context, plan), { timeout: 20_000 }).toBe(before + 2);
});

test('a rating made offline survives closing the browser and is sent when it opens online', async ({ baseURL }) => {
  // A profile on disk, so closing and opening the browser keeps what the phone stored.
  const profile = mkdtempSync(join(tmpdir(), 'wellbeing-restart-'));
  const options = { ...test.info().project.use, baseURL };
  try {
    let context = await chromium.launchPersistentContext(profile, options);
    let page = await context.newPage();
    const plan = await samOnline(page);
    const before = await dialogRatings(context, plan);
    await context.setOffline(true);
    await rateDialogOffline(page, plan, '4 – in the middle');
    await expect(page.getByText(/waiting to be sent when you're back online: 1\./)).toBeVisible();
    await context.close();

    context = await chromium.launchPersistentContext(profile, options);
    page = await context.newPage();
    await page.goto('/');
    await hydrated(page);
    await expect.poll(() => dialogRatings(context, plan), { timeout: 20_000 }).toBe(before + 1);
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test('an action ticked off offline is kept and sent when the connection returns', async ({ page, context }) => {
  const plan = await samOnline(page);
  await page.goto(`${plan}/actions`);
  await hydrated(page);
  const what = unique('Water the plants ');
  await page.getByLabel('What will be done').fill(what);
  await page.getByLabel('Who will do it').selectOption({ label: 'Me' });
  await page.getByRole('button', { name: 'Add action' }).click();
  const action = page.locator('li.action', { hasText: what });
  await expect(action.getByText('To do')).toBeVisible();
  // The kept actions page now has the new action.
  await expect.poll(() => keptPage(page, `${plan}/actions`), { timeout: 20_000 }).toContain(what);

  await context.setOffline(true);
  await page.goto(`${plan}/actions`);
  await hydrated(page);
  await page.locator('li.action', { hasText: what }).getByRole('button', { name: about('Mark as done', what) }).click();
  await expect(page.getByText("Saved on this phone. It will be sent when you're back online.")).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByText(/waiting to be sent/)).toBeHidden();
  await page.reload();
  await expect(page.locator('li.action', { hasText: what }).locator('.tag')).toHaveText('Done');
});

test('logging out leaves no plan data on the phone, and warns first about unsent changes', async ({ page, context }) => {
  const plan = await samOnline(page);
  expect(await everythingCached(page)).toContain('My crisis plan');

  // A shared phone with no signal: a rating waits on it when its owner logs out.
  await context.setOffline(true);
  await rateDialogOffline(page, plan, '3 – fairly dissatisfied');
  await expect(page.getByText(/waiting to be sent when you're back online: 1\./)).toBeVisible();

  // The first press warns; the second wipes the phone's copy even though the server is not
  // reachable to end the session, and leaves the page that showed the plan.
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'have not been sent yet (1)' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Log out anyway' }).click();
  await expect.poll(() => page.url()).not.toContain('/rate/');
  // The manifest comes from the app shell: a page of the app's own to look from.
  await page.goto('/manifest.webmanifest');
  expect(await queuedPaths(page)).toEqual(['/api/logout']);
  expect(await keptPaths(page)).toEqual([]);
  const cached = await everythingCached(page);
  expect(cached).not.toContain('Sam Taylor');
  expect(cached).not.toContain('crisis plan');
  await expect(page.goto('/plan')).rejects.toThrow();

  // Back online, the waiting logout reaches the server: the session is over.
  await context.setOffline(false);
  await page.goto('/login');
  await hydrated(page);
  await expect.poll(() => queuedPaths(page), { timeout: 20_000 }).toEqual([]);
  expect(await (await page.request.post('/api/me')).json()).toBeNull();

  // Online, logging out ends the session and leaves nothing kept either.
  await logIn(page, 'sam@example.org', DEMO_PASSWORD);
  await expect.poll(() => keptPaths(page), { timeout: 20_000 }).toContain('/plan');
  await logOut(page);
  await context.setOffline(true);
  expect(await keptPaths(page)).toEqual([]);
  expect(await queuedWrites(page)).toBe(0);
  await expect(page.goto('/plan')).rejects.toThrow();
});

test('a 401 from the server wipes what the phone kept', async ({ page, context }) => {
  await samOnline(page);
  // The session ends (here its cookie is dropped); the next answer from the server is a 401.
  await context.clearCookies();
  await page.evaluate(() => fetch('/api/plan', { method: 'POST', body: new URLSearchParams() }));
  await expect.poll(() => keptPaths(page)).toEqual([]);
});

test('a crisis plan kept on the phone by choice opens logged out, and nothing else of the plan does', async ({ page, context }) => {
  const plan = await samOnline(page);
  const goal = unique('A goal kept private ');
  await page.goto(`${plan}/goals`);
  await hydrated(page);
  await page.getByLabel('My goal').fill(goal);
  await page.getByRole('button', { name: 'Add goal' }).click();
  await expect(page.getByText(goal).first()).toBeVisible();

  // From home, one tap: the card that says it can be kept on the phone.
  await page.goto('/');
  await hydrated(page);
  await page.getByRole('link', { name: 'My crisis plan', exact: true }).click();
  await expect(page).toHaveURL(/\/crisis-plan$/);
  await hydrated(page);
  await page.getByRole('button', { name: 'Keep my crisis plan on this phone' }).click();
  await expect(page.getByText('Your crisis plan is kept on this phone, also when you log out.')).toBeVisible();
  await expectAccessible(page);

  await logOut(page);
  await expect(page.getByRole('link', { name: 'Open my crisis plan, kept on this phone' })).toBeVisible();
  await expectAccessible(page);
  await context.setOffline(true);
  expect(await keptPaths(page)).toEqual([]);
  const cached = await everythingCached(page);
  expect(cached).toContain('/crisis-plan');
  expect(cached).not.toContain(goal);

  // Opening the app with no signal, logged out: the crisis plan, and no other part of the plan.
  for (const path of ['/', '/plan']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/crisis-plan$/);
    await expect(page.getByRole('link', { name: 'Call 999' })).toHaveAttribute('href', 'tel:999');
    await expect(page.getByText(/Showing what this phone saved on/)).toBeVisible();
    await expect(page.getByText(goal)).toHaveCount(0);
  }
  // Online and still logged out, the kept copy is what opens.
  await context.setOffline(false);
  await page.goto('/crisis-plan');
  await expect(page.getByRole('link', { name: 'Call 999' })).toHaveAttribute('href', 'tel:999');

  // Turned off, it is gone from the phone.
  await logIn(page, 'sam@example.org', DEMO_PASSWORD);
  await page.goto('/crisis-plan');
  await hydrated(page);
  await page.getByRole('button', { name: 'Stop keeping it on this phone' }).click();
  await expect(page.getByRole('button', { name: 'Keep my crisis plan on this phone' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => caches.has('wellbeing-crisis'))).toBe(false);
});

test('a page the service worker does not control still offers to keep the crisis plan', async ({ page, context }) => {
  await samOnline(page);
  await page.goto('/crisis-plan');
  await hydrated(page);
  const keep = page.getByRole('button', { name: 'Keep my crisis plan on this phone' });
  await expect(keep).toBeVisible();
  // A reload that bypasses the cache bypasses the worker too, so the page loads uncontrolled:
  // as one does that was still loading when the worker took the site over on a first visit.
  const cdp = await context.newCDPSession(page);
  const loaded = page.waitForEvent('load');
  await cdp.send('Page.reload', { ignoreCache: true });
  await loaded;
  await hydrated(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
  await keep.click();
  const stop = page.getByRole('button', { name: 'Stop keeping it on this phone' });
  await expect(stop).toBeVisible();
  await expect.poll(() => page.evaluate(() => caches.has('wellbeing-crisis'))).toBe(true);
  await stop.click();
  await expect(keep).toBeVisible();
  await expect.poll(() => page.evaluate(() => caches.has('wellbeing-crisis'))).toBe(false);
});
