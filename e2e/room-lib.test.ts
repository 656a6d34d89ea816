/**
 * Unit tests for the live room pages' pure logic (issue 14; vitest's config leaves src/web out, so
 * they live here beside the browser tests): the countdown on the server's clock with the viewer's
 * clock skewed, the split's percentages (0 votes included), how pushed states, replies and tallies
 * fold into the room shown, the room form's ranges, the routes and the QR drawing.
 */
import { encode } from 'uqr';
import { describe, expect, test } from 'vitest';
import type { Room } from '../src/shared/rooms.js';
import { messages } from '../src/web/lib/i18n.js';
import { QR_QUIET_ZONE, modulesPath, qrDrawing } from '../src/web/lib/qr.js';
import {
  CLOCK_SAMPLES,
  addClockSample,
  applyTally,
  clockOffsetMs,
  clockSample,
  matchKey,
  mergePushedRoom,
  mergeRepliedRoom,
  readRoomForm,
  roomClock,
  roomProgress,
  sideOf,
  splitOf,
} from '../src/web/lib/room-view.js';
import { parseRoute, roomPath } from '../src/web/lib/routes.js';

const T0 = Date.parse('2026-05-01T12:00:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();
const candidate = (id: string) => ({ id, name: `name ${id}`, group: null, caption: null, media: null });
const EMPTY = { left: 0, right: 0, bySource: { web: { left: 0, right: 0 }, chat: { left: 0, right: 0 } } };

function room(over: Partial<Room> = {}): Room {
  return {
    code: 'ACDEFG',
    joinUrl: '/r/ACDEFG',
    worldcupId: 'wc1',
    worldcupTitle: 'title',
    size: 4,
    voteSeconds: 20,
    delaySeconds: 5,
    reveal: 'live',
    closeEarly: {},
    status: 'voting',
    round: 4,
    matchIndex: 0,
    matchTotal: 2,
    left: candidate('a'),
    right: candidate('b'),
    shownAt: iso(T0),
    opensAt: iso(T0 + 5_000),
    closesAt: iso(T0 + 25_000),
    serverTime: iso(T0),
    tally: EMPTY,
    result: null,
    winner: null,
    overridden: false,
    audience: 3,
    chat: null,
    myVote: null,
    isHost: false,
    champion: null,
    endedEarly: false,
    ...over,
  };
}

describe('the countdown on the server clock', () => {
  test('a viewer whose clock runs 7 s behind still counts the stream delay and the vote from the server', () => {
    const skew = -7_000; // this clock = server clock − 7 s
    const received = T0 + skew + 40; // the payload took 40 ms to arrive
    const samples = addClockSample([], clockSample(iso(T0), received));
    const offset = clockOffsetMs(samples);
    expect(offset).toBe(6_960);
    // 1.1 s after the server showed the match, read on this (wrong) clock: the delay has 3.9 s to go.
    const thisClock = T0 + skew + 1_100;
    expect(roomClock(room(), thisClock + offset)).toEqual({ phase: 'delay', seconds: 4 });
    // Uncorrected, the same moment would read as 10.9 s before voting opens.
    expect(roomClock(room(), thisClock)).toEqual({ phase: 'delay', seconds: 11 });
    expect(roomClock(room(), T0 + 5_000)).toEqual({ phase: 'open', seconds: 20 });
    expect(roomClock(room(), T0 + 5_001)).toEqual({ phase: 'open', seconds: 20 });
    expect(roomClock(room(), T0 + 24_001)).toEqual({ phase: 'open', seconds: 1 });
    expect(roomClock(room(), T0 + 25_000)).toEqual({ phase: 'closing', seconds: 0 });
  });

  test('the offset is the least delayed of the recent samples', () => {
    let samples: number[] = [];
    for (const latency of [300, 40, 900]) samples = addClockSample(samples, clockSample(iso(T0), T0 + latency));
    expect(clockOffsetMs(samples)).toBe(-40);
    expect(clockOffsetMs([])).toBe(0);
    expect(addClockSample(samples, clockSample('not a time', T0))).toEqual(samples);
    // Only the last few count, so a clock corrected meanwhile is followed.
    for (let i = 0; i < CLOCK_SAMPLES; i++) samples = addClockSample(samples, 5_000);
    expect(clockOffsetMs(samples)).toBe(5_000);
  });

  test('no countdown in the lobby, once decided or finished', () => {
    for (const status of ['lobby', 'decided', 'finished'] as const) expect(roomClock(room({ status }), T0)).toEqual({ phase: status, seconds: null });
  });
});

describe('the split', () => {
  test('no votes: even bar, no percentages', () => {
    expect(splitOf({ left: 0, right: 0 })).toEqual({ left: 0, right: 0, total: 0, leftPercent: null, rightPercent: null, leftShare: 0.5 });
  });

  test('whole percentages that add up to 100', () => {
    expect(splitOf({ left: 2, right: 1 })).toMatchObject({ total: 3, leftPercent: 67, rightPercent: 33 });
    expect(splitOf({ left: 1, right: 2 })).toMatchObject({ leftPercent: 33, rightPercent: 67 });
    expect(splitOf({ left: 5, right: 0 })).toMatchObject({ leftPercent: 100, rightPercent: 0, leftShare: 1 });
    for (let left = 0; left <= 7; left++) {
      const s = splitOf({ left, right: 7 - left });
      expect((s.leftPercent ?? 0) + (s.rightPercent ?? 0)).toBe(100);
    }
  });
});

describe('folding pushes, replies and tallies into the room shown', () => {
  const voting = room({ myVote: 'left', isHost: false });

  test('a push of the same match keeps this viewer’s vote; a new match drops it', () => {
    expect(mergePushedRoom(voting, room({ audience: 9 }))).toMatchObject({ myVote: 'left', audience: 9 });
    const next = room({ matchIndex: 1, shownAt: iso(T0 + 60_000), opensAt: iso(T0 + 65_000), closesAt: iso(T0 + 85_000) });
    expect(mergePushedRoom(voting, next)).toMatchObject({ matchIndex: 1, myVote: null });
  });

  test('a push or reply behind the room shown is dropped', () => {
    const decided = room({ status: 'decided', result: 'left' });
    expect(roomProgress(decided)).toBeGreaterThan(roomProgress(voting));
    expect(mergePushedRoom(decided, voting)).toBe(decided);
    expect(mergeRepliedRoom(decided, voting)).toBe(decided);
    const finished = room({ status: 'finished', left: null, right: null, shownAt: null });
    expect(mergePushedRoom(finished, decided)).toBe(finished);
    expect(mergePushedRoom(room({ status: 'lobby', shownAt: null }), voting).status).toBe('voting');
  });

  test('the host flag is kept from this viewer’s own reply', () => {
    expect(mergePushedRoom(room({ isHost: true }), room({ isHost: false })).isHost).toBe(true);
  });

  test('a tally counts only for its own match while voting', () => {
    const update = { round: 4, matchIndex: 0, left: 3, right: 1, bySource: { web: { left: 2, right: 1 }, chat: { left: 1, right: 0 } } };
    expect(applyTally(voting, update).tally).toEqual({ left: 3, right: 1, bySource: update.bySource });
    const other = applyTally(voting, { ...update, matchIndex: 1 });
    expect(other).toBe(voting);
    const decided = room({ status: 'decided' });
    expect(applyTally(decided, update)).toBe(decided);
  });

  test('match keys and sides', () => {
    expect(matchKey(voting)).toBe(`4-0-${iso(T0)}`);
    expect(matchKey(room({ status: 'lobby', shownAt: null }))).toBeNull();
    expect(sideOf(voting, 'b')).toBe('right');
    expect(sideOf(voting, 'zzz')).toBeNull();
    expect(sideOf(voting, null)).toBeNull();
  });
});

describe('the room form', () => {
  const values = { size: 8, voteSeconds: 20, reveal: 'after' as const, delaySeconds: 0, margin: null, twitch: '' };

  test('a valid form is a request; an empty margin means no early close', () => {
    expect(readRoomForm('wc1', values)).toEqual({ request: { worldcupId: 'wc1', size: 8, voteSeconds: 20, reveal: 'after', delaySeconds: 0 } });
    expect(readRoomForm('wc1', { ...values, margin: 3 })).toMatchObject({ request: { closeEarly: { margin: 3 } } });
  });

  test('out-of-range, fractional and empty numbers are named', () => {
    expect(readRoomForm('wc1', { ...values, voteSeconds: 4, delaySeconds: 61, margin: 0 })).toEqual({ invalid: ['voteSeconds', 'delaySeconds', 'margin'] });
    expect(readRoomForm('wc1', { ...values, voteSeconds: 121 })).toEqual({ invalid: ['voteSeconds'] });
    expect(readRoomForm('wc1', { ...values, voteSeconds: 12.5, delaySeconds: null })).toEqual({ invalid: ['voteSeconds', 'delaySeconds'] });
  });

  test('a Twitch channel asks for chat voting; a name Twitch would not take is named', () => {
    expect(readRoomForm('wc1', { ...values, twitch: ' #Versus_TV ' })).toMatchObject({ request: { chat: { twitch: '#Versus_TV' } } });
    expect(readRoomForm('wc1', { ...values, twitch: '   ' })).not.toHaveProperty('request.chat');
    expect(readRoomForm('wc1', { ...values, twitch: 'no spaces' })).toEqual({ invalid: ['twitch'] });
    expect(readRoomForm('wc1', { ...values, twitch: 'a'.repeat(26) })).toEqual({ invalid: ['twitch'] });
  });
});

describe('room routes', () => {
  test.each([
    ['/r/ACDEFG', { name: 'room', code: 'ACDEFG' }],
    ['/r/acdefg', { name: 'room', code: 'ACDEFG' }],
    ['/r/ACDEFG/overlay', { name: 'roomOverlay', code: 'ACDEFG' }],
    ['/r/ACDEFG/results', { name: 'roomResults', code: 'ACDEFG' }],
    ['/r/ACDEFG/other', { name: 'notfound' }],
    ['/r', { name: 'notfound' }],
  ])('%s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  test('paths', () => {
    expect(roomPath('ACDEFG')).toBe('/r/ACDEFG');
    expect(roomPath('ACDEFG', 'overlay')).toBe('/r/ACDEFG/overlay');
    expect(roomPath('ACDEFG', 'results')).toBe('/r/ACDEFG/results');
  });
});

