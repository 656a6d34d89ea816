/**
 * What the fuzzer knows about request bodies, read from the server's own OpenAPI document: a
 * conservative validity oracle (`mayBeValid`: true whenever the server could accept the value) and
 * mutations that break exactly one rule of an otherwise plausible body. A body the oracle cannot
 * rule out is never sent where it could change anything (see requests.ts).
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** fast-check's imperative generator handle (`fc.gen()`), wrapped for brevity. */
export class Draw {
  constructor(private readonly g: fc.GeneratorValue) {}
  int(min: number, max: number): number {
    return this.g(fc.integer, { min, max });
  }
  chance(p: number): boolean {
    return this.int(0, 999) < p * 1000;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from nothing');
    return items[this.int(0, items.length - 1)] as T;
  }
  /** A printable or arbitrary-unicode string (lone surrogates included when `unicode`). */
  text(maxLength: number, unicode = false): string {
    return this.g(fc.string, { maxLength, unit: unicode ? 'binary' : 'grapheme' });
  }
  bytes(minLength: number, maxLength: number): Uint8Array {
    return this.g(fc.uint8Array, { minLength, maxLength });
  }
  json(): unknown {
    return this.g(fc.jsonValue, { maxDepth: 3 });
  }
}

const typesOf = (s: JsonSchema): string[] => (s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type]);
const isNullable = (s: JsonSchema): boolean => s.nullable === true || typesOf(s).includes('null');

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function stringOk(s: JsonSchema, v: string): boolean {
  // zod often trims before it measures: count either form as possibly valid.
  const forms = [v, v.trim()];
  const lengthOk = (x: string) => (s.minLength === undefined || x.length >= s.minLength) && (s.maxLength === undefined || x.length <= s.maxLength);
  const patternOk = (x: string) => s.pattern === undefined || new RegExp(s.pattern, 'u').test(x);
  return forms.some((x) => lengthOk(x) && patternOk(x));
}

function numberOk(s: JsonSchema, v: number): boolean {
  if (!Number.isFinite(v)) return false;
  if (typesOf(s).includes('integer') && !typesOf(s).includes('number') && !Number.isInteger(v)) return false;
  if (s.minimum !== undefined && v < s.minimum) return false;
  if (s.maximum !== undefined && v > s.maximum) return false;
  if (typeof s.exclusiveMinimum === 'number' && v <= s.exclusiveMinimum) return false;
  if (typeof s.exclusiveMaximum === 'number' && v >= s.exclusiveMaximum) return false;
  return true;
}

/** False only when the value certainly breaks the schema; unknown keywords count as satisfied. */
export function mayBeValid(s: JsonSchema | undefined, v: unknown): boolean {
  if (s === undefined) return true;
  if (s.allOf && !s.allOf.every((x) => mayBeValid(x, v))) return false;
  const branches = s.anyOf ?? s.oneOf;
  if (branches && !branches.some((x) => mayBeValid(x, v))) return false;
  if (s.enum && !s.enum.some((e) => e === v)) return false;
  if ('const' in s && s.const !== v) return false;
  if (v === null) return isNullable(s) || typesOf(s).length === 0;
  const types = typesOf(s);
  const t = jsonType(v);
  if (types.length > 0 && !types.some((x) => x === t || (x === 'integer' && t === 'number'))) return false;
  if (typeof v === 'string') return stringOk(s, v);
  if (typeof v === 'number') return numberOk(s, v);
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) return false;
    if (s.maxItems !== undefined && v.length > s.maxItems) return false;
    return v.every((x) => mayBeValid(s.items, x));
  }
  if (t === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of s.required ?? []) if (o[k] === undefined) return false;
    for (const [k, x] of Object.entries(o)) {
      const p = s.properties?.[k];
      if (p) {
        if (!mayBeValid(p, x)) return false;
      } else if (s.additionalProperties === false) return false;
    }
  }
  return true;
}

