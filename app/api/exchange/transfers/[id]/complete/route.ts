// POST /api/exchange/transfers/<id>/complete — assemble, check the whole file's hash, import it once.
import { handleTransportRequest } from '@/lib/exchange/transport/http';

export const runtime = 'nodejs';
export const POST = (req: Request) => handleTransportRequest(req);
