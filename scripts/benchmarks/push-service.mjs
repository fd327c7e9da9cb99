// A loopback push service for the fan-out benchmark: takes every message either sender posts
// (201, as FCM and Mozilla answer), checks it is VAPID-signed and aes128gcm-encrypted, and
// counts what it took. GET /count answers {"accepted": n, "refused": n}; POST /reset zeroes.
import http from 'node:http';

const port = Number(process.argv[2] || 0);
let accepted = 0;
let refused = 0;

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/count') {
    res.end(JSON.stringify({ accepted, refused }));
    return;
  }
  if (req.method === 'POST' && req.url === '/reset') {
    accepted = 0;
    refused = 0;
    res.end('{}');
    return;
  }
  let length = 0;
  req.on('data', (chunk) => { length += chunk.length; });
  req.on('end', () => {
    const vapid = /^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/.test(req.headers.authorization || '');
    const encrypted = req.headers['content-encoding'] === 'aes128gcm' && length > 86;
    if (req.method === 'POST' && req.url.startsWith('/push/') && vapid && encrypted && req.headers.ttl) {
      accepted += 1;
      res.writeHead(201).end();
    } else {
      refused += 1;
      res.writeHead(400).end();
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => console.log(server.address().port));