/** A body that plausibly satisfies the schema (ids in it are unknown ones); `salt` keeps sibling names apart. */
export function plausible(s: JsonSchema, unknownId: string, salt = 0): unknown {
  if (s.enum && s.enum.length > 0) return s.enum[0];
  if ('const' in s) return s.const;
  const branch = (s.anyOf ?? s.oneOf)?.[0];
  if (branch) return plausible(branch, unknownId, salt);
  const types = typesOf(s);
  if (types.includes('object') || s.properties) {
    const out: Record<string, unknown> = {};
    for (const k of s.required ?? []) out[k] = plausible(s.properties?.[k] ?? {}, unknownId, salt);
    return out;
  }
  if (types.includes('array')) return Array.from({ length: s.minItems ?? 0 }, (_, i) => plausible(s.items ?? {}, unknownId, salt * 100 + i + 1));
  if (types.includes('integer') || types.includes('number')) {
    const lo = s.minimum ?? 0;
    const hi = s.maximum ?? lo + 8;
    return lo <= 4 && 4 <= hi ? 4 : lo;
  }
  if (types.includes('boolean')) return true;
  if (s.pattern) return unknownId;
  const base = `fuzz ${salt}`.padEnd(Math.max(s.minLength ?? 1, 1), 'x');
  return s.maxLength !== undefined ? base.slice(0, Math.max(s.maxLength, 1)) : base;
}

const WRONG_TYPES: unknown[] = [0, -1, 1.5, 'text', '', ' ', true, false, [], {}, [1, 'a'], { a: 1 }, null];
const EXTRA_KEYS = ['extra', 'isAdmin', 'owner', 'role', 'userId', '', ' ', 'ünï', '$where', 'a.b', 'constructor', 'toString', 'hasOwnProperty', 'x'.repeat(300)];

/** Values that break the schema's constraints other than type (too long, out of range, not in the enum, …). */
function outOfRange(s: JsonSchema, d: Draw): unknown[] {
  const out: unknown[] = [];
  const types = typesOf(s);
  if (s.enum) out.push('not-an-option', String(s.enum[0]).toUpperCase(), ` ${String(s.enum[0])}`);
  if (types.includes('string')) {
    if (s.maxLength !== undefined) out.push('x'.repeat(s.maxLength + 1), '가'.repeat(s.maxLength + d.int(1, 50)));
    if ((s.minLength ?? 0) > 0) out.push('', ' '.repeat(d.int(1, 5)), '\t\n');
    if (s.pattern) out.push('../../etc/passwd', "' OR 1=1 --", 'a b', 'x'.repeat(41), 'abc', '%2e%2e%2f', 'ab\u0000cd', '한글아이디입니다');
  }
  if (types.includes('integer') || types.includes('number')) {
    if (s.minimum !== undefined) out.push(s.minimum - 1, s.minimum - 1e9);
    if (s.maximum !== undefined) out.push(s.maximum + 1, 1e308, 2 ** 53 + 2);
    if (types.includes('integer')) out.push(1.5, 2.000001, -0.5);
  }
  if (types.includes('array')) {
    if (s.maxItems !== undefined) out.push(Array.from({ length: s.maxItems + 1 }, () => plausible(s.items ?? {}, 'fuzz-unknown-x', d.int(0, 1e6))));
    if ((s.minItems ?? 0) > 0) out.push([]);
  }
  return out.filter((v) => !mayBeValid(s, v));
}

interface Spot {
  schema: JsonSchema;
  get(): unknown;
  set(v: unknown): void;
  remove?: () => void;
}