describe('QR drawing', () => {
  test('runs of dark modules, offset by the margin', () => {
    expect(
      modulesPath([
        [true, true, false, true],
        [false, false, false, false],
        [false, true, true, true],
      ]),
    ).toBe('M0 0h2v1h-2zM3 0h1v1h-1zM1 2h3v1h-3z');
    expect(modulesPath([[true]], 4)).toBe('M4 4h1v1h-1z');
  });

  test('a join URL: every dark module of the code is drawn, inside its quiet zone', () => {
    const url = 'https://versus.example/r/ACDEFG';
    const drawing = qrDrawing(url);
    const qr = encode(url, { ecc: 'M', border: 0 });
    expect(drawing.size).toBe(qr.size);
    expect(drawing.viewBox).toBe(qr.size + 2 * QR_QUIET_ZONE);
    const drawn = [...drawing.path.matchAll(/h(\d+)v1/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(drawn).toBe(qr.data.flat().filter(Boolean).length);
    // The finder pattern's top-left corner sits at the quiet zone's edge.
    expect(drawing.path.startsWith(`M${QR_QUIET_ZONE} ${QR_QUIET_ZONE}h7`)).toBe(true);
  });
});

describe('room strings', () => {
  test('every room key exists in both languages and is not empty', () => {
    const keys = Object.keys(messages.ko).filter((k) => k.startsWith('rooms.'));
    expect(keys.length).toBeGreaterThan(40);
    for (const k of keys) {
      expect(messages.en[k as keyof typeof messages.en]).toBeTruthy();
      expect(messages.ko[k as keyof typeof messages.ko]).toBeTruthy();
    }
  });
});
