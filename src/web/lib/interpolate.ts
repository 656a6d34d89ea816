/** Placeholders of the UI's messages (i18n.ts), filled with values, Korean particles and English plurals. */
import { PARTICLE_PAIR, particle } from './josa.js';

export type Params = Record<string, string | number>;

/** `{name}`, optionally followed by a particle pair; or `{name|one|other}`, the noun for that count. */
const PLACEHOLDER = new RegExp(`\\{(\\w+)(?:\\|([^|{}]*)\\|([^|{}]*))?\\}(${PARTICLE_PAIR})?`, 'g');

/**
 * Fills `{name}` placeholders. A Korean particle pair right after a placeholder (`{name}이(가)`) is
 * resolved against the value, since user data (camp names, candidate names) can end either way.
 * `{name|one|other}` is the English noun for that count: '{n} {n|candidate|candidates}'.
 */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(PLACEHOLDER, (m, name: string, one: string | undefined, other: string | undefined, pair: string | undefined) => {
    if (!(name in params)) return m;
    const value = String(params[name]);
    if (one !== undefined && other !== undefined) return Number(params[name]) === 1 ? one : other;
    return pair ? value + particle(value, pair) : value;
  });
}
