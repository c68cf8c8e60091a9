// PUT /api/exchange/transfers/<id>/chunks/<index> — one sealed chunk (AES-256-GCM), kept once it decrypts and
// matches the signed manifest's hash.
import { handleTransportRequest } from '@/lib/exchange/transport/http';

export const runtime = 'nodejs';
export const PUT = (req: Request) => handleTransportRequest(req);
