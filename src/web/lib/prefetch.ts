/**
 * Data a page will need, asked for before the page's own code has arrived: on a first load of
 * /play/ID the game is requested as soon as the app starts, while the play page's chunk is still on
 * its way (README "Page weight"), instead of after it has loaded and mounted.
 */
import type { Game } from '../../shared/schemas';
import { api } from './api';
import type { Route } from './routes';

let pendingGame: { id: string; promise: Promise<Game> } | null = null;

/** Starts the request the route's page will make first, if it has one worth starting early. */
export function prefetchFor(route: Route): void {
  if (route.name !== 'play' || pendingGame?.id === route.gameId) return;
  const promise = api.getGame(route.gameId);
  // Whoever takes it handles a failure; left untaken, it must not become an unhandled rejection.
  promise.catch(() => undefined);
  pendingGame = { id: route.gameId, promise };
}

/** The game's state: the early request's answer once (it is only as fresh as the page load), else a new one. */
export function loadGame(id: string): Promise<Game> {
  const pending = pendingGame;
  pendingGame = null;
  return pending?.id === id ? pending.promise : api.getGame(id);
}
