// Wellbeing Plan's service worker. It decides what health data stays on a phone, so it is kept
// small and hand-written to be easy to audit:
//
// - The app shell (WASM, JS, CSS, icons, manifest, and every language's strings, which the
//   WASM does not carry) is cached at install, one cache per version.
// - Only a signed-in service user's own plan pages (the plan with its crisis section, contacts,
//   actions, rating forms) and the reads those pages make are kept, so that the crisis plan opens
//   on a phone with no signal. Nothing is kept for key workers, carers or admins, who see other
//   people's plans.
// - A rating or a ticked-off action made offline is queued in IndexedDB and sent when the
//   connection returns. Each carries its own key (ratings) or is idempotent (a status), so a
//   resend after a lost answer stores nothing twice.
// - Logging out, or any 401/403 from the server, wipes the kept plan data; logging out also
//   wipes the queue (the page warns first when something is unsent). Logging out with no signal
//   wipes at once and sends the logout when the connection returns.
// - The one exception, only when the person turns it on: their crisis plan's own page (which
//   carries no other section) is kept for when they are logged out. It goes when they turn it
//   off, or when someone else signs in on this phone.
//
// - A push notification says only that there is an update (lock screens are public); a click
//   opens the page it names, in a window of the app that is open already if there is one.
//
// The server replaces the version below with a fingerprint of the built files and the
// languages' strings when it serves this script, so a new build installs a new worker and
// drops the old shell.
const VERSION = '__WELLBEING_VERSION__';
const SHELL_CACHE = `wellbeing-shell-${VERSION}`;
const DATA_CACHE = 'wellbeing-data';
const CRISIS_CACHE = 'wellbeing-crisis';
const CRISIS_PAGE = '/crisis-plan';
const CRISIS_OWNER_KEY = '/__wellbeing/crisis-owner';
const SHELL_FILES = [
  // The server lists every built script, WASM (most pages' code is in a second file, fetched
  // when it is first needed: app/src/pages.rs) and style sheet here when it serves this script.
  '__WELLBEING_PKG_FILES__',
  '/manifest.webmanifest',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/maskable-512.png',
  // The server lists every language's file here when it serves this script.
  '__WELLBEING_LOCALE_FILES__',
];
// Writes that may wait for a connection.
const QUEUED_WRITES = ['/api/rate', '/api/set_action_status'];
// Server-function reads kept for the person's own plan (the body names the plan).
const KEPT_READS = ['/api/me', '/api/plan', '/api/rating_form', '/api/rating_history'];
// The measures whose rating forms are kept, so that the person can rate with no signal: the
// server lists DIALOG, the wheel, goals and each questionnaire it loads here when it serves this
// script.
const RATING_FORMS = ['__WELLBEING_RATING_FORMS__'];
// How often a visit refreshes every kept page at most, so browsing does not load the server.
const REFRESH_EVERY_MS = 60_000;
const IDENTITY_KEY = '/__wellbeing/identity';
const LOGOUT = '/api/logout';
const SAVED_AT_HEADER = 'x-wellbeing-saved-at';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL_FILES))
      // A page already open keeps the WASM it loaded, so taking over at once never breaks a
      // form being filled in; the next page load uses the new version.
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith('wellbeing-shell-') && name !== SHELL_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim())
      // The page that installed the worker loaded before it: keep the plan now.
      .then(() => refresh(true)),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'GET' && SHELL_FILES.includes(url.pathname)) {
    event.respondWith(shellFile(request));
  } else if (request.method === 'GET' && request.mode === 'navigate') {
    event.respondWith(page(event));
  } else if (request.method === 'POST' && url.pathname === LOGOUT) {
    event.respondWith(logOut(request));
  } else if (request.method !== 'POST' || request.mode === 'navigate') {
    // A form posted without JavaScript goes to the network as it is.
  } else if (QUEUED_WRITES.includes(url.pathname)) {
    event.respondWith(write(request));
  } else if (KEPT_READS.includes(url.pathname)) {
    event.respondWith(read(request));
  } else if (url.pathname.startsWith('/api/')) {
    event.respondWith(otherWrite(request));
  }
});

self.addEventListener('message', (event) => {
  if (event.data === 'flush') event.waitUntil(flush());
  if (event.data === 'status') event.waitUntil(tellQueue(event.source).then(() => tellCrisis(event.source)));
  if (event.data === 'keep-crisis:on') {
    crisisChoices += 1;
    event.waitUntil(keepCrisisPlan(crisisChoices).then(() => tellCrisis()));
  }
  if (event.data === 'keep-crisis:off') {
    crisisChoices += 1;
    event.waitUntil(caches.delete(CRISIS_CACHE).then(() => tellCrisis()));
  }
});

self.addEventListener('push', (event) => {
  event.waitUntil(showNotice(event.data));
});

