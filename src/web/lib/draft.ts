/**
 * The create/edit form's working copy of a world cup, its conversion to the API input, and validation
 * with the server's own zod schema (messages translated by issue kind and field).
 */
import { createWorldCupSchema, LIMITS, type CandidateInput, type CreateWorldCupInput, type Visibility, type WorldCup } from '../../shared/schemas';
import { t } from './locale.svelte';

export type CandidateKind = 'image' | 'video' | 'text' | 'none';

export interface DraftCandidate {
  /** Local key for the list; stable across edits. */
  key: string;
  /** Server id of an existing candidate (edit mode). */
  id?: string;
  name: string;
  group: string;
  caption: string;
  kind: CandidateKind;
  imageId?: string;
  previewUrl?: string;
  /** The server's thumbnail of the uploaded image: what a kept draft shows after a reload (previewUrl may be a local blob URL). */
  thumbUrl?: string;
  uploading?: boolean;
  progress?: number;
  uploadError?: string;
  videoUrl?: string;
  videoStart?: number;
  videoEnd?: number;
  youtubeId?: string;
  text?: string;
}

export interface Draft {
  title: string;
  description: string;
  visibility: Visibility;
  tags: string[];
  candidates: DraftCandidate[];
}

let counter = 0;
/** `name`, or `name (2)`, `name (3)`… so it differs (case-insensitively) from every name in `taken`. */
export function uniqueName(name: string, taken: Iterable<string>): string {
  const used = new Set(Array.from(taken, (n) => n.trim().toLowerCase()));
  if (!used.has(name.trim().toLowerCase())) return name;
  for (let n = 2; ; n += 1) {
    const candidate = `${name} (${n})`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

export function newKey(): string {
  counter += 1;
  return `c${Date.now().toString(36)}${counter}`;
}

export function emptyDraft(): Draft {
  return { title: '', description: '', visibility: 'public', tags: [], candidates: [] };
}

export function draftFromWorldCup(wc: WorldCup): Draft {
  return {
    title: wc.title,
    description: wc.description,
    visibility: wc.visibility,
    tags: [...wc.tags],
    candidates: wc.candidates.map((c): DraftCandidate => {
      const base = { key: newKey(), id: c.id, name: c.name, group: c.group ?? '', caption: c.caption ?? '' };
      const m = c.media;
      if (m?.kind === 'image') return { ...base, kind: 'image', imageId: m.imageId, previewUrl: m.thumbUrl };
      if (m?.kind === 'video')
        return { ...base, kind: 'video', videoUrl: m.videoUrl, youtubeId: m.youtubeId, videoStart: m.start ?? undefined, videoEnd: m.end ?? undefined };
      if (m?.kind === 'text') return { ...base, kind: 'text', text: m.text };
      return { ...base, kind: 'none' };
    }),
  };
}

function candidateInput(c: DraftCandidate): CandidateInput {
  const out: CandidateInput = { name: c.name };
  if (c.id) out.id = c.id;
  if (c.group.trim()) out.group = c.group;
  if (c.caption.trim()) out.caption = c.caption;
  if (c.kind === 'image' && c.imageId) out.imageId = c.imageId;
  if (c.kind === 'video' && c.videoUrl) {
    out.videoUrl = c.videoUrl;
    if (c.videoStart !== undefined) out.videoStart = c.videoStart;
    if (c.videoEnd !== undefined) out.videoEnd = c.videoEnd;
  }
  if (c.kind === 'text' && c.text !== undefined) out.text = c.text;
  return out;
}

export function toInput(d: Draft): CreateWorldCupInput {
  return {
    title: d.title,
    description: d.description.trim() ? d.description : undefined,
    visibility: d.visibility,
    tags: d.tags,
    candidates: d.candidates.map(candidateInput),
  };
}

export type Errors = Record<string, string>;
export type Validation = { ok: true; value: CreateWorldCupInput; errors: Errors } | { ok: false; errors: Errors };

interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  minimum?: unknown;
  maximum?: unknown;
}

function issueMessage(issue: IssueLike): string {
  const path = issue.path.map(String);
  const field = path[0];
  const last = path[path.length - 1];
  if (field === 'candidates' && path.length === 1) {
    if (issue.code === 'too_small') return t('v.minCandidates', { min: LIMITS.candidatesMin });
    if (issue.code === 'too_big') return t('v.maxCandidates', { max: LIMITS.candidatesMax });
  }
  if (field === 'tags' && path.length === 1 && issue.code === 'too_big') return t('v.maxTags', { max: LIMITS.tagsMax });
  if (last === 'videoEnd' && issue.code === 'custom') return t('v.videoEnd');
  if (issue.code === 'too_small') return t('v.required');
  if (issue.code === 'too_big') return t('v.tooLong', { max: Number(issue.maximum) });
  return issue.message;
}

export function validate(d: Draft): Validation {
  const errors: Errors = {};
  d.candidates.forEach((c, i) => {
    if (c.uploadError) errors[`candidates.${i}`] = t('v.uploadFailed');
    else if (c.kind === 'image' && !c.imageId && !c.uploading) errors[`candidates.${i}`] = t('v.uploadFailed');
  });
  // The server refuses two candidates with the same name (case-insensitive): say so on the second one.
  const seen = new Set<string>();
  d.candidates.forEach((c, i) => {
    const key = c.name.trim().toLowerCase();
    if (key && seen.has(key)) errors[`candidates.${i}.name`] = t('v.duplicateName');
    seen.add(key);
  });
  const result = createWorldCupSchema.safeParse(toInput(d));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path.map(String).join('.');
      if (!(key in errors)) errors[key] = issueMessage(issue);
    }
  }
  if (d.candidates.some((c) => c.uploading)) errors.uploading = t('v.uploading');
  if (result.success && Object.keys(errors).length === 0) return { ok: true, value: result.data, errors };
  return { ok: false, errors };
}

/** Every message about candidate `i` (its fields and the candidate as a whole). */
export function candidateErrors(errors: Errors, i: number): Record<string, string> {
  const prefix = `candidates.${i}`;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) {
    if (k === prefix) out.self = v;
    else if (k.startsWith(`${prefix}.`)) out[k.slice(prefix.length + 1)] = v;
  }
  return out;
}
