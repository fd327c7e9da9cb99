import { expect, Page, test } from '@playwright/test';
import { createDecipheriv, createECDH, hkdfSync, randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { DEMO_PASSWORD, expectAccessible, hydrated, logIn, rateByApi } from './helpers';

// Chromium here cannot reach a real push service, so the test is the push service: the server
// (started by scripts/e2e with APP_PUSH_SERVICES naming this port) sends to it, the test
// decrypts what arrives (RFC 8291, with Node's own crypto), and hands it to the service worker
// as the browser's push service would, through the DevTools protocol.
const PUSH_PORT = Number(process.env.E2E_PUSH_PORT ?? 3101);

type Message = { device: string; body: Buffer; headers: Record<string, string | string[] | undefined> };

class PushService {
  messages: Message[] = [];
  private server: Server;

  constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c) => chunks.push(c));
      request.on('end', () => {
        this.messages.push({ device: request.url ?? '', body: Buffer.concat(chunks), headers: request.headers });
        response.writeHead(201).end();
      });
    });
  }

  start(): Promise<void> {
    return new Promise((resolve) => this.server.listen(PUSH_PORT, '127.0.0.1', resolve));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A browser's side of a push subscription, made here because Chromium cannot make one. */
class Subscription {
  private ecdh = createECDH('prime256v1');
  readonly auth = randomBytes(16);
  readonly endpoint: string;

  constructor(device: string) {
    this.ecdh.generateKeys();
    this.endpoint = `http://127.0.0.1:${PUSH_PORT}/push/${device}`;
  }

  get p256dh(): string {
    return this.ecdh.getPublicKey().toString('base64url');
  }

  decrypt(body: Buffer): string {
    const salt = body.subarray(0, 16);
    const idLength = body[20];
    const sender = body.subarray(21, 21 + idLength);
    const record = body.subarray(21 + idLength);
    const shared = this.ecdh.computeSecret(sender);
    const info = Buffer.concat([Buffer.from('WebPush: info\0'), this.ecdh.getPublicKey(), sender]);
    const ikm = Buffer.from(hkdfSync('sha256', shared, this.auth, info, 32));
    const key = Buffer.from(hkdfSync('sha256', ikm, salt, 'Content-Encoding: aes128gcm\0', 16));
    const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, 'Content-Encoding: nonce\0', 12));
    const decipher = createDecipheriv('aes-128-gcm', key, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    let plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    let end = plain.length;
    while (end > 0 && plain[end - 1] === 0) end -= 1;
    expect(plain[end - 1], 'the last-record delimiter').toBe(2);
    plain = plain.subarray(0, end - 1);
    return plain.toString('utf8');
  }
}

/** Registers `sub` as the signed-in person's device, from the page as the app itself does. */
async function register(page: Page, sub: Subscription, device: string) {
  const status = await page.evaluate(
    async ({ endpoint, p256dh, auth, device }) => {
      const body = new URLSearchParams({ endpoint, p256dh, auth, device });
      return (await fetch('/api/add_device', { method: 'POST', body })).status;
    },
    { endpoint: sub.endpoint, p256dh: sub.p256dh, auth: sub.auth.toString('base64url'), device },
  );
  expect(status).toBe(200);
}

/** Sam rates DIALOG and asks for more help with his mental health. */
async function askForHelp(page: Page) {
  return (await rateByApi(page, 'dialog', '4', true)).plan;
}

let service: PushService;

test.beforeAll(async () => {
  service = new PushService();
  await service.start();
});

test.afterAll(async () => {
  await service.stop();
});

