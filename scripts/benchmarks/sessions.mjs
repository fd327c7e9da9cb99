// Signs in COUNT sessions, cycling through the bench people, and writes one line per session:
// the Cookie header and the person's plan id. With "visit", each session then loads its plan
// page once, CONCURRENCY at a time, so that every one of them is in use.
import fs from 'node:fs';

const [base, count, people, out, visit] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4]), process.argv[5], process.argv[6] === 'visit'];
const form = (fields) => new URLSearchParams(fields).toString();
const headers = { 'content-type': 'application/x-www-form-urlencoded', origin: base };

async function signIn(n) {
  const email = `bench-${n % people}@example.org`;
  const login = await fetch(`${base}/api/login`, { method: 'POST', headers, body: form({ email, password: 'wellbeing-demo' }) });
  if (login.status !== 200) throw new Error(`login ${email}: ${login.status}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const me = await fetch(`${base}/api/me`, { method: 'POST', headers: { ...headers, cookie } });
  return { cookie, plan: (await me.json()).plan_id };
}

async function inLanes(items, concurrency, work) {
  let next = 0;
  const results = [];
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  }));
  return results;
}

const sessions = await inLanes([...Array(count).keys()], 8, signIn);
fs.writeFileSync(out, sessions.map((s) => `${s.cookie}\t${s.plan}`).join('\n') + '\n');
if (visit) {
  const failed = (await inLanes(sessions, 50, async (s) => {
    const page = await fetch(`${base}/plans/${s.plan}`, { headers: { cookie: s.cookie } });
    await page.arrayBuffer();
    return page.status !== 200;
  })).filter(Boolean).length;
  if (failed) throw new Error(`${failed} plan pages failed`);
}
console.log(JSON.stringify({ sessions: sessions.length }));
