// POSTs JSON to one of the task routes; a network failure comes back as status 0 with no body.
import { readJson } from '@/app/_lib/problem';

export async function postJson(url: string, body: unknown): Promise<{ status: number; ok: boolean; body: unknown }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, ok: res.ok, body: await readJson(res) };
  } catch {
    return { status: 0, ok: false, body: null };
  }
}

export const NETWORK_ERROR = '网络错误，提交失败，请重试';
