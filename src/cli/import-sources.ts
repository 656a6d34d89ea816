/**
 * What `versus import` reads: a folder of images, a ZIP of images, or a CSV. Each becomes a list
 * of candidate drafts (a name and at most one medium), checked for what can be checked without the
 * services (sizes, paths, columns, duplicate names) before anything is stored; images are read
 * only when they are uploaded, one at a time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CsvError, parseCsv } from '../domain/csv.js';
import { parseYouTubeUrl, youTubeWatchUrl } from '../domain/youtube.js';
import { LIMITS } from '../shared/schemas.js';
import { ZipArchive, ZipError } from './zip.js';

/** An import that cannot go ahead; the message names the file, entry or CSV line. */
export class ImportError extends Error {}

export interface CandidateDraft {
  name: string;
  /** Where it came from, for messages: a file name, a ZIP entry, `line 7`. */
  source: string;
  group?: string | undefined;
  text?: string | undefined;
  videoUrl?: string | undefined;
  /** An image to upload; `skipIfNotImage`: a file that is not an image is left out (folders, ZIPs) rather than an error (CSV). */
  image?: { read: () => Buffer; skipIfNotImage: boolean } | undefined;
}

export interface ImportSource {
  /** The default title: the folder's, ZIP's or CSV's name without extension. */
  title: string;
  drafts: CandidateDraft[];
  close(): void;
}

