/**
 * Preload hints for the current match of /play/ID (README "Page weight"). The page's largest paint
 * is a candidate's image, and the app learns which one only after its entry script has run and the
 * game has been asked for; the server knows at once. So the HTML answer to /play/ID names the two
 * images in its `Link` header (with the srcset and sizes the card's <img> uses, so the browser
 * fetches the same file) and they download alongside the scripts.
 *
 * Only for the game's own player: the session cookie is read as the API reads it (no new session
 * is made for an HTML request), and a game the viewer may not see gives no hint at all, the same as
 * an unknown id. A hint is optional: any failure gives none, never a failed page.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../services/errors.js';
import { accountOwner } from '../services/ids.js';
import type { Services } from '../services/index.js';
import { FULL_IMAGE_SIZES } from '../shared/image-sizes.js';
import type { Candidate } from '../shared/schemas.js';
import { SESSION_COOKIE, TOKEN_PATTERN } from './session.js';

export type PlayHints = (request: FastifyRequest, gameId: string) => Promise<string[]>;

const quoted = (value: string): string => `"${value.replace(/["\\]/g, '')}"`;

/** The Link entries that preload one candidate's full image (and its thumbnail, the card's backdrop). */
function imageLinks(candidate: Candidate | undefined): string[] {
  const media = candidate?.media;
  if (media?.kind !== 'image') return [];
  const srcset = media.srcset ? `; imagesrcset=${quoted(media.srcset)}; imagesizes=${quoted(FULL_IMAGE_SIZES)}` : '';
  return [`<${media.url}>; rel=preload; as=image${srcset}; fetchpriority=high`, `<${media.thumbUrl}>; rel=preload; as=image`];
}

export function playHints(services: Services): PlayHints {
  return async (request, gameId) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token === undefined || !TOKEN_PATTERN.test(token)) return [];
    try {
      const facts = await services.accounts.identify(token);
      if (!facts) return [];
      const game = await services.games.get(gameId, facts.account ? accountOwner(facts.account.id) : facts.owner);
      const [a, b] = [imageLinks(game.match?.a), imageLinks(game.match?.b)];
      // Both full images first, then the thumbnails.
      return [a[0], b[0], a[1], b[1]].filter((link): link is string => link !== undefined);
    } catch (error) {
      if (!(error instanceof AppError)) request.log.warn({ err: error }, 'play page preload hints failed');
      return [];
    }
  };
}