// The browser may replace a subscription (keys rotated, push service moved): the device is
// moved to the new one, so notifications keep coming without the person doing anything.
self.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil(renewSubscription(event.oldSubscription, event.newSubscription));
});

async function renewSubscription(old, renewed) {
  if (!old) return;
  const next = renewed || (await self.registration.pushManager.subscribe(old.options));
  const { keys } = next.toJSON();
  const body = new URLSearchParams({ old_endpoint: old.endpoint, endpoint: next.endpoint, p256dh: keys.p256dh, auth: keys.auth });
  await fetch('/api/renew_device', { method: 'POST', body, credentials: 'same-origin' });
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openNotice(event.notification.data));
});

async function showNotice(data) {
  let notice = {};
  try {
    notice = data ? data.json() : {};
  } catch {
    // A message we cannot read still tells the person to look.
  }
  const title = typeof notice.title === 'string' ? notice.title : 'Wellbeing Plan';
  await self.registration.showNotification(title, {
    body: typeof notice.body === 'string' ? notice.body : '',
    tag: typeof notice.tag === 'string' ? notice.tag : 'wellbeing',
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    data: { url: samePath(notice.url) },
  });
}

// Only a path of this app: a message can never send the person elsewhere.
function samePath(url) {
  if (typeof url !== 'string') return '/';
  const target = new URL(url, self.location.origin);
  return target.origin === self.location.origin ? target.pathname + target.search : '/';
}

async function openNotice(data) {
  const url = new URL(samePath(data && data.url), self.location.origin).href;
  const windows = await clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
  if (open) {
    const shown = await open.navigate(url).catch(() => null);
    await (shown || open).focus().catch(() => {});
    // A window this worker does not control cannot be navigated from here: it is asked to go.
    if (!shown) open.postMessage(`open:${new URL(url).pathname}`);
    return;
  }
  await clients.openWindow(url);
}

self.addEventListener('sync', (event) => {
  if (event.tag === 'wellbeing-queue') event.waitUntil(flush());
});

async function shellFile(request) {
  const cached = await caches.match(request, { cacheName: SHELL_CACHE });
  return cached ?? fetch(request);
}

// --- Who is signed in -------------------------------------------------------------------------

// `{ plan }` for a signed-in service user with a plan, else null. Asked of the server, so the
// worker never trusts anything the page says about who is signed in.
async function whoIsSignedIn() {
  const response = await fetch('/api/me', { method: 'POST', body: new URLSearchParams() });
  if (!response.ok) return null;
  const me = await response.json();
  return me && me.role === 'ServiceUser' && me.plan_id ? { plan: me.plan_id } : null;
}

async function keptIdentity() {
  const cache = await caches.open(DATA_CACHE);
  const kept = await cache.match(IDENTITY_KEY);
  return kept ? kept.json() : null;
}

// The pages kept for a plan: the crisis plan is on the plan page, its numbers on contacts.
function keptPages(plan) {
  return [
    '/',
    '/plan',
    CRISIS_PAGE,
    `/plans/${plan}`,
    `/plans/${plan}/contacts`,
    `/plans/${plan}/actions`,
    ...RATING_FORMS.map((measure) => `/plans/${plan}/rate/${measure}`),
  ];
}

function isKeptPage(pathname, identity) {
  return identity !== null && keptPages(identity.plan).includes(pathname);
}

// Server-function reads name the plan in their body; only the person's own are kept.
function isKeptRead(pathname, body, identity) {
  if (identity === null) return false;
  if (pathname === '/api/me') return true;
  const plan = new URLSearchParams(body).get('plan_id');
  return plan === null ? pathname === '/api/plan' : plan === String(identity.plan);
}

let lastRefresh = 0;
let refreshing = null;
let refreshAgain = false;

// Refreshes every kept page, at most once a minute unless `force`: called on online visits, and
// forced after a change (again once the refresh under way ends, which may predate the change).
function refresh(force) {
  if (refreshing) {
    refreshAgain = refreshAgain || force;
    return refreshing;
  }
  if (!force && Date.now() - lastRefresh < REFRESH_EVERY_MS) return Promise.resolve();
  refreshing = (async () => {
    if (await logoutWaiting()) return;
    const identity = await whoIsSignedIn();
    const before = await keptIdentity();
    if (identity === null || before === null || before.plan !== identity.plan) await wipeData();
    if (identity === null) return;
    const cache = await caches.open(DATA_CACHE);
    await cache.put(IDENTITY_KEY, new Response(JSON.stringify(identity)));
    for (const path of keptPages(identity.plan)) {
      const response = await fetch(path, { credentials: 'same-origin' });
      if (response.status === 401 || response.status === 403) return wipeData();
      // A redirect (to log in, say) is not the page asked for.
      if (response.ok && !response.redirected) await cache.put(path, stamped(response));
    }
    await refreshCrisisPlan(identity);
    lastRefresh = Date.now();
  })()
    .catch(() => {})
    .finally(() => {
      refreshing = null;
      if (refreshAgain) {
        refreshAgain = false;
        refresh(true);
      }
    });
  return refreshing;
}

