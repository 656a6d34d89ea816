/**
 * A lean Server-Sent Events reader over a raw socket, for bench/live-viewers.ts: an HTTP/1.1
 * response head, then the body de-chunked (Transfer-Encoding: chunked, as node:http sends an SSE
 * stream) or read raw, then split into events at blank lines. Every layer keeps its partial state
 * across TCP reads, so a chunk-size line, a chunk, a line or an event may be split anywhere.
 *
 * Events are handed over as byte ranges of one Buffer: the payload is not decoded to a string
 * unless the caller asks (thousands of viewers × 12 KB events would otherwise cost more than the
 * server being measured). Lines may end in LF or CRLF (a lone CR is not treated as a line end).
 */

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const SPACE = 0x20;
const CRLFCRLF = Buffer.from('\r\n\r\n');

export interface SseEvent {
  /** `event:` field, 'message' when absent. */
  type: string;
  /** `id:` field as a number, undefined when absent or not numeric. */
  id: number | undefined;
  /** The block holding the event; `data` is `block.subarray(dataStart, dataEnd)` (first data line only). */
  block: Buffer;
  dataStart: number;
  dataEnd: number;
  /** More than one data line (the full data is then the lines joined by LF). */
  multiline: boolean;
}

export interface SseHandlers {
  /** The response head arrived; return false to stop reading (not a 200 event stream). */
  onHead(status: number, head: string): boolean;
  onEvent(e: SseEvent): void;
  /** A comment or field-only block (`: keep-alive`, `retry: 2000`). */
  onOther(): void;
  /** The body ended (zero-size chunk). */
  onEnd(): void;
}

type BodyState = 'head' | 'size' | 'data' | 'crlf' | 'raw' | 'end';

export class SseReader {
  private state: BodyState = 'head';
  private head: Buffer = Buffer.alloc(0);
  private sizeLine = '';
  private chunkLeft = 0;
  private crlfLeft = 0;
  /** Pieces of the event being received (no blank line seen yet). */
  private pending: Buffer[] = [];
  private pendingLen = 0;
  bytes = 0;

  constructor(private readonly h: SseHandlers) {}

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    let i = 0;
    if (this.state === 'head') {
      this.head = this.head.length === 0 ? chunk : Buffer.concat([this.head, chunk]);
      const end = this.head.indexOf(CRLFCRLF);
      if (end < 0) return;
      const text = this.head.toString('latin1', 0, end);
      const rest = this.head.subarray(end + 4);
      this.head = Buffer.alloc(0);
      if (!this.h.onHead(Number(text.slice(9, 12)), text)) {
        this.state = 'end';
        return;
      }
      this.state = /\r\ntransfer-encoding:\s*chunked/i.test(text) ? 'size' : 'raw';
      chunk = rest;
    }
    while (i < chunk.length) {
      switch (this.state) {
        case 'raw':
          this.feed(i === 0 ? chunk : chunk.subarray(i));
          return;
        case 'size': {
          const nl = chunk.indexOf(LF, i);
          if (nl < 0) {
            this.sizeLine += chunk.toString('latin1', i);
            return;
          }
          this.sizeLine += chunk.toString('latin1', i, nl);
          i = nl + 1;
          const size = parseInt(this.sizeLine, 16); // stops at ';extension' and '\r'
          this.sizeLine = '';
          if (!Number.isFinite(size)) throw new Error(`bad chunk size line in SSE body`);
          if (size === 0) {
            this.state = 'end';
            this.h.onEnd();
            return;
          }
          this.chunkLeft = size;
          this.state = 'data';
          break;
        }
        case 'data': {
          const n = Math.min(this.chunkLeft, chunk.length - i);
          this.feed(chunk.subarray(i, i + n));
          this.chunkLeft -= n;
          i += n;
          if (this.chunkLeft === 0) {
            this.state = 'crlf';
            this.crlfLeft = 2;
          }
          break;
        }
        case 'crlf': {
          const n = Math.min(this.crlfLeft, chunk.length - i);
          this.crlfLeft -= n;
          i += n;
          if (this.crlfLeft === 0) this.state = 'size';
          break;
        }
        default:
          return;
      }
    }
  }

  /** Body bytes: cut into blocks at each blank line (LF LF, or LF CR LF). */
  private feed(d: Buffer): void {
    let pos = 0;
    while (pos < d.length) {
      const end = this.blockEnd(d, pos);
      if (end < 0) {
        this.pending.push(pos === 0 ? d : d.subarray(pos));
        this.pendingLen += d.length - pos;
        return;
      }
      // `end` is the index in d just past the blank line.
      const tail = d.subarray(pos, end);
      const block = this.pendingLen === 0 ? tail : Buffer.concat([...this.pending, tail], this.pendingLen + tail.length);
      this.pending = [];
      this.pendingLen = 0;
      this.dispatch(block);
      pos = end;
    }
  }

  /** Index just past the first blank line ending in d at or after pos, counting bytes still pending. */
  private blockEnd(d: Buffer, pos: number): number {
    // A blank line straddling the previous read: pending ends in LF (or LF CR) and d continues it.
    if (pos === 0 && this.pendingLen > 0) {
      const last = this.lastPendingByte(0);
      if (last === LF && d[0] === LF) return 1;
      if (last === LF && d[0] === CR && d[1] === LF) return 2;
      if (last === CR && this.lastPendingByte(1) === LF && d[0] === LF) return 1;
    }
    // Lines are long (one JSON per data line), so stepping from line end to line end is cheap.
    for (let p = pos; ; ) {
      const nl = d.indexOf(LF, p);
      if (nl < 0) return -1;
      const next = d[nl + 1];
      if (next === LF) return nl + 2;
      if (next === CR) {
        if (nl + 2 >= d.length) return -1; // LF CR at the end: the next read decides
        if (d[nl + 2] === LF) return nl + 3;
      }
      if (next === undefined) return -1; // LF at the end: the next read decides
      p = nl + 1;
    }
  }

  private lastPendingByte(back: number): number | undefined {
    let k = back;
    for (let p = this.pending.length - 1; p >= 0; p--) {
      const piece = this.pending[p] as Buffer;
      if (k < piece.length) return piece[piece.length - 1 - k];
      k -= piece.length;
    }
    return undefined;
  }

  /** One block of lines: fields per the SSE spec (field:value with one optional space after the colon). */
  private dispatch(block: Buffer): void {
    let type = 'message';
    let id: number | undefined;
    let dataStart = -1;
    let dataEnd = -1;
    let dataLines = 0;
    let start = 0;
    while (start < block.length) {
      let nl = block.indexOf(LF, start);
      if (nl < 0) nl = block.length;
      const end = nl > start && block[nl - 1] === CR ? nl - 1 : nl;
      if (end > start && block[start] !== COLON) {
        let colon = block.indexOf(COLON, start);
        if (colon < 0 || colon > end) colon = end;
        const field = block.toString('latin1', start, colon);
        let v = colon + 1;
        if (v < end && block[v] === SPACE) v++;
        if (colon === end) v = end;
        if (field === 'data') {
          if (dataLines === 0) {
            dataStart = v;
            dataEnd = end;
          }
          dataLines++;
        } else if (field === 'event') type = block.toString('utf8', v, end);
        else if (field === 'id') {
          const n = Number(block.toString('latin1', v, end));
          id = Number.isFinite(n) ? n : undefined;
        }
      }
      start = nl + 1;
    }
    if (dataLines === 0) this.h.onOther();
    else this.h.onEvent({ type, id, block, dataStart, dataEnd, multiline: dataLines > 1 });
  }
}

