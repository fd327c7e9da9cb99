// Writes BENCHMARKS.md from the figures scripts/bench left in WORK: every number, the target
// it is held against, the command, the date and the machine.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [work, people, seconds] = process.argv.slice(2);
const read = (name) => JSON.parse(fs.readFileSync(path.join(work, name), 'utf8'));
const text = (name) => fs.readFileSync(path.join(work, name), 'utf8').trim();
const kb = (bytes) => (bytes / 1024).toFixed(1);
const mb = (kilobytes) => (kilobytes / 1024).toFixed(1);
const pct = (x) => `${(100 * x).toFixed(0)}%`;
const verdict = (ok) => (ok ? 'met' : '**not met**');
const errors = (r) => Object.values(r.errors).reduce((a, b) => a + b, 0);
// One errors record for several runs: each kind summed.
const sumErrors = (runs) =>
  Object.fromEntries(Object.keys(runs[0].errors).map((k) => [k, runs.reduce((n, r) => n + r.errors[k], 0)]));
const lines = [];
const say = (line = '') => lines.push(line);
// A measurement's three runs (`name-1.json`...), each with what `more` adds from its run number,
// slowest first: the middle one is the median run.
const threeRuns = (name, more = () => ({})) =>
  [1, 2, 3].map((n) => ({ ...read(`${name}-${n}.json`), ...more(n) })).sort((a, b) => a.per_second - b.per_second);

const commit = execSync('git rev-parse --short HEAD').toString().trim();
const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) || [])[1] || 'unknown CPU';
say('# Benchmarks');
say();
say(`Produced by \`scripts/bench\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit},`);
say(`on ${os.cpus().length} cores (${cpu}) with ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB. Release build; every`);
say('client (wrk, Node, Chromium) runs on the same two cores as the server, so the ratios are the figures to');
say('read: each is measured in the same run against its baseline. Run it again with `scripts/bench`');
say('(`BENCH_SECONDS=30 scripts/bench` for longer load runs).');
say();

say('## 1. Load');
say();
say(`wrk, 2 threads, 64 connections, ${seconds} s a run, on loopback. ${people} service users signed in, each`);
say('request as the next of them: the plan page is their own plan rendered on the server; the plan read is');
say('the `plan` server function; the rating write is a whole DIALOG (11 items) under a new request key.');
say('The ceiling is `/healthz` in the same binary (routing, security headers, no work). The raw insert loop');
say('is the same row inserted on the app\'s own pool by 64 tasks, with no HTTP, session, policy or validation');
say('(on PostgreSQL the table\'s trigger still counts each row against its plan, as it does a rating\'s).');
say();
say('| database | request | req/s | p50 ms | p99 ms | errors | vs ceiling | target | |');
say('|---|---|---:|---:|---:|---:|---:|---|---|');
const ratingRuns = [];
for (const backend of ['sqlite', 'postgres']) {
  const ceiling = read(`${backend}-ceiling.json`);
  const [rating, raw] = [threeRuns(`${backend}-rating`), threeRuns(`${backend}-raw`)];
  ratingRuns.push({ backend, rating, raw });
  const rows = [
    ['ceiling: `/healthz`', ceiling, null],
    ['plan page (SSR)', read(`${backend}-page.json`), 'page'],
    ['plan read (`/api/plan`)', read(`${backend}-read.json`), null],
    ['rating write (`/api/rate`)', { ...rating[1], errors: sumErrors(rating) }, 'rating'],
  ];
  for (const [name, r, target] of rows) {
    let goal = '';
    let ok = '';
    if (target === 'page') {
      goal = '>= 40% of ceiling, p99 < 20 ms';
      ok = verdict(r.per_second >= 0.4 * ceiling.per_second && r.p99_ms < 20);
    } else if (target === 'rating') {
      goal = `>= 50% of raw inserts (${raw[1].per_second}/s)`;
      ok = `${pct(r.per_second / raw[1].per_second)} of raw: ${verdict(r.per_second >= 0.5 * raw[1].per_second)}`;
    }
    say(`| ${backend} | ${name} | ${r.per_second} | ${r.p50_ms} | ${r.p99_ms} | ${errors(r)} | ${pct(r.per_second / ceiling.per_second)} | ${goal} | ${ok} |`);
  }
  say(`| ${backend} | raw sqlx insert loop | ${raw[1].per_second} | | | 0 | | | |`);
}
say();
say('The rating write and the raw loop ran three times each on each database; the table gives each one\'s');
say('median run, and its errors are those of all three. Every run, req/s:');
say();
for (const { backend, rating, raw } of ratingRuns) {
  const list = (runs) => runs.map((r) => r.per_second).join(', ');
  say(`- ${backend}: rating write ${list(rating)}; raw loop ${list(raw)}`);
}
say();

