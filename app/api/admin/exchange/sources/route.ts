import { z } from 'zod';
import { saveSource, sourceInput } from '@/lib/exchange/flows';
import { withRoute } from '@/lib/http/route';

// The form sends a database source's query and watermark column as fields; other kinds send `config` as JSON.
const body = sourceInput.extend({
  query: z.string().max(10_000).optional(),
  watermarkColumn: z.string().max(63).optional(),
  configJson: z.string().max(20_000).optional(),
});

// POST /api/admin/exchange/sources – add or change a source of a node (admin:settings)
export const POST = withRoute({ body }, async ({ user, ip, body }) => {
  const { query, watermarkColumn, configJson, ...source } = body;
  let config = source.config;
  if (source.kind === 'DATABASE' && query) config = { query, watermarkColumn };
  else if (configJson) config = parseJson(configJson);
  const saved = await saveSource({ actor: user, ip }, { ...source, config });
  return Response.json(saved, { status: source.id ? 200 : 201 });
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { invalid: text };
  }
}