const VOTES = Buffer.from('"votes":');

/**
 * The first `"votes":<int>` in the event's data: `votes` of a ranking delta, `ranking.votes` of a
 * snapshot (both come before any row), without decoding the JSON. -1 when absent.
 */
export function scanVotes(e: SseEvent): number {
  const k = e.block.indexOf(VOTES, e.dataStart);
  if (k < 0 || k >= e.dataEnd) return -1;
  let n = 0;
  let digits = 0;
  for (let p = k + VOTES.length; p < e.dataEnd; p++) {
    const c = e.block[p] as number;
    if (c < 0x30 || c > 0x39) break;
    n = n * 10 + (c - 0x30);
    digits++;
  }
  return digits > 0 ? n : -1;
}

/** The event's full data as a string (data lines joined by LF), for the few events checked in full. */
export function eventData(e: SseEvent): string {
  if (!e.multiline) return e.block.toString('utf8', e.dataStart, e.dataEnd);
  const lines: string[] = [];
  for (const raw of e.block.toString('utf8').split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === 'data' || line.startsWith('data:')) lines.push(line.slice(5).replace(/^ /, ''));
  }
  return lines.join('\n');
}

const LEFT = Buffer.from('"left":');
const RIGHT = Buffer.from('"right":');

/** The first `key` in [from, to) directly followed by an unsigned integer, and that integer; -1 when none. */
function scanCount(block: Buffer, key: Buffer, from: number, to: number): number {
  for (let k = block.indexOf(key, from); k >= 0 && k < to; k = block.indexOf(key, k + 1)) {
    let n = 0;
    let digits = 0;
    for (let p = k + key.length; p < to; p++) {
      const c = block[p] as number;
      if (c < 0x30 || c > 0x39) break;
      n = n * 10 + (c - 0x30);
      digits++;
    }
    if (digits > 0) return n;
  }
  return -1;
}

/**
 * A live room's votes so far (left + right) in a `tally` event (`{"round":…,"left":3,"right":2,…}`)
 * or in a `snapshot`/`state` event (the room, whose `left`/`right` candidates are objects and whose
 * `tally` holds the counts): the first `"left":` and `"right":` followed by a number, without decoding
 * the JSON. -1 when the event carries no split (a room in its lobby, or reveal 'after').
 */
export function scanTally(e: SseEvent): number {
  const left = scanCount(e.block, LEFT, e.dataStart, e.dataEnd);
  const right = scanCount(e.block, RIGHT, e.dataStart, e.dataEnd);
  return left < 0 || right < 0 ? -1 : left + right;
}

/** The same count from the parsed JSON (the check of the byte scan): a tally's own fields, or a room's `tally`. */
export function parsedTally(type: string, data: string): number {
  const d = JSON.parse(data) as { left?: unknown; right?: unknown; tally?: { left?: unknown; right?: unknown } | null };
  const t = type === 'tally' ? d : d.tally;
  return t && typeof t.left === 'number' && typeof t.right === 'number' ? t.left + t.right : -1;
}
