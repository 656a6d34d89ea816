/**
 * Preload hints for the current match of /play/ID (README "Page weight"). The page's largest paint
 * is a candidate's image, and the app learns which one only after its entry script has run and the
 * game has been asked for; the server knows at once. So the HTML answer to /play/ID names the two
 * images in its `Link` header (with the srcset and sizes the card's <img> uses, so the browser
 * fetches the same file) and they download alongside the scripts; and it carries the game's state
 * itself (`boot`, the JSON `GET /api/v1/games/ID` would answer, in the language the request's
 * Accept-Language names), so the page shows the match without a round trip of its own.
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
import { contentLang } from '../services/localize.js';
import type { Candidate, Game } from '../shared/schemas.js';
import { SESSION_COOKIE, TOKEN_PATTERN } from './session.js';

/** The state a /play/ID page starts from: the game as the API would answer, and the language it is in. */
export interface PlayBoot {
  gameId: string;
  lang: string | null;
  game: Game;
}

export type PlayHints = (request: FastifyRequest, gameId: string) => Promise<{ links: string[]; boot?: PlayBoot }>;

const quoted = (value: string): string => `"${value.replace(/["\\]/g, '')}"`;

/**
 * The Link entry that preloads one candidate's full image. Not its thumbnail (the card's blurred
 * backdrop): on a slow line every byte fetched beside the scripts delays them, and the backdrop
 * is not the largest paint; it loads once the card is shown.
 */
function imageLinks(candidate: Candidate | undefined): string[] {
  const media = candidate?.media;
  if (media?.kind !== 'image') return [];
  const srcset = media.srcset ? `; imagesrcset=${quoted(media.srcset)}; imagesizes=${quoted(FULL_IMAGE_SIZES)}` : '';
  return [`<${media.url}>; rel=preload; as=image${srcset}; fetchpriority=high`];
}

export function playHints(services: Services): PlayHints {
  return async (request, gameId) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token === undefined || !TOKEN_PATTERN.test(token)) return { links: [] };
    try {
      const facts = await services.accounts.identify(token);
      if (!facts) return { links: [] };
      const lang = contentLang(request.headers['accept-language']);
      const game = await services.games.get(gameId, facts.account ? accountOwner(facts.account.id) : facts.owner, lang);
      const links = [...imageLinks(game.match?.a), ...imageLinks(game.match?.b)];
      return { links, boot: { gameId, lang: lang ?? null, game } };
    } catch (error) {
      if (!(error instanceof AppError)) request.log.warn({ err: error }, 'play page preload hints failed');
      return { links: [] };
    }
  };
}