test('a key worker gets a push when their service user asks for more help, and the click opens the ratings', async ({
  page,
  context,
  browser,
}) => {
  await context.grantPermissions(['notifications']);
  await logIn(page, 'keyworker@example.org', DEMO_PASSWORD);
  await page.getByRole('link', { name: 'Notifications' }).click();
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
  await hydrated(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect(page.getByText('This device does not get notifications yet.')).toBeVisible();
  await expectAccessible(page);

  // This Chromium has no push service of its own: turning on fails, and says so.
  await page.getByLabel('What to call this device').fill('Work phone');
  await page.getByRole('button', { name: 'Turn on notifications on this device' }).click();
  await expect(page.getByText('This browser could not turn on notifications.')).toBeVisible();

  const sub = new Subscription('worker-phone');
  await register(page, sub, 'Work phone');
  await page.reload();
  await expect(page.locator('li strong', { hasText: 'Work phone' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Stop notifications\W+Work phone/ })).toBeVisible();
  await expectAccessible(page);

  const sam = await browser.newContext();
  const samPage = await sam.newPage();
  await logIn(samPage, 'sam@example.org', DEMO_PASSWORD);
  const plan = await askForHelp(samPage);
  await expect.poll(() => service.messages.filter((m) => m.device === '/push/worker-phone').length).toBe(1);
  const message = service.messages.find((m) => m.device === '/push/worker-phone')!;
  expect(message.headers['content-encoding']).toBe('aes128gcm');
  expect(message.headers.urgency).toBe('high');
  expect(String(message.headers.authorization)).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]{87}$/);
  const payload = sub.decrypt(message.body);
  const notice = JSON.parse(payload);
  expect(notice).toEqual({
    title: 'Wellbeing Plan',
    body: 'You have an update in Wellbeing Plan',
    url: `/plans/${plan}/ratings`,
    tag: 'help_asked',
  });
  await sam.close();

  // The browser's push service hands the message to the service worker.
  await page.goto('/caseload');
  await hydrated(page);
  const cdp = await context.newCDPSession(page);
  // A push goes to a registration's active worker: wait for the version that is activated,
  // not just any registration (one still installing would drop the message).
  const registration = new Promise<string>((resolve) =>
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      const active = versions.find((v: { status: string }) => v.status === 'activated');
      if (active) resolve(active.registrationId);
    }),
  );
  await cdp.send('ServiceWorker.enable');
  const origin = new URL(page.url()).origin;
  const registrationId = await registration;
  // DevTools can drop a delivery while it starts the worker; a push service delivers again
  // until it is taken, and so does this. The same tag means a second delivery replaces the first.
  await expect(async () => {
    await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data: payload });
    // Asked of the page's registration, which is always the live one.
    await expect
      .poll(
        () =>
          page.evaluate(async () =>
            (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => [n.title, n.body]),
          ),
        { timeout: 4000 },
      )
      .toEqual([['Wellbeing Plan', 'You have an update in Wellbeing Plan']]);
  }).toPass({ timeout: 20_000 });
  const worker = context.serviceWorkers().at(-1)!;

  // A click opens the page the notification names, in the window already open.
  await worker.evaluate(async () => {
    const [shown] = await self.registration.getNotifications();
    // The worker's own click handler, called as the notificationclick event calls it.
    await (self as unknown as { openNotice(data: unknown): Promise<void> }).openNotice(shown.data);
  });
  await expect(page).toHaveURL(new RegExp(`/plans/${plan}/ratings$`));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await cdp.detach();

  // The worker stops notifications on the device; nothing more is sent to it.
  await page.goto('/notifications');
  await hydrated(page);
  await page.getByRole('button', { name: /Stop notifications\W+Work phone/ }).click();
  await expect(page.getByText('You have not turned on notifications on any device yet.')).toBeVisible();
  await expectAccessible(page);
});

test('a message that is not ours opens nothing outside the app', async ({ page, context }) => {
  await context.grantPermissions(['notifications']);
  await logIn(page, 'alex@example.org', DEMO_PASSWORD);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  const worker = context.serviceWorkers()[0];
  const opened = await worker.evaluate(async () => {
    const scope = self as unknown as { samePath(url: unknown): string };
    return [scope.samePath('https://evil.example/steal'), scope.samePath('/plans/1/actions'), scope.samePath(7)];
  });
  expect(opened).toEqual(['/', '/plans/1/actions', '/']);
});