say('## 2. Push fan-out');
say();
// Three runs of each sender: the median run by rate, and every run's losses.
const runs = (sender) =>
  threeRuns(`push-${sender}`, (n) => ({ accepted: read(`push-${sender}-received-${n}.json`).accepted }));
const oursRuns = runs('ours');
const npmRuns = runs('npm');
const [ours, npm] = [oursRuns[1], npmRuns[1]];
const lost = (r) => 10000 - r.accepted;
const oursLost = Math.max(...oursRuns.map(lost));
const ecdhRuns = [1, 2, 3].map((n) => Number(text(`ecdh-ops-${n}`)));
const ecdh = [...ecdhRuns].sort((a, b) => a - b)[1];
const aesBytes = Number(text('aes-kbytes').replace(/k$/, '')) * 1000;
const floorPerCore = 1 / (1 / ecdh + 256 / aesBytes);
const cores = os.cpus().length;
say('10,000 notifications, each to a device of its own (a fresh P-256 key), to a Node push service on');
say('loopback that checks each is VAPID-signed and aes128gcm-encrypted and answers 201. Ours is the');
say('server\'s worker as it runs in production, a task on the runtime (claim from the outbox, sign,');
say('encrypt with ring, POST, record the outcome in SQLite), 100 at a time; npm `web-push` 3.6.7');
say('encrypts and POSTs the same payload, 100 in flight. The floor is one P-256 ECDH plus one');
say('AES-128-GCM of a 256-byte block a message, from `openssl speed` on one core, measured after');
say('each pair of runs; the table gives the median of the three. Each sender ran three times; the');
say('table gives the median run.');
say();
say('| sender | sent | received | lost | seconds | messages/s |');
say('|---|---:|---:|---:|---:|---:|');
say(`| ours (Rust worker, with the database) | ${ours.sent} | ${ours.accepted} | ${lost(ours)} | ${ours.seconds} | ${ours.per_second} |`);
say(`| npm web-push | ${npm.sent} | ${npm.accepted} | ${lost(npm)} | ${npm.seconds} | ${npm.per_second} |`);
say(`| crypto floor, one core | | | | ${(10000 / floorPerCore).toFixed(3)} | ${floorPerCore.toFixed(0)} |`);
say(`| crypto floor, ${cores} cores | | | | ${(10000 / (cores * floorPerCore)).toFixed(3)} | ${(cores * floorPerCore).toFixed(0)} |`);
say();
say(`Every run, messages/s: ours ${oursRuns.map((r) => r.per_second).join(', ')}; npm web-push ${npmRuns.map((r) => r.per_second).join(', ')}.`);
say(`OpenSSL: P-256 ECDH op/s ${ecdhRuns.join(', ')}; AES-128-GCM ${text('aes-kbytes').replace(/k$/, '')} kB/s in 256-byte blocks.`);
say();
say(`- vs npm web-push: ${(ours.per_second / npm.per_second).toFixed(1)}x (target >= 5x): ${verdict(ours.per_second >= 5 * npm.per_second)}`);
say(`- vs the one-core floor: ${(floorPerCore / ours.per_second).toFixed(1)}x slower (target within 2x): ${verdict(ours.per_second * 2 >= floorPerCore)}`);
say(`- lost, in the worst of the three runs: ${oursLost} (target 0): ${verdict(oursLost === 0 && oursRuns.every((r) => r.sent === 10000))}`);
say();

