/**
 * Data a page will need, asked for before the page's own code has arrived: on a first load of
 * /play/ID the game is requested as soon as the app starts, while the play page's chunk is still on
 * its way (README "Page weight"), instead of after it has loaded and mounted.
 */
import type { Game } from '../../shared/schemas';
import { api } from './api';
import { FULL_IMAGE_SIZES } from '../../shared/image-sizes';
import type { Route } from './routes';

let pendingGame: { id: string; promise: Promise<Game> } | null = null;

/** Starts the request the route's page will make first, if it has one worth starting early. */
export function prefetchFor(route: Route): void {
  if (route.name !== 'play' || pendingGame?.id === route.gameId) return;
  const promise = api.getGame(route.gameId);
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
    // The card shows the full image over a blurred backdrop of the thumbnail (CandidateMedia). The
    // image is chosen from the same srcset and sizes as the card's <img>: the same file, fetched once.
    const image = new Image();
    image.fetchPriority = 'high';
    if (media.srcset) {
      image.sizes = FULL_IMAGE_SIZES;
      image.srcset = media.srcset;
    }
    image.src = media.url;
    new Image().src = media.thumbUrl;
  }
}

/** The game's state: the early request's answer once (it is only as fresh as the page load), else a new one. */
export function loadGame(id: string): Promise<Game> {
  const pending = pendingGame;
  pendingGame = null;
  return pending?.id === id ? pending.promise : api.getGame(id);
}
