import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvError, csvCell, csvRecord, parseCsv } from './csv.js';

describe('csv', () => {
  it('quotes per RFC 4180 and guards formulas, never numbers', () => {
    expect(csvRecord(['a,b', 'say "hi"', 'two\nlines', null, -3, 1.5])).toBe('"a,b","say ""hi""","two\nlines",,-3,1.5\r\n');
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx'].map(csvCell)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx"]);
    expect(csvCell('=a,b')).toBe(`"'=a,b"`);
  });

  it('reads back what it writes (any text that does not start like a formula)', () => {
    const field = fc.string({ unit: 'grapheme' }).filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const parsed = parseCsv(rows.map((r) => csvRecord(r)).join('')).map((r) => r.fields);
        expect(parsed).toEqual(rows);
      }),
    );
  });

  it('knows the line each record starts on, skips blank lines and a BOM, and names the line of an error', () => {
    const records = parseCsv('\uFEFFname,text\n\n"two\nlines",x\r\nlast,"a ""quote"""');
    expect(records).toEqual([
      { line: 1, fields: ['name', 'text'] },
      { line: 3, fields: ['two\nlines', 'x'] },
      { line: 5, fields: ['last', 'a "quote"'] },
    ]);
    expect(() => parseCsv('a,b\nc,"open\n')).toThrow(new CsvError('line 2: a quoted field is never closed'));
    expect(() => parseCsv('a,b\nc,d"e\n')).toThrow(/line 2: a quote inside an unquoted field/);
    expect(() => parseCsv('a\n"x"y\n')).toThrow(/line 2: text after a closing quote/);
  });
});
