/**
 * Data a page will need, asked for before the page's own code has arrived: on a first load of
 * /play/ID the game is requested as soon as the app starts, while the play page's chunk is still on
 * its way (README "Page weight"), instead of after it has loaded and mounted. Better still, the
 * server puts the player's game in the page itself (src/http/web.ts, `versus-boot`): taken once,
 * when it is for this game and in the UI's language, with no request at all.
 */
import type { Game } from '../../shared/schemas';
import { api } from './api';
import { FULL_IMAGE_SIZES } from '../../shared/image-sizes';
import type { Route } from './routes';

let pendingGame: { id: string; promise: Promise<Game> } | null = null;

/** The game the server put in the page (once: the element is removed), if it is `id`'s and in the UI's language. */
function bootGame(id: string): Game | undefined {
  const element = document.getElementById('versus-boot');
  if (!element) return undefined;
  element.remove();
  try {
    const boot = JSON.parse(element.textContent ?? '') as { gameId?: unknown; lang?: unknown; game?: Game };
    return boot.gameId === id && boot.lang === document.documentElement.lang ? boot.game : undefined;
  } catch {
    return undefined;
  }
}

/** Starts the request the route's page will make first, if it has one worth starting early. */
export function prefetchFor(route: Route): void {
  if (route.name !== 'play' || pendingGame?.id === route.gameId) return;
  const booted = bootGame(route.gameId);
  const promise = booted ? Promise.resolve(booted) : api.getGame(route.gameId);
  // The first match's pictures are the page's largest paint: fetch them as soon as their URLs are
  // known, not once the page has mounted. Whoever takes the promise handles a failure; left
  // untaken, it must not become an unhandled rejection.
  promise.then(preloadMatchImages, () => undefined);
  pendingGame = { id: route.gameId, promise };
}

function preloadMatchImages(game: Game): void {
  for (const candidate of game.match ? [game.match.a, game.match.b] : []) {
    const media = candidate.media;
    if (media?.kind !== 'image') continue;
    // The full image (not the backdrop's thumbnail, see src/http/play-hints.ts), chosen from the same
    // srcset and sizes as the card's <img>: the same file, fetched once.
    const image = new Image();
    image.fetchPriority = 'high';
    if (media.srcset) {
      image.sizes = FULL_IMAGE_SIZES;
      image.srcset = media.srcset;
    }
    image.src = media.url;
  }
}

/** The game's state: the early request's answer once (it is only as fresh as the page load), else a new one. */
export function loadGame(id: string): Promise<Game> {
  const pending = pendingGame;
  pendingGame = null;
  return pending?.id === id ? pending.promise : api.getGame(id);
}
