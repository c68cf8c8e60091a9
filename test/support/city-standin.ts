// A stand-in for the city platform, run as its OWN process (`tsx test/support/city-standin.ts`) so the
// county platform talks to it over real HTTP, as to the real city. Prints `{"port": n}` on its first line.
//   POST /uploads     (Bearer CITY_API_KEY) receives upload items; acknowledges an item the second time it sees it
//                     and, the first time, only every other one — so the county must re-send the rest;
//   GET  /state       what it received: { received: { id: count }, acknowledged: [id] };
//   POST /distribute  { target, apiKey, seed, nodeId, catalogCode, fileName, content }: signs the file with the
//                     city node's Ed25519 key and sends it to the county's inbound API; answers its status/body.
import { createServer, type IncomingMessage } from 'node:http';
import { keyFromSeed } from '../../lib/crypto/signing';
import { signSubmission } from '../../lib/exchange/protocols/submission';

const apiKey = process.env.CITY_API_KEY ?? '';
const received = new Map<string, number>();
const acknowledged = new Set<string>();

async function json(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

const server = createServer((req, res) => {
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  void (async () => {
    if (req.method === 'POST' && req.url === '/uploads') {
      if (req.headers.authorization !== `Bearer ${apiKey}`) return send(401, { error: 'bad api key' });
      const body = (await json(req)) as { items: { id: string }[] };
      const acks = body.items.filter((item, i) => {
        const seen = received.get(item.id) ?? 0;
        received.set(item.id, seen + 1);
        return seen > 0 || i % 2 === 0;
      });
      acks.forEach((a) => acknowledged.add(a.id));
      return send(200, { acknowledged: acks.map((a) => ({ id: a.id, cityRef: `SZ-${a.id.slice(0, 8)}` })) });
    }
    if (req.method === 'GET' && req.url === '/state')
      return send(200, { received: Object.fromEntries(received), acknowledged: [...acknowledged] });
    if (req.method === 'POST' && req.url === '/distribute') {
      const d = (await json(req)) as Record<string, string>;
      const content = Buffer.from(d.content!, 'base64');
      const key = keyFromSeed(Buffer.from(d.seed!, 'base64'));
      const signed = signSubmission(
        content,
        { nodeId: d.nodeId!, catalogCode: d.catalogCode!, fileName: d.fileName! },
        key,
      );
      const answer = await fetch(d.target!, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Exchange-Key': d.apiKey! },
        body: JSON.stringify({ ...signed, content: d.content }),
      });
      return send(200, { status: answer.status, body: await answer.json().catch(() => null) });
    }
    send(404, { error: 'not found' });
  })().catch((err: unknown) => send(500, { error: String(err) }));
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
