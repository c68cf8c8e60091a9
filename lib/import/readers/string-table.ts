// The shared strings of a sheet, packed. A million-row sheet can hold millions of distinct strings; kept as a
// JS array each costs a heap object, and a string built from parser text events may pin the parser's whole
// text chunk. Packed, the strings live in a few flat strings of about 1M characters with their boundaries in
// typed arrays: a 48 MB sharedStrings.xml takes about its text size in memory, not several times that.
const BLOCK_CHARS = 1 << 20;

export class StringTable {
  private readonly blocks: string[] = [];
  private pending: string[] = [];
  private pendingChars = 0;
  private block: Uint32Array = new Uint32Array(1024);
  private start: Uint32Array = new Uint32Array(1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(value: string): void {
    if (this.count === this.block.length) {
      this.block = grow(this.block);
      this.start = grow(this.start);
    }
    this.block[this.count] = this.blocks.length;
    this.start[this.count] = this.pendingChars;
    this.count += 1;
    this.pending.push(value);
    this.pendingChars += value.length;
    if (this.pendingChars >= BLOCK_CHARS) this.seal();
  }

  /** The i-th string, or undefined past the end. */
  get(i: number): string | undefined {
    if (!(i >= 0 && i < this.count)) return undefined;
    if (this.block[i] === this.blocks.length) this.seal(); // read before the last block was packed
    const block = this.blocks[this.block[i]!]!;
    const end = i + 1 < this.count && this.block[i + 1] === this.block[i] ? this.start[i + 1]! : block.length;
    return block.slice(this.start[i]!, end);
  }

  private seal(): void {
    // join() copies into one flat string, so nothing of the parser's buffers stays referenced.
    this.blocks.push(this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }
}

function grow(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}
