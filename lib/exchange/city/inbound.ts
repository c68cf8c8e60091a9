// What the city platform distributes to the county: a file sent to POST /api/exchange/city/inbound,
// authenticated like every node's push — its API key, an Ed25519-signed envelope, a fresh nonce
// (lib/exchange/protocols/submission.ts) — and accepted only from a node registered as the city platform. The
// file goes through receiveExchangeFile into the ordinary import, so a re-sent distribution imports nothing twice.
import { db } from '@/lib/db';
import { acceptSubmission, envelopeSchema, type Submission, type SubmissionResult } from '../protocols/submission';
import { recordRefusal } from '../protocols/refusals';

export async function acceptCityFile(s: Submission, opts: { taskQueue?: string } = {}): Promise<SubmissionResult> {
  const env = envelopeSchema.safeParse(s.envelope);
  if (env.success) {
    const node = await db.exchangeNode
      .findUnique({ where: { id: env.data.nodeId }, select: { kind: true } })
      .catch(() => null); // not a uuid: no such node
    if (node?.kind !== 'CITY_PLATFORM') {
      const reason = `节点“${env.data.nodeId}”不是已登记的市平台节点，不能通过市平台接口下发文件`;
      await recordRefusal({ nodeRef: env.data.nodeId, channel: 'CITY', subject: env.data.fileName, reason });
      return { ok: false, status: 403, reason };
    }
  }
  return acceptSubmission(s, 'CITY', opts);
}
