/**
 * CSV as RFC 4180 writes it (fields with a comma, quote, CR or LF are quoted, quotes doubled,
 * records end in CRLF), with OWASP's guard against formula injection on the way out, and a strict
 * reader for imports that knows the line each record started on.
 */

/** Cells a spreadsheet would run as a formula (OWASP "CSV Injection"): =, +, -, @, tab, carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell: null is empty, numbers as JavaScript prints them. A text starting like a formula gets
 * a leading `'`, so a spreadsheet shows it as text; numbers are never prefixed (-3 stays a number).
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvRecord(cells: readonly (string | number | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A parsed record and the (1-based) line of the file it starts on, for error messages. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A CSV that does not parse; the message names the line. */
export class CsvError extends Error {}

/**
 * Parses RFC 4180 CSV: UTF-8 text with or without a byte-order mark, CRLF or LF line ends, quoted
 * fields that may hold commas, doubled quotes and line breaks. Blank lines are skipped. A quote
 * inside an unquoted field, text after a closing quote, or an unterminated quote is an error.
 */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (src[i] === '"') {
        const opened = line;
        i++;
        for (;;) {
          if (i >= src.length) throw new CsvError(`line ${opened}: a quoted field is never closed`);
          const ch = src[i] as string;
          if (ch === '"') {
            if (src[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') line++;
          field += ch;
          i++;
        }
        const next = src[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') throw new CsvError(`line ${line}: text after a closing quote`);
      } else {
        while (i < src.length && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') {
          if (src[i] === '"') throw new CsvError(`line ${line}: a quote inside an unquoted field (quote the whole field and double the quote)`);
          field += src[i];
          i++;
        }
      }
      fields.push(field);
      if (src[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (src[i] === '\r') i++;
    if (src[i] === '\n') i++;
    line++;
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
  }
  return records;
}