/** The CSV columns (README "Import and export"); `name` is required, each row has at most one of image, youtube, text. */
export const CSV_COLUMNS = ['name', 'image', 'youtube', 'text', 'group'] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Total uncompressed bytes a ZIP may expand to: a full world cup of images of a typical size. */
const ZIP_TOTAL_BYTES = 2 * 1024 * 1024 * 1024;
const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const mb = (bytes: number): string => `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;

/** A candidate name from a file name: no folder, no extension, `_` and `-` as spaces. */
export function nameFromFile(file: string): string {
  const base = path.posix.basename(file.replace(/\\/g, '/'));
  const stem = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base;
  return stem.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, LIMITS.nameMax);
}

/** Hidden files and macOS's archive droppings are never candidates. */
const isJunk = (file: string): boolean => file.split('/').some((part) => part.startsWith('.') || part === '__MACOSX' || part === 'Thumbs.db');

const titleOf = (file: string): string =>
  path
    .basename(file.replace(/[/\\]+$/, ''))
    .replace(/\.(zip|csv)$/i, '')
    .replace(/[_-]+/g, ' ')
    .trim()
    .slice(0, LIMITS.titleMax) || 'Imported world cup';

/** Two drafts with one name would be refused by the service; say which files they came from instead. */
export function refuseDuplicates(drafts: readonly CandidateDraft[]): void {
  const seen = new Map<string, string>();
  for (const d of drafts) {
    const key = d.name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) throw new ImportError(`${d.source}: the name "${d.name}" is also the name of ${first}; rename one`);
    seen.set(key, d.source);
  }
}

function checkedFileSize(file: string, label: string): void {
  const { size } = fs.statSync(file);
  if (size > LIMITS.uploadBytesMax) throw new ImportError(`${label}: ${mb(size)}, more than the ${mb(LIMITS.uploadBytesMax)} an image may have`);
}

function fromFolder(dir: string): ImportSource {
  const files = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !isJunk(e.name))
    .map((e) => e.name)
    .sort(natural.compare);
  const drafts = files.map((file) => {
    const full = path.join(dir, file);
    checkedFileSize(full, file);
    return { name: nameFromFile(file), source: file, image: { read: () => fs.readFileSync(full), skipIfNotImage: true } };
  });
  return { title: titleOf(dir), drafts, close: () => undefined };
}

function fromZip(file: string): ImportSource {
  let zip: ZipArchive;
  try {
    zip = ZipArchive.open(file, { maxEntries: 2 * LIMITS.candidatesMax, maxEntryBytes: LIMITS.uploadBytesMax, maxTotalBytes: ZIP_TOTAL_BYTES });
  } catch (error) {
    throw error instanceof ZipError ? new ImportError(`${path.basename(file)}: ${error.message}`) : error;
  }
  const entries = zip.entries.filter((e) => !isJunk(e.path)).sort((a, b) => natural.compare(a.path, b.path));
  const drafts = entries.map((entry) => ({
    name: nameFromFile(entry.path),
    source: entry.path,
    image: {
      read: () => {
        try {
          return zip.read(entry);
        } catch (error) {
          throw error instanceof ZipError ? new ImportError(`${path.basename(file)}: ${error.message}`) : error;
        }
      },
      skipIfNotImage: true,
    },
  }));
  return { title: titleOf(file), drafts, close: () => zip.close() };
}

function columnsOf(header: readonly string[]): Map<CsvColumn, number> {
  const columns = new Map<CsvColumn, number>();
  header.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) {
      throw new ImportError(`line 1: unknown column "${raw}" (the columns are ${CSV_COLUMNS.join(', ')}; name is required)`);
    }
    if (columns.has(name as CsvColumn)) throw new ImportError(`line 1: the column "${name}" appears twice`);
    columns.set(name as CsvColumn, i);
  });
  if (!columns.has('name')) throw new ImportError(`line 1: no "name" column (the header must name the columns: ${CSV_COLUMNS.join(',')})`);
  return columns;
}

function fromCsv(file: string): ImportSource {
  const dir = path.dirname(file);
  let records;
  try {
    records = parseCsv(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw error instanceof CsvError ? new ImportError(`${path.basename(file)}: ${error.message}`) : error;
  }
  const [header, ...rows] = records;
  if (!header) throw new ImportError(`${path.basename(file)}: the file is empty (it needs a header line: ${CSV_COLUMNS.join(',')})`);
  const columns = columnsOf(header.fields);
  const drafts = rows.map(({ line, fields }): CandidateDraft => {
    const where = `line ${line}`;
    if (fields.length !== header.fields.length) throw new ImportError(`${where}: ${fields.length} fields, but the header has ${header.fields.length}`);
    const get = (c: CsvColumn): string | undefined => {
      const i = columns.get(c);
      const value = i === undefined ? undefined : fields[i]?.trim();
      return value === '' ? undefined : value;
    };
    const name = get('name');
    if (name === undefined) throw new ImportError(`${where}: the name is empty`);
    const [image, youtube, text] = [get('image'), get('youtube'), get('text')];
    if ([image, youtube, text].filter((v) => v !== undefined).length > 1) throw new ImportError(`${where}: give at most one of image, youtube, text`);
    const draft: CandidateDraft = { name, source: where, group: get('group'), text };
    if (youtube !== undefined) {
      // A bare video id is what the column is for; a full YouTube link is accepted too.
      if (!YOUTUBE_ID.test(youtube) && !parseYouTubeUrl(youtube)) throw new ImportError(`${where}: "${youtube}" is neither a YouTube video id (11 characters) nor a YouTube link`);
      draft.videoUrl = YOUTUBE_ID.test(youtube) ? youTubeWatchUrl(youtube, null) : youtube;
    }
    if (image !== undefined) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(image)) throw new ImportError(`${where}: image must be a file path relative to the CSV, not a URL`);
      const full = path.resolve(dir, image);
      if (!fs.existsSync(full) || !fs.statSync(full).isFile()) throw new ImportError(`${where}: no image file at ${image} (paths are relative to the CSV file)`);
      checkedFileSize(full, `${where} (${image})`);
      draft.image = { read: () => fs.readFileSync(full), skipIfNotImage: false };
    }
    return draft;
  });
  return { title: titleOf(file), drafts, close: () => undefined };
}

/** Reads what `target` names (a folder, a .zip or a .csv) into drafts; throws ImportError when it is refused. */
export function readImportSource(target: string): ImportSource {
  if (!fs.existsSync(target)) throw new ImportError(`${target}: no such file or folder`);
  let source: ImportSource;
  if (fs.statSync(target).isDirectory()) source = fromFolder(target);
  else if (/\.zip$/i.test(target)) source = fromZip(target);
  else if (/\.csv$/i.test(target)) source = fromCsv(target);
  else throw new ImportError(`${target}: import a folder of images, a .zip of images or a .csv`);
  // Folders and ZIPs may hold other files, left out when they turn out not to be images: those
  // are counted once uploaded (refuseDuplicates and the service's own limit).
  if (source.drafts.length > 2 * LIMITS.candidatesMax || (!source.drafts.some((d) => d.image?.skipIfNotImage) && source.drafts.length > LIMITS.candidatesMax)) {
    source.close();
    throw new ImportError(`${target}: more than ${LIMITS.candidatesMax} candidates`);
  }
  return source;
}