say('## 3. Bundle');
say();
const bundle = read('bundle.json');
say('What a browser downloads: the first page (the files `/` names, the split WASM\'s loader that the');
say('app\'s script imports, its language\'s strings, the service worker and the manifest) and the whole app');
say('(every file under `pkg/` but the split\'s manifest, the service worker, the manifest and every');
say('language\'s strings, which the worker keeps for offline use). The WASM is split in two');
say('(app/src/pages.rs): the pages people open the app on (home, logging in, the crisis plan, an');
say('invitation, a crisis card) are in the first file, and the other pages in a second, which the app');
say('fetches the first time one of them is shown and the service worker keeps. gzip level 9 and');
say('brotli quality 11 are what each file weighs compressed; "served" is what the server sends a browser');
say('that asks for brotli: the release build\'s brotli copy of a site file (`--precompress`), else the');
say('file compressed as it is sent, at quality 5 (the service worker, stamped at start-up, and the');
say('languages, served from the server\'s own copy).');
// The std the WASM was built with depends on the machine: see release_env in scripts/env.sh.
const wasmFlags = process.env.RELEASE_WASM_FLAGS;
say(wasmFlags
  ? `The WASM's std was rebuilt for it with \`${wasmFlags}\` (\`release_env\`, scripts/env.sh).`
  : 'The WASM uses the prebuilt std: std\'s sources were not installed (`release_env`, scripts/env.sh).');
say();
for (const [title, part] of [['First page', bundle.first], ['Whole app', bundle.whole]]) {
  say(`| ${title}: file | raw KB | gzip KB | brotli KB | served KB |`);
  say('|---|---:|---:|---:|---:|');
  for (const f of part.files) say(`| \`${f.file}\` | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.brotli)} | ${kb(f.served)} |`);
  say(`| **total** | **${kb(part.total.raw)}** | **${kb(part.total.gzip)}** | **${kb(part.total.brotli)}** | **${kb(part.total.served)}** |`);
  say();
}
say(`- first page ${kb(bundle.first.total.brotli)} KB brotli (target <= 150 KB): ${verdict(bundle.first.total.brotli <= 150 * 1024)}`);
say(`- whole app ${kb(bundle.whole.total.brotli)} KB brotli (target <= 350 KB): ${verdict(bundle.whole.total.brotli <= 350 * 1024)}`);
say();

say('## 4. Memory');
say();
const memory = read('memory.json');
say('Server RSS (`VmRSS`) on SQLite: idle after start-up, then with 1,000 sessions signed in, each having');
say('loaded its plan page.');
say();
say('| state | RSS MB | target | |');
say('|---|---:|---|---|');
say(`| idle | ${mb(memory.idle_kb)} | < 40 MB | ${verdict(memory.idle_kb < 40 * 1024)} |`);
say(`| 1,000 active sessions | ${mb(memory.sessions_1000_kb)} | < 120 MB | ${verdict(memory.sessions_1000_kb < 120 * 1024)} |`);
say();