// A copy of `response` that says when it was kept.
function stamped(response) {
  const headers = new Headers(response.headers);
  headers.set(SAVED_AT_HEADER, String(Date.now()));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

// --- The crisis plan kept for when logged out (only when the person turned it on) ----------------

async function keptCrisisOwner() {
  if (!(await caches.has(CRISIS_CACHE))) return null;
  const owner = await (await caches.open(CRISIS_CACHE)).match(CRISIS_OWNER_KEY);
  return owner ? owner.json() : null;
}

// Counts the person's choices, so a refresh that began before "stop keeping it" cannot keep it.
let crisisChoices = 0;

// Keeps the crisis page as the person chose at `choice`; a later choice wins even if it came
// while this one was still fetching or storing.
async function keepCrisisPlan(choice) {
  const identity = await whoIsSignedIn();
  if (identity === null) return;
  const response = await fetch(CRISIS_PAGE, { credentials: 'same-origin' });
  if (!response.ok || response.redirected || choice !== crisisChoices) return;
  const cache = await caches.open(CRISIS_CACHE);
  await cache.put(CRISIS_PAGE, stamped(response));
  await cache.put(CRISIS_OWNER_KEY, new Response(JSON.stringify(identity)));
  if (choice !== crisisChoices) await caches.delete(CRISIS_CACHE);
}

// Keeps the kept crisis plan current; drops it when someone else is signed in on this phone.
async function refreshCrisisPlan(identity) {
  const choice = crisisChoices;
  const owner = await keptCrisisOwner();
  if (owner === null) return;
  if (owner.plan !== identity.plan) await caches.delete(CRISIS_CACHE);
  else await keepCrisisPlan(choice);
}

async function tellCrisis(client) {
  const kept = (await keptCrisisOwner()) !== null;
  const targets = client ? [client] : await openPages();
  for (const target of targets) target.postMessage(`crisis-kept:${kept ? 1 : 0}`);
}

async function wipeData() {
  await caches.delete(DATA_CACHE);
  lastRefresh = 0;
}

// --- Pages ------------------------------------------------------------------------------------

// A kept page is served from the phone when the network has not answered in this long: a weak
// signal must not keep a person in crisis from their plan.
const SLOW_NETWORK_MS = 6_000;

async function page(event) {
  const request = event.request;
  const pathname = new URL(request.url).pathname;
  const identity = await keptIdentity();
  if (pathname === CRISIS_PAGE && identity === null) {
    // Logged out: the server would only ask to log in; the kept crisis plan is what is wanted.
    const crisis = await caches.match(CRISIS_PAGE, { cacheName: CRISIS_CACHE });
    if (crisis) return markedSavedAt(crisis);
  }
  const kept = isKeptPage(pathname, identity);
  try {
    const response = await (kept ? withinTime(fetch(request), SLOW_NETWORK_MS) : fetch(request));
    if (response.status === 401 || response.status === 403) {
      await wipeData();
    } else if (response.ok) {
      event.waitUntil(refresh(false));
    }
    return response;
  } catch (offline) {
    const copy = kept ? await caches.match(pathname, { cacheName: DATA_CACHE }) : null;
    if (copy) return markedSavedAt(copy);
    // Nothing kept for this page, but the person chose to keep their crisis plan: that is
    // what someone opening the app with no signal most needs.
    if (pathname !== CRISIS_PAGE && (await caches.match(CRISIS_PAGE, { cacheName: CRISIS_CACHE }))) {
      return Response.redirect(CRISIS_PAGE, 303);
    }
    // Slow but not offline: wait for the network after all.
    if (offline === TOO_SLOW) return fetch(request);
    throw offline;
  }
}

const TOO_SLOW = new Error('the network is slow');

function withinTime(promise, ms) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(TOO_SLOW), ms))]);
}

// The kept page, with the time it was kept on <body> so the page can say how old it is.
async function markedSavedAt(kept) {
  const savedAt = kept.headers.get(SAVED_AT_HEADER) ?? '';
  const html = (await kept.text()).replace('<body', `<body data-offline-saved-at="${Number(savedAt)}"`);
  return new Response(html, { status: kept.status, headers: kept.headers });
}

// --- Reads ------------------------------------------------------------------------------------

function readKey(pathname, body) {
  return `/__wellbeing/read${pathname}?${body}`;
}

