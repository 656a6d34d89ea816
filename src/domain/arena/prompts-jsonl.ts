/**
 * Prompts and responses from JSONL (issue 13): one JSON object per line,
 * `{"prompt": "…", "category": "코딩", "responses": {"<candidate name>": "<text>" | {"text": "…"} | {"imageId": "…"}}}`.
 * Names are matched to the world cup's candidates exactly (after trimming); a line that does not
 * parse, names nobody, or breaks a limit is left out with its line number and reason, and the
 * rest are imported. Blank lines are skipped.
 */
import { ARENA_LIMITS } from '../../shared/arena-settings.js';

export interface ParsedResponse {
  text: string | null;
  imageId: string | null;
}

export interface ParsedPrompt {
  /** 1-based line of the input. */
  line: number;
  text: string;
  category: string | null;
  /** By candidate name. */
  responses: Map<string, ParsedResponse>;
}

export interface PromptLineError {
  line: number;
  message: string;
}

const ID = /^[A-Za-z0-9_-]{6,40}$/;

function responseOf(value: unknown): ParsedResponse | string {
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.length === 0) return 'a response is empty';
    if (text.length > ARENA_LIMITS.responseMax) return `a response is longer than ${ARENA_LIMITS.responseMax} characters`;
    return { text, imageId: null };
  }
  if (typeof value === 'object' && value !== null) {
    const { text, imageId } = value as { text?: unknown; imageId?: unknown };
    if (typeof imageId === 'string' && text === undefined) return ID.test(imageId) ? { text: null, imageId } : 'imageId is not an upload id';
    if (typeof text === 'string' && imageId === undefined) return responseOf(text);
  }
  return 'a response is a string, {"text": …} or {"imageId": …}';
}

function promptOf(value: unknown, names: ReadonlySet<string>, line: number): ParsedPrompt | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'a line is one JSON object';
  const { prompt, category, responses } = value as { prompt?: unknown; category?: unknown; responses?: unknown };
  if (typeof prompt !== 'string' || prompt.trim().length === 0) return '"prompt" must be a non-empty string';
  if (prompt.trim().length > ARENA_LIMITS.promptMax) return `"prompt" is longer than ${ARENA_LIMITS.promptMax} characters`;
  if (category !== undefined && category !== null && (typeof category !== 'string' || category.trim().length > ARENA_LIMITS.categoryMax)) {
    return `"category" must be a string of at most ${ARENA_LIMITS.categoryMax} characters`;
  }
  if (typeof responses !== 'object' || responses === null || Array.isArray(responses)) return '"responses" must be an object of candidate name → response';
  const parsed = new Map<string, ParsedResponse>();
  for (const [rawName, raw] of Object.entries(responses)) {
    const name = rawName.trim();
    if (!names.has(name)) return `no candidate is named "${name.slice(0, 100)}"`;
    const response = responseOf(raw);
    if (typeof response === 'string') return `${response} (for "${name.slice(0, 100)}")`;
    parsed.set(name, response);
  }
  if (parsed.size < 2) return 'a prompt needs responses from at least two candidates';
  const trimmedCategory = typeof category === 'string' && category.trim().length > 0 ? category.trim() : null;
  return { line, text: prompt.trim(), category: trimmedCategory, responses: parsed };
}

/** The prompts of `text` for a world cup whose candidates are named `candidateNames`, and the lines left out. */
export function parsePromptsJsonl(text: string, candidateNames: readonly string[]): { prompts: ParsedPrompt[]; errors: PromptLineError[] } {
  const names = new Set(candidateNames.map((n) => n.trim()));
  const prompts: ParsedPrompt[] = [];
  const errors: PromptLineError[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const source = (lines[i] ?? '').trim();
    if (source.length === 0) continue;
    const line = i + 1;
    if (prompts.length >= ARENA_LIMITS.promptsMax) {
      errors.push({ line, message: `a world cup has at most ${ARENA_LIMITS.promptsMax} prompts` });
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch {
      errors.push({ line, message: 'not valid JSON' });
      continue;
    }
    const prompt = promptOf(value, names, line);
    if (typeof prompt === 'string') errors.push({ line, message: prompt });
    else prompts.push(prompt);
  }
  return { prompts, errors };
}
