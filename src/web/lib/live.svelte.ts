/**
 * The live streams (Server-Sent Events) as seen by components: typed handlers per event, taken from
 * the event map the server publishes with (shared/events.ts), and a reactive connection status.
 *
 * Recovery: the browser's EventSource reconnects by itself (with Last-Event-ID, every `retry` ms).
 * It gives up only when a reconnect gets a non-stream answer (an error page, a proxy's 502); then
 * we open a new one ourselves, with growing pauses, sooner when the browser comes back online or
 * the tab becomes visible. We pass the last id along, so the server replays what was missed or
 * starts over with a snapshot; either way the page's state stays a snapshot plus deltas.
 */
import { urlOf } from '../../shared/api/url';
import { routes } from './route-links';
import { CLOSING_EVENT, type RoomEvents, type SiteEvents, type WorldcupEvents } from '../../shared/events';

/** `gone`: the world cup was deleted or made private and this browser may no longer watch it. */
export type LiveStatus = 'connecting' | 'live' | 'offline' | 'gone';

/** One handler per event name of the map, each receiving that event's payload. */
export type LiveHandlers<M> = { [K in keyof M]?: (data: M[K]) => void };

const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 30_000;

class LiveSource<M> {
  status = $state<LiveStatus>('connecting');
  private source: EventSource | null = null;
  private lastEventId = '';
  private retryMs = RETRY_MIN_MS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private isClosed = false;

  constructor(
    private readonly url: string,
    private readonly handlers: LiveHandlers<M>,
  ) {
    window.addEventListener('online', this.wake);
    window.addEventListener('offline', this.dropped);
    document.addEventListener('visibilitychange', this.wake);
    this.connect();
  }

  close(): void {
    this.isClosed = true;
    clearTimeout(this.retryTimer);
    this.source?.close();
    this.source = null;
    window.removeEventListener('online', this.wake);
    window.removeEventListener('offline', this.dropped);
    document.removeEventListener('visibilitychange', this.wake);
  }

  private connect(): void {
    clearTimeout(this.retryTimer);
    this.source?.close();
    const url = this.lastEventId ? `${this.url}?lastEventId=${encodeURIComponent(this.lastEventId)}` : this.url;
    const source = new EventSource(url);
    this.source = source;
    source.onopen = () => {
      this.status = 'live';
      this.retryMs = RETRY_MIN_MS;
    };
    source.onerror = () => {
      if (this.source !== source) return;
      this.status = 'offline';
      // CONNECTING: the browser is already retrying. CLOSED: it gave up, so we take over.
      if (source.readyState === EventSource.CLOSED) this.retryLater();
    };
    for (const name of Object.keys(this.handlers) as (keyof M & string)[]) {
      source.addEventListener(name, (e: MessageEvent<string>) => this.dispatch(name, e));
    }
    source.addEventListener(CLOSING_EVENT, () => void this.recheck(source));
  }

  /**
   * The server ended the stream because who may watch changed. Ask (HEAD on the stream answers
   * without streaming) before reconnecting: its owner gets back in, anyone else is told it is gone
   * instead of retrying forever.
   */
  private async recheck(source: EventSource): Promise<void> {
    source.close();
    if (this.source !== source || this.isClosed) return;
    try {
      const res = await fetch(this.url, { method: 'HEAD' });
      if (this.isClosed || this.source !== source) return;
      if (res.status === 404) {
        this.status = 'gone';
        return;
      }
    } catch {
      // Network trouble: fall through to the usual retrying.
    }
    this.lastEventId = '';
    this.retryLater();
  }

  private dispatch<K extends keyof M>(name: K, e: MessageEvent<string>): void {
    if (e.lastEventId) this.lastEventId = e.lastEventId;
    let data: M[K];
    try {
      data = JSON.parse(e.data) as M[K];
    } catch {
      return; // a garbled hint: the next snapshot or delta corrects the page
    }
    this.handlers[name]?.(data);
  }

  private retryLater(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), this.retryMs);
    this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
  }

  /** Back online or visible again: reconnect now if nothing is trying to. */
  private readonly wake = (): void => {
    if (this.isClosed || this.status === 'gone' || document.visibilityState !== 'visible' || !navigator.onLine) return;
    if (this.source && this.source.readyState !== EventSource.CLOSED) return;
    this.retryMs = RETRY_MIN_MS;
    this.connect();
  };

  /**
   * The browser knows it lost the network: a half-open connection could look alive for minutes, so
   * say so at once and stop the stream; `online` brings it back.
   */
  private readonly dropped = (): void => {
    if (this.isClosed || this.status === 'gone') return;
    this.source?.close();
    this.status = 'offline';
    this.retryLater();
  };
}

/** A live connection owned by the component that called this: open while `url()` is not null, closed on destroy. */
function useLive<M>(url: () => string | null, handlers: LiveHandlers<M>): { readonly status: LiveStatus } {
  let current = $state<LiveSource<M> | null>(null);
  // Derived, so the stream reopens only when the address itself changes.
  const address = $derived(url());
  $effect(() => {
    const target = address;
    if (target === null) return;
    const source = new LiveSource(target, handlers);
    current = source;
    return () => {
      source.close();
      current = null;
    };
  });
  return {
    get status(): LiveStatus {
      return current?.status ?? 'connecting';
    },
  };
}

/** One world cup's ranking, activity and champions; `id()` null waits (e.g. until the page has loaded). */
export function useWorldcupLive(id: () => string | null, handlers: LiveHandlers<WorldcupEvents>): { readonly status: LiveStatus } {
  return useLive(() => {
    const wcId = id();
    return wcId === null ? null : urlOf(routes.live.worldcup, { id: wcId });
  }, handlers);
}

/** The whole site: who is playing, the busiest world cups, champions and new world cups. */
export function useSiteLive(handlers: LiveHandlers<SiteEvents>): { readonly status: LiveStatus } {
  return useLive(() => urlOf(routes.live.site, {}), handlers);
}

/** A live room (issue 14): its state, the split while voting, decided matches, the end; `code()` null waits. */
export function useRoomLive(code: () => string | null, handlers: LiveHandlers<RoomEvents>): { readonly status: LiveStatus } {
  return useLive(() => {
    const roomCode = code();
    return roomCode === null ? null : urlOf(routes.rooms.events, { code: roomCode });
  }, handlers);
}