async function read(request) {
  const pathname = new URL(request.url).pathname;
  const body = await request.clone().text();
  try {
    const response = await fetch(request);
    if (response.status === 401 || response.status === 403) {
      await wipeData();
    } else if (response.ok && isKeptRead(pathname, body, await keptIdentity())) {
      const cache = await caches.open(DATA_CACHE);
      await cache.put(readKey(pathname, body), stamped(response.clone()));
    }
    return response;
  } catch (offline) {
    const identity = await keptIdentity();
    const kept = isKeptRead(pathname, body, identity)
      ? await caches.match(readKey(pathname, body), { cacheName: DATA_CACHE })
      : null;
    if (kept) return kept;
    throw offline;
  }
}

// --- Writes -----------------------------------------------------------------------------------

// Any other server function: a write changes the plan, so the kept pages are refreshed after it.
async function otherWrite(request) {
  const response = await fetch(request);
  if (response.status === 401 || response.status === 403) await wipeData();
  else if (response.ok) refresh(true);
  return response;
}

async function write(request) {
  const pathname = new URL(request.url).pathname;
  const body = await request.clone().text();
  const contentType = request.headers.get('content-type') ?? 'application/x-www-form-urlencoded';
  try {
    const response = await fetch(request);
    if (response.status === 401 || response.status === 403) await wipeData();
    else if (response.ok) refresh(true);
    return response;
  } catch (offline) {
    const identity = await keptIdentity();
    if (identity === null) throw offline;
    await enqueue({ pathname, body, contentType, plan: identity.plan, at: Date.now() });
    await tellQueue();
    if (self.registration.sync) self.registration.sync.register('wellbeing-queue').catch(() => {});
    // Answered as the app's own error, "saved on this phone" (an error status, so the page keeps
    // what was typed instead of reading it as a stored result).
    return new Response(JSON.stringify('SavedOffline'), {
      status: 503,
      headers: { 'content-type': 'application/json', 'x-wellbeing-queued': '1' },
    });
  }
}

async function logOut(request) {
  // A refresh under way could otherwise keep pages again after the wipe.
  if (refreshing) await refreshing;
  const body = await request.clone().text();
  await clearQueue();
  await wipeData();
  await tellQueue();
  try {
    return await fetch(request);
  } catch (offline) {
    // The phone forgets the plan now; the server ends the session when it can be reached.
    // Until then nothing is kept again (see `refresh`).
    await enqueue({ pathname: LOGOUT, body, contentType: 'application/x-www-form-urlencoded', at: Date.now() });
    return new Response(JSON.stringify('SavedOffline'), { status: 503, headers: { 'content-type': 'application/json' } });
  }
}

async function logoutWaiting() {
  return (await queued()).some((item) => item.pathname === LOGOUT);
}

// --- The queue (IndexedDB, so it survives reloads and a browser restart) ------------------------

function openQueue() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('wellbeing-queue', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('writes', { keyPath: 'id', autoIncrement: true });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

async function withStore(mode, work) {
  const db = await openQueue();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction('writes', mode);
      const result = work(tx.objectStore('writes'));
      tx.oncomplete = () => resolve(result.result);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

const enqueue = (write) => withStore('readwrite', (store) => store.add(write));
const queued = () => withStore('readonly', (store) => store.getAll());
const dequeue = (id) => withStore('readwrite', (store) => store.delete(id));
const clearQueue = () => withStore('readwrite', (store) => store.clear());

// Every open page of the app, also one this worker does not control (it was still loading when
// the worker took over): it talks to the worker all the same (tell_worker in offline.rs).
function openPages() {
  return self.clients.matchAll({ type: 'window', includeUncontrolled: true });
}

// Tells one page, or every open page, how many of the person's changes wait to be sent.
async function tellQueue(client) {
  const count = (await queued()).filter((item) => item.pathname !== LOGOUT).length;
  const targets = client ? [client] : await openPages();
  for (const target of targets) target.postMessage(`queued:${count}`);
}

let flushing = null;

// Sends every queued write, oldest first. One that the server refuses (4xx) is dropped: resending
// would never succeed. A network failure or a server error keeps the rest for the next try.
function flush() {
  if (flushing) return flushing;
  flushing = (async () => {
    let sent = 0;
    for (const item of await queued()) {
      let response;
      try {
        response = await fetch(item.pathname, {
          method: 'POST',
          body: item.body,
          headers: { 'content-type': item.contentType },
          credentials: 'same-origin',
        });
      } catch (offline) {
        break;
      }
      if (response.status === 401) break;
      if (response.ok || (response.status >= 400 && response.status < 500 && response.status !== 429)) {
        await dequeue(item.id);
        sent += 1;
      } else {
        break;
      }
    }
    await tellQueue();
    if (sent > 0) refresh(true);
  })()
    .catch(() => {})
    .finally(() => {
      flushing = null;
    });
  return flushing;
}
