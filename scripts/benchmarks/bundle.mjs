// What the browser downloads, raw, gzip (level 9) and brotli (quality 11): for the first page
// (the files the served page itself references, plus the service worker and manifest it
// registers) and for the whole app (everything under the site's pkg directory and the same
// service worker and manifest). Prints JSON.
import fs from 'node:fs';
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
const total = (files) => files.reduce((sum, f) => ({ raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip, brotli: sum.brotli + f.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const fetchBytes = async (url) => Buffer.from(await (await fetch(url)).arrayBuffer());

const html = (await (await fetch(`${base}${page}`)).text());
const referenced = new Set(['/sw.js', '/manifest.webmanifest']);
for (const m of html.matchAll(/(?:href|src)="(\/[^"]+\.(?:js|wasm|css|webmanifest))"/g)) referenced.add(m[1]);
// The hydration script imports the JS glue, which loads the WASM: both are named in the page.
for (const m of html.matchAll(/["'](\/pkg\/[^"']+\.(?:js|wasm))["']/g)) referenced.add(m[1]);
const first = [];
for (const url of [...referenced].sort()) first.push({ file: url, ...sizes(await fetchBytes(`${base}${url}`)) });

const pkg = path.join(siteRoot, 'pkg');
const whole = fs.readdirSync(pkg).filter((f) => !f.endsWith('.br') && !f.endsWith('.gz')).sort()
  .map((f) => ({ file: `/pkg/${f}`, ...sizes(fs.readFileSync(path.join(pkg, f))) }));
for (const url of ['/sw.js', '/manifest.webmanifest']) whole.push({ file: url, ...sizes(await fetchBytes(`${base}${url}`)) });
console.log(JSON.stringify({ page, first: { files: first, total: total(first) }, whole: { files: whole, total: total(whole) } }));
