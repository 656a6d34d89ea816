import { describe, expect, it } from 'vitest';
import { LineBuffer } from './line-buffer.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

/** Feeds the chunks in order; returns every line and the count of dropped ones. */
function feed(chunks: (string | Buffer)[], maxLineBytes?: number): { lines: string[]; dropped: number } {
  const buffer = new LineBuffer(maxLineBytes);
  const lines = chunks.flatMap((chunk) => buffer.push(typeof chunk === 'string' ? bytes(chunk) : chunk));
  return { lines, dropped: buffer.dropped };
}

describe('LineBuffer', () => {
  it.each([
    ['one line', ['PING :x\r\n'], ['PING :x']],
    ['several lines in one chunk', ['a\r\nb\r\nc\r\n'], ['a', 'b', 'c']],
    ['bare LF endings', ['a\nb\n'], ['a', 'b']],
    ['a line split over chunks', ['PRIV', 'MSG #r', 'oom :hi\r', '\n'], ['PRIVMSG #room :hi']],
    ['an incomplete last line is kept for later', ['a\r\nb'], ['a']],
    ['an empty line', ['\r\n'], ['']],
    ['a CR inside a line stays', ['a\rb\r\n'], ['a\rb']],
  ])('%s', (_name, chunks, expected) => {
    expect(feed(chunks).lines).toEqual(expected);
  });

  it('decodes a character split between chunks', () => {
    const line = bytes('PRIVMSG #room :!투표1\r\n');
    const cut = line.indexOf(bytes('표')) + 1;
    expect(feed([line.subarray(0, cut), line.subarray(cut)]).lines).toEqual(['PRIVMSG #room :!투표1']);
  });

  it('keeps a line of exactly the cap (with its CR LF) and drops one byte more', () => {
    const fits = `${'a'.repeat(14)}\r\n`;
    expect(feed([fits], 16)).toEqual({ lines: ['a'.repeat(14)], dropped: 0 });
    expect(feed([`b${fits}`, 'next\r\n'], 16)).toEqual({ lines: ['next'], dropped: 1 });
  });

  it('drops a long line that arrives in pieces, without buffering it, and carries on after it', () => {
    const buffer = new LineBuffer(16 * 1024);
    expect(buffer.push(bytes('ok 1\r\n@tags='))).toEqual(['ok 1']);
    for (let i = 0; i < 1000; i++) expect(buffer.push(bytes('x'.repeat(1024)))).toEqual([]);
    expect(buffer.push(bytes(' :end of the long one\r\nok 2\r\n'))).toEqual(['ok 2']);
    expect(buffer.dropped).toBe(1);
    expect(buffer.push(bytes('ok 3\r\n'))).toEqual(['ok 3']);
  });

  it('drops a long line that arrives whole in one chunk', () => {
    expect(feed([`${'x'.repeat(20_000)}\r\nshort\r\n`])).toEqual({ lines: ['short'], dropped: 1 });
  });

  it('keeps a Twitch-sized line (8 KiB of tags)', () => {
    const line = `@emotes=${'1:0-1,'.repeat(1300)} :a!a@a PRIVMSG #room :!1`;
    expect(line.length).toBeGreaterThan(7_800);
    expect(feed([`${line}\r\n`]).lines).toEqual([line]);
  });
});
