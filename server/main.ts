// The app's server entry (`npm run serve`; `npm start` and the test stack run it too): Node's HTTP server in
// front of Next's request handler. It exists for one thing Next's own `next start` cannot do: tell the app which
// address a request came from. The App Router never sees the socket, and X-Forwarded-For is whatever the client
// wrote, so here each request gets the resolved client address in a private header, replacing any copy the
// client sent (lib/http/client-address.ts).
import { createServer, type IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { env } from '../lib/env';
import {
  CLIENT_ADDRESS_HEADER,
  markClientAddressServer,
  resolveClientAddress,
  trustedProxies,
} from '../lib/http/client-address';

const config = env();
const trusted = trustedProxies(config.TRUSTED_PROXIES);

/** Drops every incoming copy of the private header and sets the address this server resolved. */
function setClientAddress(req: IncomingMessage): void {
  const address = resolveClientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trusted);
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
    if (req.rawHeaders[i]!.toLowerCase() === CLIENT_ADDRESS_HEADER) req.rawHeaders.splice(i, 2);
  }
  delete req.headers[CLIENT_ADDRESS_HEADER];
  if (address) {
    req.headers[CLIENT_ADDRESS_HEADER] = address;
    req.rawHeaders.push(CLIENT_ADDRESS_HEADER, address);
  }
}

async function run(): Promise<void> {
  const app = next({ dev: false, dir: fileURLToPath(new URL('..', import.meta.url)), port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  markClientAddressServer();
  const server = createServer((req, res) => {
    setClientAddress(req);
    handle(req, res).catch((err: unknown) => {
      console.error('request failed:', err);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.listen(config.PORT, () => {
    const proxies = config.TRUSTED_PROXIES.length ? config.TRUSTED_PROXIES.join(', ') : 'none';
    console.log(`the app listens on port ${config.PORT} (trusted proxies: ${proxies})`);
  });
  const stop = () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
