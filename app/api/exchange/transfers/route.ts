// POST /api/exchange/transfers — open (or resume) a chunked, encrypted transfer from an exchange node.
// No session: the node's API key and signed manifest authenticate it (lib/exchange/transport/http.ts).
import { handleTransportRequest } from '@/lib/exchange/transport/http';

export const runtime = 'nodejs';
export const POST = (req: Request) => handleTransportRequest(req);
