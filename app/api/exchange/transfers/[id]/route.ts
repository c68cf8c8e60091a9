// GET /api/exchange/transfers/<id> — which chunks the platform holds, so an interrupted sender sends the rest.
import { handleTransportRequest } from '@/lib/exchange/transport/http';

export const runtime = 'nodejs';
export const GET = (req: Request) => handleTransportRequest(req);
