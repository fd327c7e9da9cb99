// npm web-push doing the fan-out our worker does: COUNT messages, each to a device of its own
// (a fresh P-256 key and auth secret), VAPID-signed and aes128gcm-encrypted by web-push's
// generateRequestDetails, POSTed by Node's http (sendNotification itself only speaks https),
// at most CONCURRENCY in flight. Prints {"sent", "seconds", "per_second"}.
import crypto from 'node:crypto';
import http from 'node:http';
import webpush from 'web-push';

const [origin, count, concurrency] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const vapid = webpush.generateVAPIDKeys();
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const payload = JSON.stringify({
  title: 'Wellbeing Plan',
  body: 'You have an update in Wellbeing Plan',
  url: '/plans/1/ratings',
  tag: 'help_asked',
});
const devices = Array.from({ length: count }, (_, n) => {
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    endpoint: `${origin}/push/${n}`,
    keys: { p256dh: ecdh.getPublicKey('base64url'), auth: crypto.randomBytes(16).toString('base64url') },
  };
});

let next = 0;
let sent = 0;
const options = {
  vapidDetails: { subject: 'mailto:bench@example.org', publicKey: vapid.publicKey, privateKey: vapid.privateKey },
  TTL: 86400,
  urgency: 'high',
  topic: 'help-asked',
  contentEncoding: 'aes128gcm',
};
function post(details) {
  return new Promise((resolve, reject) => {
    const request = http.request(details.endpoint, { method: details.method, headers: details.headers, agent }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
    });
    request.on('error', reject);
    request.end(details.body);
  });
}
async function lane() {
  while (next < devices.length) {
    const device = devices[next++];
    try {
      await post(webpush.generateRequestDetails(device, payload, options));
      sent += 1;
    } catch (e) {
      console.error(`not sent: ${e.statusCode || e.message}`);
    }
  }
}
const start = process.hrtime.bigint();
await Promise.all(Array.from({ length: concurrency }, lane));
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
agent.destroy();
console.log(JSON.stringify({ sent, seconds: Number(seconds.toFixed(3)), per_second: Math.round(sent / seconds) }));
