// What the browser downloads, raw, gzip (level 9), brotli (quality 11) and as served: for the first page
// (the files the served page itself references and the split WASM's loader that the app's script
// imports, plus the service worker and manifest it registers; the second WASM file holds none of
// the pages the app is opened on: app/src/pages.rs) and for the whole app (everything under the
// site's pkg directory but the split's manifest, which no browser asks for, the same service worker
// and manifest, and every language's file). Prints JSON.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

const [base, siteRoot, page] = [process.argv[2], process.argv[3], process.argv[4]];
const sizes = (bytes) => ({
  raw: bytes.length,
  gzip: zlib.gzipSync(bytes, { level: 9 }).length,
  brotli: zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length,
});
const total = (files) => files.reduce((sum, f) => ({ raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip, brotli: sum.brotli + f.brotli, served: sum.served + f.served }), { raw: 0, gzip: 0, brotli: 0, served: 0 });
// The bytes on the wire when a browser asks for brotli: what the server's own compression makes.
const served = (url) => new Promise((resolve, reject) => {
  http.get(url, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
    let length = 0;
    res.on('data', (chunk) => { length += chunk.length; });
    res.on('end', () => resolve(length));
  }).on('error', reject);
});
const fetchBytes = async (url) => Buffer.from(await (await fetch(url)).arrayBuffer());

const html = (await (await fetch(`${base}${page}`)).text());
const referenced = new Set(['/sw.js', '/manifest.webmanifest']);
for (const m of html.matchAll(/(?:href|src)="(\/[^"]+\.(?:js|wasm|css|webmanifest))"/g)) referenced.add(m[1]);
// The hydration script (app/src/components/common/hydration.js) is given the package's path
// without an extension, whose .js and .wasm it loads after the first paint, and the page's
// language file, which it loads beside them.
for (const m of html.matchAll(/\("(\/pkg\/[^"./]+)", "(\/locales\/[^"]+)"\);/g)) {
  referenced.add(`${m[1]}.js`);
  referenced.add(`${m[1]}.wasm`);
  referenced.add(m[2]);
}
const pkg = path.join(siteRoot, 'pkg');
for (const url of [...referenced].filter((u) => u.endsWith('.js') && u.startsWith('/pkg/'))) {
  const script = fs.readFileSync(path.join(siteRoot, url), 'utf8');
  for (const m of script.matchAll(/from ["']\.\/(__wasm_split\.[^"']+\.js)["']/g)) referenced.add(`/pkg/${m[1]}`);
}
const first = [];
for (const url of [...referenced].sort()) {
  first.push({ file: url, ...sizes(await fetchBytes(`${base}${url}`)), served: await served(`${base}${url}`) });
}

const whole = [];
for (const f of fs.readdirSync(pkg).filter((f) => !f.endsWith('.br') && !f.endsWith('.gz') && !f.endsWith('.json')).sort()) {
  whole.push({ file: `/pkg/${f}`, ...sizes(fs.readFileSync(path.join(pkg, f))), served: await served(`${base}/pkg/${f}`) });
}
// Every language's file, as the service worker lists them to keep.
const worker = await (await fetch(`${base}/sw.js`)).text();
const languages = [...worker.matchAll(/'(\/locales\/[^']+)'/g)].map((m) => m[1]);
for (const url of ['/sw.js', '/manifest.webmanifest', ...languages]) {
  whole.push({ file: url, ...sizes(await fetchBytes(`${base}${url}`)), served: await served(`${base}${url}`) });
}
console.log(JSON.stringify({ page, first: { files: first, total: total(first) }, whole: { files: whole, total: total(whole) } }));
