import tls from 'node:tls';
import { readFileSync } from 'node:fs';
const port = process.argv[2];
if (process.env.PATCH) {
  const orig = tls.createSecureContext;
  let roots;
  tls.createSecureContext = function (options) {
    if (options?.ca !== undefined) return orig(options);
    roots ??= [...tls.rootCertificates, readFileSync(process.env.PATCH, 'utf8')];
    return orig({ ...options, ca: roots });
  };
}
const { Agent, request } = await import('undici');
const tryit = async (name, fn) => { try { console.log(name, 'OK', await fn()); } catch (e) { console.log(name, 'FAIL', e.cause?.code ?? e.code ?? e.message); } };
await tryit('undici.request', async () => (await request(`https://127.0.0.1:${port}/`, { dispatcher: new Agent({ connect: { timeout: 3000 } }) })).body.text());
await tryit('fetch', async () => (await fetch(`https://127.0.0.1:${port}/`)).text());
const https = await import('node:https');
await tryit('https.get', () => new Promise((res, rej) => https.get(`https://127.0.0.1:${port}/`, (r) => { let d=''; r.on('data', c => d+=c); r.on('end', () => res(d)); }).on('error', rej)));
process.exit(0);
