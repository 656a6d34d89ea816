/** The reader's pure parts; the reader itself is tested against a real ngircd in test/live/chat-irc.test.ts. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, IrcChatReader, normaliseChannel, reconnectDelayMs } from './irc-chat.js';

describe('normaliseChannel', () => {
  it.each([
    ['versus', 'versus'],
    ['#versus', 'versus'],
    ['Versus_TV', 'versus_tv'],
    ['a', 'a'],
    ['x'.repeat(25), 'x'.repeat(25)],
    ['123', '123'],
  ])('%j → %j', (name, login) => {
    expect(normaliseChannel(name)).toBe(login);
  });

  it.each([[''], ['#'], ['x'.repeat(26)], ['two words'], ['#a,#b'], ['a\r\nJOIN #b'], ['스트리머'], ['ab-cd'], ['##ab']])('%j is refused', (name) => {
    expect(() => normaliseChannel(name)).toThrow(RangeError);
  });

  it('is checked before the reader connects anywhere', () => {
    expect(() => new IrcChatReader({ channel: 'no such channel', server: { host: '127.0.0.1', port: 1 }, onMessage: () => undefined })).toThrow(
      RangeError,
    );
  });
});

describe('reconnectDelayMs', () => {
  it('doubles from 1 s up to 30 s, before jitter', () => {
    const noJitter = () => 0.999_999_999;
    expect([0, 1, 2, 3, 4, 5, 6, 10, 100, 5000].map((attempt) => reconnectDelayMs(attempt, DEFAULT_BACKOFF, noJitter))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('takes off up to half as jitter', () => {
    expect(reconnectDelayMs(0, DEFAULT_BACKOFF, () => 0)).toBe(500);
    expect(reconnectDelayMs(9, DEFAULT_BACKOFF, () => 0)).toBe(15_000);
    for (let i = 0; i < 100; i++) {
      const delay = reconnectDelayMs(2, { firstDelayMs: 100, maxDelayMs: 1_000 });
      expect(delay).toBeGreaterThanOrEqual(200);
      expect(delay).toBeLessThanOrEqual(400);
    }
  });
});
