/**
 * Cuts a byte stream into lines with bounded memory. IRC lines are at most 512 bytes, Twitch's
 * tags make them up to about 8 KB; a line longer than `maxLineBytes` (default 16 KiB, counting its
 * CR LF) is dropped whole, and what arrives of it is discarded as it comes rather than buffered.
 * Lines end at LF; a CR before it is removed. Bytes are decoded as UTF-8 only once a line is
 * complete, so a character split between two chunks arrives intact.
 */

export const MAX_LINE_BYTES = 16 * 1024;

export class LineBuffer {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Inside a line that is already too long: discard up to its end. */
  private isSkipping = false;
  /** Lines dropped for their length so far. */
  dropped = 0;

  constructor(private readonly maxLineBytes = MAX_LINE_BYTES) {}

  /** Adds a chunk; returns the lines it completed, in order. */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      if (newline === -1) break;
      const piece = chunk.subarray(start, newline + 1);
      if (this.isSkipping) {
        this.isSkipping = false;
      } else if (this.pendingBytes + piece.length > this.maxLineBytes) {
        this.dropped++;
      } else {
        lines.push(this.takeLine(piece));
      }
      this.pending = [];
      this.pendingBytes = 0;
      start = newline + 1;
    }
    if (start < chunk.length && !this.isSkipping) {
      const tail = chunk.subarray(start);
      if (this.pendingBytes + tail.length >= this.maxLineBytes) {
        // Even its line end would not fit: the line is dropped now, and the rest of it when it comes.
        this.dropped++;
        this.isSkipping = true;
        this.pending = [];
        this.pendingBytes = 0;
      } else {
        // A copy, so a large chunk is not kept alive by a short tail of it.
        this.pending.push(Buffer.from(tail));
        this.pendingBytes += tail.length;
      }
    }
    return lines;
  }

  private takeLine(last: Buffer): string {
    const bytes = this.pending.length === 0 ? last : Buffer.concat([...this.pending, last]);
    const end = bytes.length >= 2 && bytes[bytes.length - 2] === 0x0d ? bytes.length - 2 : bytes.length - 1;
    return bytes.toString('utf8', 0, end);
  }
}