say('## 5. Hardening: 500 connections for 60 s');
say();
const soak = read('soak.json');
const rss = text('soak-rss').split('\n').filter(Boolean).map(Number);
say('wrk, 500 connections, 60 s, plan pages of the 1,000 sessions above; RSS sampled every 5 s.');
say();
say(`- ${soak.requests} requests, ${soak.per_second}/s, p50 ${soak.p50_ms} ms, p99 ${soak.p99_ms} ms, max ${soak.max_ms} ms`);
say(`- errors: ${JSON.stringify(soak.errors)} (target 0): ${verdict(errors(soak) === 0)}`);
say(`- RSS MB, every 5 s: ${rss.map(mb).join(', ')}`);
// 500 new connections' buffers and the allocator's pools fill during the first half minute;
// flat means no growth after that.
const growth = (from) => (rss.length > from + 1 ? rss[rss.length - 1] / rss[from] : 1);
const signed = (g) => `${g >= 1 ? '+' : ''}${pct(g - 1)}`;
say(`- whole run: ${signed(growth(0))}; from 30 s to the end: ${signed(growth(5))} (target flat, within 10% after 30 s): ${verdict(growth(5) <= 1.1)}`);
say();
say('The other hardening checks are tests in the suite (`server/tests/integration/hardening.rs`, both');
say('databases): generated malformed, oversized and wrong-typed bodies to every server function and');
say('route, and a kill -9 in the middle of a burst of 10,000 rating writes.');
say();

say('## 6. Lighthouse');
say();
say('npm `lighthouse` 12.8.2, Debian\'s Chromium, the default mobile profile (Moto G power, slow 4G');
say('simulated, 4x CPU slowdown); signed-in pages as Sam. Each page is measured several times and the');
say('run with the median performance score is shown, as Lighthouse advises for a score that varies');
say('between runs; "runs" lists every run\'s performance score.');
say();
say('| page | performance | accessibility | best practices | LCP | TBT | runs |');
say('|---|---:|---:|---:|---:|---:|---|');
let allMet = true;
for (const name of ['login', 'home', 'plan', 'crisis-plan', 'rate']) {
  const runs = fs
    .readdirSync(work)
    .filter((f) => new RegExp(`^lighthouse-${name}-\\d+\\.json$`).test(f))
    .map((f) => JSON.parse(fs.readFileSync(path.join(work, f), 'utf8')))
    .filter((lh) => lh.categories?.performance)
    .sort((x, y) => x.categories.performance.score - y.categories.performance.score);
  if (runs.length === 0) {
    say(`| ${name} | failed to run | | | | | |`);
    allMet = false;
    continue;
  }
  const lh = runs[Math.floor((runs.length - 1) / 2)];
  const all = runs.map((r) => Math.round(100 * r.categories.performance.score)).join(', ');
  // Accessibility and best practices do not vary: the lowest run counts, so none is hidden.
  const score = (c, r = lh) => Math.round(100 * (r.categories[c]?.score ?? 0));
  const lowest = (c) => Math.min(...runs.map((r) => score(c, r)));
  const [p, a, b] = [score('performance'), lowest('accessibility'), lowest('best-practices')];
  allMet &&= p >= 95 && a === 100 && b === 100;
  const audit = (id) => lh.audits[id]?.displayValue ?? '';
  say(`| ${name} (\`${new URL(lh.finalDisplayedUrl).pathname}\`) | ${p} | ${a} | ${b} | ${audit('largest-contentful-paint')} | ${audit('total-blocking-time')} | ${all} |`);
  for (const c of ['accessibility', 'best-practices']) {
    // What the lowest-scoring run lost points on, so the score shown is explained.
    const worst = runs.find((r) => score(c, r) === lowest(c));
    const lost = worst.categories[c].auditRefs
      .filter((ref) => ref.weight > 0 && worst.audits[ref.id].score !== null && worst.audits[ref.id].score < 1)
      .map((ref) => worst.audits[ref.id].title);
    if (lost.length) say(`|   ${c} lost on | ${lost.join('; ')} | | | | | |`);
  }
  // A script error here means the page never hydrated: its scores are not the app's.
  for (const item of lh.audits['errors-in-console']?.details?.items ?? []) {
    say(`|   console | ${String(item.description).split('\n')[0].replaceAll('|', '/')} | | | | | |`);
  }
}
say();
say(`Targets performance >= 95, accessibility 100, best practices 100: ${verdict(allMet)}`);
console.log(lines.join('\n'));
