import { describe, expect, it } from 'vitest';
import { parseChatVote, VOTE_SCAN_CHARS } from './vote-parser.js';

const NFD_TUPYO = '투표'.normalize('NFD');

describe('parseChatVote', () => {
  it.each([
    // the accepted forms
    ['!1', 'left'],
    ['!2', 'right'],
    ['1', 'left'],
    ['2', 'right'],
    ['!투표1', 'left'],
    ['!투표2', 'right'],
    ['!투표 1', 'left'],
    ['!투표 2', 'right'],
    // what may follow: whitespace or the end
    ['!1 go left!', 'left'],
    ['2 오른쪽이 낫다', 'right'],
    ['!2\tbecause', 'right'],
    ['1\nnext line', 'left'],
    ['!1 😀', 'left'],
    ['!1\u3000좋아', 'left'],
    // what may come before: whitespace and invisible characters
    ['   !1', 'left'],
    ['\t\n 2', 'right'],
    ['\u3000!2', 'right'],
    ['\u00A0!1', 'left'],
    ['\u200B!1', 'left'],
    ['\uFEFF!2', 'right'],
    ['\u200D\u200B 1', 'left'],
    // Twitch clients' duplicate-message bypass after the token
    ['!1 \u{E0000}', 'left'],
    ['!1\u{E0000}', 'left'],
    ['!2\u034F', 'right'],
    // NFKC
    ['！１', 'left'],
    ['!１', 'left'],
    ['２', 'right'],
    ['！투표２', 'right'],
    [`!${NFD_TUPYO}1`, 'left'],
    ['①', 'left'],
    // not votes: something glued to the token
    ['12', null],
    ['!10', null],
    ['!1abc', null],
    ['1등이야', null],
    ['2등', null],
    ['1.', null],
    ['!1!', null],
    ['!1😀', null],
    ['1️⃣', null],
    ['!투표1번', null],
    // not votes: not at the start, or another form
    ['a !1', null],
    ['hello 1', null],
    ['ㅋㅋ !2', null],
    ['! 1', null],
    ['!투표  1', null],
    ['!!1', null],
    ['!3', null],
    ['0', null],
    ['투표1', null],
    ['!투표', null],
    ['١', null],
    ['!\u200B1', null],
    // degenerate input
    ['', null],
    ['   ', null],
    ['!', null],
    ['\u200B', null],
    ['\uD83D', null],
  ] as const)('%j → %s', (text, expected) => {
    expect(parseChatVote(text)).toBe(expected);
  });

  it.each([
    ['a vote followed by a long message', `!1 ${'x'.repeat(100_000)}`, 'left'],
    ['a long message without a vote', 'x'.repeat(100_000), null],
    ['a vote after more than the scanned width of spaces', `${' '.repeat(VOTE_SCAN_CHARS)}!1`, null],
    ['a vote ending exactly at the cut, more text after', `${' '.repeat(VOTE_SCAN_CHARS - 2)}!1abc`, null],
    ['a vote ending exactly at the cut, message ends there', `${' '.repeat(VOTE_SCAN_CHARS - 2)}!1`, 'left'],
    ['a vote ending just before the cut', `${' '.repeat(VOTE_SCAN_CHARS - 3)}!1 abc`, 'left'],
    ['a token glued to text past the cut', `${' '.repeat(VOTE_SCAN_CHARS - 1)}1${'2'.repeat(50)}`, null],
  ] as const)('%s', (_name, text, expected) => {
    expect(parseChatVote(text)).toBe(expected);
  });

  it('is fast on a long message', () => {
    const huge = '1'.repeat(5_000_000);
    const started = performance.now();
    for (let i = 0; i < 1000; i++) parseChatVote(huge);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