/** Every place in `root` a mutation can aim at (the root, object properties, array elements), depth ≤ 4. */
function spots(schema: JsonSchema, holder: { v: unknown }): Spot[] {
  const out: Spot[] = [];
  const walk = (s: JsonSchema, get: () => unknown, set: (v: unknown) => void, depth: number, remove?: () => void) => {
    out.push({ schema: s, get, set, ...(remove ? { remove } : {}) });
    if (depth >= 4) return;
    const v = get();
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && s.properties) {
      const o = v as Record<string, unknown>;
      for (const [k, p] of Object.entries(s.properties)) {
        if (o[k] === undefined) continue;
        walk(p, () => o[k], (x) => (o[k] = x), depth + 1, () => delete o[k]);
      }
    } else if (Array.isArray(v) && s.items) {
      v.forEach((_, i) => walk(s.items ?? {}, () => v[i], (x) => (v[i] = x), depth + 1));
    }
  };
  walk(schema, () => holder.v, (x) => (holder.v = x), 0);
  return out;
}

/**
 * A plausible body with one rule broken: a wrong type, a value out of range, a required field
 * missing or an unknown one added — at the root or deep inside (one candidate of many). Returns
 * undefined when no mutation it tried was certainly invalid.
 */
export function brokenBody(schema: JsonSchema, d: Draw, unknownId: string): { value: unknown; how: string } | undefined {
  for (let attempt = 0; attempt < 6; attempt++) {
    const holder = { v: plausible(schema, unknownId, d.int(1, 9999)) };
    // Add optional fields now and then, so that mutations reach them too.
    if (holder.v !== null && typeof holder.v === 'object' && !Array.isArray(holder.v) && schema.properties && d.chance(0.5)) {
      const k = d.pick(Object.keys(schema.properties));
      (holder.v as Record<string, unknown>)[k] = plausible(schema.properties[k] ?? {}, unknownId, d.int(1, 9999));
    }
    const spot = d.pick(spots(schema, holder));
    const kind = d.pick(['wrong-type', 'out-of-range', 'missing', 'extra-key', 'not-an-object'] as const);
    const here = spot.get();
    if (kind === 'wrong-type') spot.set(d.pick(WRONG_TYPES.filter((w) => !mayBeValid(spot.schema, w)).concat([[]])));
    else if (kind === 'out-of-range') {
      const options = outOfRange(spot.schema, d);
      if (options.length === 0) continue;
      spot.set(d.pick(options));
    } else if (kind === 'missing') {
      const req = spot.schema.required ?? [];
      if (req.length === 0 || here === null || typeof here !== 'object') continue;
      delete (here as Record<string, unknown>)[d.pick(req)];
    } else if (kind === 'extra-key') {
      if (spot.schema.additionalProperties !== false || here === null || typeof here !== 'object' || Array.isArray(here)) continue;
      const key = d.pick(EXTRA_KEYS.filter((k) => !(k in (spot.schema.properties ?? {}))));
      (here as Record<string, unknown>)[key] = d.pick(WRONG_TYPES.concat(['value', 1]));
    } else spot.set(d.pick([[], 'a string', 42, true, [plausible(schema, unknownId)]]));
    if (!mayBeValid(schema, holder.v)) return { value: holder.v, how: kind };
  }
  return undefined;
}

/** Paths (property names from the root) to every property of the given JSON types, for targeted values. */
export function slotsOfType(schema: JsonSchema, types: readonly string[]): string[][] {
  const out: string[][] = [];
  const walk = (s: JsonSchema, at: string[]) => {
    if (at.length > 0 && typesOf(s).some((t) => types.includes(t))) out.push(at);
    for (const [k, p] of Object.entries(s.properties ?? {})) walk(p, [...at, k]);
    if (s.items) walk(s.items, [...at, '0']);
  };
  walk(schema, []);
  return out;
}

/** Sets `value` at `at` in a plausible body, creating what is missing on the way. */
export function withValueAt(body: unknown, at: readonly string[], value: unknown): unknown {
  if (at.length === 0) return value;
  const [head, ...rest] = at as [string, ...string[]];
  const holder: Record<string, unknown> | unknown[] =
    body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : /^\d+$/.test(head) ? [] : {};
  const current = (holder as Record<string, unknown>)[head];
  (holder as Record<string, unknown>)[head] = withValueAt(current, rest, value);
  return holder;
}
