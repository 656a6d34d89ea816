/**
 * `versus import <folder | file.zip | file.csv>`: makes a world cup from files, through the same
 * services as the web app (src/core.ts): every image is checked and re-encoded by the upload
 * service, under its limits, and the world cup is created and validated like a POST /worldcups.
 * Sources are checked before anything is stored; a refused import creates no world cup.
 */
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { type Core, openCore } from '../core.js';
import { AppError } from '../services/errors.js';
import { accountOwner } from '../services/ids.js';
import { SYSTEM_OWNER } from '../services/seed.js';
import { usernameKey } from '../shared/accounts.js';
import { type CandidateInput, createWorldCupSchema, visibilitySchema } from '../shared/schemas.js';
import { type CandidateDraft, ImportError, readImportSource, refuseDuplicates } from './import-sources.js';
import { runPromptImport } from './import-prompts.js';
import { Progress } from './progress.js';

export const IMPORT_USAGE = `import SOURCE [--title T] [--description D] [--visibility public|unlisted|private] [--owner USERNAME]
                 make a world cup from a folder of images, a .zip of images, or a .csv (README "Import and export")
  import FILE.jsonl --into ID [--replace]
                 add prompts and their responses to world cup ID (README "Prompts (JSONL)"); --replace removes its prompts first`;

export interface CommandResult {
  code: number;
  /** What goes to standard output (the result) and to standard error (refusals, warnings). */
  out: string;
  err: string;
}

/** The site's address for printed links: PUBLIC_URL, else where `versus serve` listens. */
export function siteUrl(config: Config): string {
  if (config.publicUrl) return config.publicUrl;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

/** The owner key of `--owner USERNAME` (an existing account), or the site's own (like the starter world cups). */
async function ownerOf(core: Core, username: string | undefined): Promise<string> {
  if (username === undefined) return SYSTEM_OWNER;
  const user = await core.store.accounts.userByKey(usernameKey(username));
  if (!user) throw new ImportError(`--owner: no account named ${username} (sign up first, or leave --owner out)`);
  return accountOwner(user.id);
}

const isNotAnImage = (error: unknown): boolean => error instanceof AppError && error.code === 'unsupported_image';

/** Uploads the drafts' images one by one (the upload service's checks and limits apply); returns the candidates. */
async function uploadImages(core: Core, drafts: readonly CandidateDraft[], owner: string, warn: (line: string) => void): Promise<{ inputs: CandidateInput[]; kept: CandidateDraft[] }> {
  const images = drafts.filter((d) => d.image).length;
  const progress = new Progress('uploading images', images);
  const inputs: CandidateInput[] = [];
  const kept: CandidateDraft[] = [];
  try {
    for (const draft of drafts) {
      let imageId: string | undefined;
      if (draft.image) {
        try {
          imageId = (await core.services.uploads.upload(draft.image.read(), owner)).id;
        } catch (error) {
          if (draft.image.skipIfNotImage && isNotAnImage(error)) {
            warn(`skipped ${draft.source}: not an image (jpeg, png, webp, gif or avif)`);
            continue;
          }
          if (error instanceof AppError) throw new ImportError(`${draft.source}: ${error.message}`);
          throw error;
        } finally {
          progress.tick();
        }
      }
      inputs.push({
        name: draft.name,
        ...(draft.group !== undefined ? { group: draft.group } : {}),
        ...(draft.text !== undefined ? { text: draft.text } : {}),
        ...(draft.videoUrl !== undefined ? { videoUrl: draft.videoUrl } : {}),
        ...(imageId !== undefined ? { imageId } : {}),
      });
      kept.push(draft);
    }
  } finally {
    progress.finish();
  }
  return { inputs, kept };
}

/** Runs `import <args>`: exit code 0 with the new id and URL, 2 for a usage error, 1 when refused. */
export async function runImportCommand(config: Config, args: readonly string[]): Promise<CommandResult> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        title: { type: 'string' },
        description: { type: 'string' },
        visibility: { type: 'string' },
        owner: { type: 'string' },
        into: { type: 'string' },
        replace: { type: 'boolean' },
      },
    });
  } catch (error) {
    return { code: 2, out: '', err: `${error instanceof Error ? error.message : String(error)}\nusage: versus ${IMPORT_USAGE}` };
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return { code: 2, out: '', err: `usage: versus ${IMPORT_USAGE}` };
  const file = positionals[0] as string;
  if (values.into !== undefined) {
    const makes = [values.title, values.description, values.visibility, values.owner].some((v) => v !== undefined);
    if (makes) return { code: 2, out: '', err: '--into adds prompts to an existing world cup: --title, --description, --visibility and --owner make a new one' };
    return runPromptImport(config, file, values.into, values.replace ?? false);
  }
  if (values.replace) return { code: 2, out: '', err: '--replace goes with --into ID (the world cup whose prompts it replaces)' };
  if (/\.jsonl$/i.test(file)) return { code: 2, out: '', err: `${file} holds prompts: add --into <world cup id> (README "Prompts (JSONL)")` };
  const visibility = visibilitySchema.safeParse(values.visibility ?? 'public');
  if (!visibility.success) return { code: 2, out: '', err: '--visibility must be public, unlisted or private' };
  const warnings: string[] = [];
  const warn = (line: string) => {
    warnings.push(line);
    process.stderr.write(`${line}\n`);
  };
  let source;
  try {
    source = readImportSource(file);
  } catch (error) {
    if (error instanceof ImportError) return { code: 1, out: '', err: `import refused: ${error.message}` };
    throw error;
  }
  const core = await openCore(config);
  try {
    const owner = await ownerOf(core, values.owner);
    const { inputs, kept } = await uploadImages(core, source.drafts, owner, warn);
    refuseDuplicates(kept);
    const input = createWorldCupSchema.safeParse({
      title: values.title ?? source.title,
      ...(values.description !== undefined ? { description: values.description } : {}),
      visibility: visibility.data,
      candidates: inputs,
    });
    if (!input.success) {
      const issues = input.error.issues.map((i) => {
        const [field, index] = i.path;
        const where = field === 'candidates' && typeof index === 'number' ? (kept[index]?.source ?? `candidate ${index + 1}`) : i.path.join('.');
        return `${where}: ${i.message}`;
      });
      throw new ImportError([...new Set(issues)].join('\n'));
    }
    const wc = await core.services.worldcups.create(input.data, owner);
    return { code: 0, out: `created world cup ${wc.id} with ${wc.candidates.length} candidates\n${siteUrl(config)}/w/${wc.id}`, err: '' };
  } catch (error) {
    if (error instanceof ImportError || error instanceof AppError) {
      return { code: 1, out: '', err: `import refused: ${error.message}\nno world cup was created${warnings.length > 0 ? ` (${warnings.length} files skipped)` : ''}` };
    }
    throw error;
  } finally {
    source.close();
    await core.close();
  }
}
