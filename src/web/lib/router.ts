/** A tiny history-API router: the server answers every non-API path with index.html. */
import { router } from './route.svelte';

export { router };
export { adminPath, arenaPath, authPath, isEmbed, parseRoute, rankingPath, roomPath, safeNext, type AuthMode, type RankingTab, type ReportStatus, type RoomView, type Route } from './routes';

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = new URL(to, location.href);
  if (opts.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  router.path = url.pathname;
  router.seq += 1;
  window.scrollTo({ top: 0 });
}

/** Swaps the URL in place (a tab of the same page): no new history entry, no remount, no scroll. */
export function replacePath(to: string): void {
  const url = new URL(to, location.href);
  history.replaceState(null, '', url);
  router.path = url.pathname;
}

/** Starts listening to back/forward; returns the cleanup. */
export function startRouter(): () => void {
  const onPop = () => {
    router.path = location.pathname;
    router.seq += 1;
  };
  window.addEventListener('popstate', onPop);
  return () => window.removeEventListener('popstate', onPop);
}

/** Document click handler: same-origin <a href> clicks become client-side navigations. */
export function interceptLinks(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const target = e.target instanceof Element ? e.target.closest('a') : null;
  if (!target || !target.href || target.target || target.hasAttribute('download')) return;
  const url = new URL(target.href);
  if (url.origin !== location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/media/')) return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  e.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}

export function worldCupUrl(id: string): string {
  return `${location.origin}/w/${encodeURIComponent(id)}`;
}

/** The public page of a finished game's result: its result id, never the game's. */
export function resultUrl(resultId: string): string {
  return `${location.origin}/s/${encodeURIComponent(resultId)}`;
}
