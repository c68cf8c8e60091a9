// A GBK encoder for test files, built by inverting Node's own GBK decoder (Node has no GBK encoder and the
// project needs no iconv): every two-byte code is decoded once and the table kept.
let table: Map<string, Buffer> | undefined;

function gbkTable(): Map<string, Buffer> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const bytes = Buffer.from([lead, trail]);
      const ch = decoder.decode(bytes);
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, bytes);
    }
  }
  return table;
}

export function encodeGbk(text: string): Buffer {
  const map = gbkTable();
  const out = Buffer.alloc(text.length * 2);
  let at = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out[at++] = code;
    else {
      const bytes = map.get(ch);
      if (!bytes) throw new Error(`not in GBK: ${ch}`);
      out[at++] = bytes[0]!;
      out[at++] = bytes[1]!;
    }
  }
  return out.subarray(0, at);
}
