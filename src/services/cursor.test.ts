import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';
import { AppError } from './errors.js';
import { newId, newSecretId } from './ids.js';

const raw = (text: string): string => Buffer.from(text).toString('base64url');

/** The error decodeCursor threw, or undefined when it returned. */
function refusal(cursor: string, column: 'count' | 'time' = 'time'): AppError | undefined {
  try {
    decodeCursor(cursor, column);
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe('cursor', () => {
  it('round-trips what the lists encode: epoch ms or counts with our ids', () => {
    const now = Date.now();
    for (const id of [newId(), newSecretId()]) {
      expect(decodeCursor(encodeCursor(now, id), 'time')).toEqual({ value: now, id });
      expect(decodeCursor(encodeCursor(0, id), 'count')).toEqual({ value: 0, id });
      expect(decodeCursor(encodeCursor(2 ** 31 - 1, id), 'count')).toEqual({ value: 2 ** 31 - 1, id });
    }
  });

  it('round-trips every value its column can hold and every id of the alphabet', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), id, (value, i) => {
        expect(decodeCursor(encodeCursor(value, i), 'time')).toEqual({ value, id: i });
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), id, (value, i) => {
        expect(decodeCursor(encodeCursor(value, i), 'count')).toEqual({ value, id: i });
      }),
    );
  });

  it.each([
    ['a fraction', '[1.5,"x"]'],
    ['a value beyond bigint', '[1e20,"x"]'],
    ['Infinity (JSON.parse reads 1e999 as it)', '[1e999,"x"]'],
    ['a negative value', '[-1,"x"]'],
    ['an unsafe integer', `[${Number.MAX_SAFE_INTEGER + 1},"x"]`],
    ['a NUL in the id', '[0,"a\\u0000b"]'],
    ['an empty id', '[0,""]'],
    ['an id of 65 characters', `[0,"${'a'.repeat(65)}"]`],
    ['an id outside the alphabet', '[0,"a b"]'],
    ['a numeric string value', '["1","x"]'],
    ['a number id', '[1,2]'],
    ['null', '[null,"x"]'],
    ['three elements', '[1,"x",1]'],
    ['one element', '[1]'],
    ['an object', '{"value":1,"id":"x"}'],
    ['a bare number', '1'],
    ['not JSON', 'hello'],
  ])('refuses %s with 400 invalid_cursor', (_, text) => {
    expect(refusal(raw(text))).toMatchObject({ status: 400, code: 'invalid_cursor' });
  });

  it('bounds a count cursor by a 32-bit integer column', () => {
    expect(refusal(encodeCursor(2 ** 31, 'x'), 'count')).toMatchObject({ status: 400, code: 'invalid_cursor' });
    expect(refusal(encodeCursor(2 ** 31, 'x'), 'time')).toBeUndefined();
  });

  it('refuses characters outside base64url, which Buffer would silently skip', () => {
    const good = encodeCursor(5, 'abc');
    expect(refusal(good)).toBeUndefined();
    for (const bad of [`${good}=`, `${good.slice(0, 4)}!${good.slice(4)}`, `${good} `, '', '%00', '+/+/']) {
      expect(refusal(bad)).toMatchObject({ status: 400, code: 'invalid_cursor' });
    }
  });

  it('answers any string with a valid cursor or a 400, never another error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json().map(raw), fc.string().map(raw)), (cursor) => {
        const error = refusal(cursor);
        if (error) expect(error.status).toBe(400);
      }),
    );
  });
});
