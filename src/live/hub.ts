/**
 * Server-Sent Event streams over the bus. Each channel with viewers on this instance is subscribed
 * once; every message is framed once and written to each viewer. A (re)connecting viewer gets the
 * messages it missed (Last-Event-ID) or, when those are gone, a fresh snapshot, then live messages.
 *
 * Back-pressure: a viewer whose socket has more than `maxBufferedBytes` unsent (plus the size of
 * the last snapshot it was sent) is skipped, its messages dropped, never queued, until the socket
 * drains; it then gets a fresh snapshot. So a stalled viewer costs bounded memory and never slows
 * anyone else.
 *
 * Cost per viewer is one socket write: each frame is encoded once into a Buffer, a fan-out to
 * thousands of viewers is cut into slices between which requests (picks) are served, and viewers
 * connecting at once share one snapshot.
 *
 * Open streams are counted against caps (per session, per address) through leases the hub holds
 * for them (stream-leases.ts).
 */
import type { ServerResponse } from 'node:http';
import { CLOSING_EVENT } from '../shared/events.js';
import type { BusMessage, EventBus, Lease, Leases } from './backend.js';
import { type Admission, type StreamCap, StreamLeases } from './stream-leases.js';

export interface StreamSpec {
  channel: string;
  /** The id the viewer last received (Last-Event-ID), if it is resuming. */
  lastEventId: number | undefined;
  /** The channel's full state as JSON, sent as the `snapshot` event. */
  snapshot: () => Promise<string>;
  /** Short-lived state of the channel (who is playing), polled and pushed as `activity` when it changes. */
  activity?: (() => Promise<string>) | undefined;
  /**
   * What of a replay (Last-Event-ID) the viewer may still see: history keeps events as published,
   * and what was public then may have become private since. The snapshot applies the same rules.
   */
  filterReplay?: ((missed: BusMessage[]) => Promise<BusMessage[]>) | undefined;
  /** Slots taken for this stream by `admit`: renewed on every heartbeat while it is open, released when it ends. */
  leases?: Lease[] | undefined;
}

export interface HubOptions {
  heartbeatMs?: number;
  maxBufferedBytes?: number;
  activityEveryMs?: number;
  /** Where open streams are counted against their caps; without it `admit` lets every stream in. */
  leases?: Leases | undefined;
  /** Told about a failure in the background (a snapshot or activity read failing). */
  onError?: (error: unknown) => void;
}

export interface HubStats {
  viewers: number;
  channels: number;
  /** Bytes written but not yet sent, over all viewers. */
  bufferedBytes: number;
  /** Viewers currently skipped because their socket is full. */
  lagging: number;
  /** Fresh snapshots sent to viewers that had fallen behind. */
  resyncs: number;
}

interface Viewer {
  res: ServerResponse;
  spec: StreamSpec;
  lastId: number;
  isReady: boolean;
  isLagging: boolean;
  pending: BusMessage[];
  /** Size of the last snapshot sent: a snapshot may sit in the socket on top of the usual limit. */
  allowance: number;
}

/** One frame on its way to the viewers of a feed: bus messages (with `m`) or activity and keep-alives. */
interface Outgoing {
  m: BusMessage | undefined;
  frame: Buffer;
  viewers: Viewer[];
  next: number;
}

interface Feed {
  viewers: Set<Viewer>;
  unsubscribe: () => void;
  activity: (() => Promise<string>) | undefined;
  lastActivity: string | undefined;
  queue: Outgoing[];
  isPumping: boolean;
  /** The last snapshot built, shared by viewers that connect while the channel has not moved on. */
  snapshot: { id: number; at: number; frame: Promise<Buffer> } | undefined;
}

const frame = (event: string, data: string, id?: number): Buffer =>
  Buffer.from(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${data}\n\n`);
const KEEP_ALIVE = Buffer.from(': keep-alive\n\n');
/** Viewers written per turn of the event loop during a fan-out. */
const FANOUT_SLICE = 500;
/** A stream's leases outlive this many missed heartbeats: a dead instance's slots free within them. */
const LEASE_HEARTBEATS = 4;
/** How long a snapshot may be reused for viewers connecting at the same channel id (activity in it ages by this much). */
const SNAPSHOT_REUSE_MS = 1_000;

export class LiveHub {
  private readonly feeds = new Map<string, Feed>();
  private readonly subscribing = new Map<string, Promise<Feed>>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly activityTimer: NodeJS.Timeout;
  private readonly maxBufferedBytes: number;
  private readonly leases: StreamLeases | undefined;
  private resyncs = 0;
  private isClosed = false;

  constructor(
    private readonly bus: EventBus,
    private readonly opts: HubOptions = {},
  ) {
    this.maxBufferedBytes = opts.maxBufferedBytes ?? 256 * 1024;
    const heartbeatMs = opts.heartbeatMs ?? 15_000;
    const onError = (error: unknown) => opts.onError?.(error);
    this.leases = opts.leases && new StreamLeases(opts.leases, LEASE_HEARTBEATS * heartbeatMs, onError);
    this.heartbeat = setInterval(() => {
      for (const feed of this.feeds.values()) this.send(feed, undefined, KEEP_ALIVE);
      this.leases?.renewAll();
    }, heartbeatMs);
    this.heartbeat.unref();
    this.activityTimer = setInterval(() => this.pollActivity(), opts.activityEveryMs ?? 2_000);
    this.activityTimer.unref();
  }

  /** Takes a slot under each cap for a stream about to open (its `leases`), or says which cap is full. */
  admit<C extends StreamCap>(caps: readonly C[]): Promise<Admission<C>> {
    if (!this.leases || caps.length === 0) return Promise.resolve({ isAdmitted: true, leases: [] });
    return this.leases.admit(caps);
  }

  /** Serves one viewer on `res` until it disconnects. The caller has sent nothing yet. */
  async open(res: ServerResponse, spec: StreamSpec): Promise<void> {
    this.leases?.holdUntilClosed(res, spec.leases ?? []);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    const viewer: Viewer = { res, spec, lastId: 0, isReady: false, isLagging: false, pending: [], allowance: 0 };
    const feed = await this.feed(spec.channel, spec.activity);
    feed.viewers.add(viewer);
    res.on('close', () => this.leave(spec.channel, feed, viewer));
    if (res.destroyed) return this.leave(spec.channel, feed, viewer);
    await this.start(viewer, spec.lastEventId);
  }

  stats(): HubStats {
    let viewers = 0;
    let bufferedBytes = 0;
    let lagging = 0;
    this.everyViewer((v) => {
      viewers++;
      bufferedBytes += v.res.writableLength;
      if (v.isLagging) lagging++;
    });
    return { viewers, channels: this.feeds.size, bufferedBytes, lagging, resyncs: this.resyncs };
  }

  close(): void {
    this.isClosed = true;
    clearInterval(this.heartbeat);
    clearInterval(this.activityTimer);
    this.everyViewer((v) => v.res.end());
  }

  /** Replays what the viewer missed, or sends a snapshot; then releases the messages that arrived meanwhile. */
  private async start(viewer: Viewer, lastEventId: number | undefined): Promise<void> {
    viewer.isReady = false;
    try {
      const missed = lastEventId === undefined ? undefined : await this.bus.since(viewer.spec.channel, lastEventId);
      if (missed && lastEventId !== undefined) {
        const shown = viewer.spec.filterReplay ? await viewer.spec.filterReplay(missed) : missed;
        viewer.lastId = lastEventId;
        for (const m of shown) this.deliver(viewer, m);
        // What the filter left out counts as sent: the same message arriving meanwhile must not slip through.
        viewer.lastId = Math.max(viewer.lastId, missed.at(-1)?.id ?? 0);
        // A snapshot would carry the activity; a resumed viewer gets it read now (the polled copy
        // can be two seconds old, from before a world cup in it went private).
        const activity = viewer.spec.activity ? await viewer.spec.activity() : undefined;
        if (activity !== undefined) this.write(viewer, frame('activity', activity));
      } else {
        // The id first: whatever is published while the snapshot is built arrives as pending and is applied on top.
        const id = await this.bus.lastId(viewer.spec.channel);
        const snapshot = await this.snapshotFrame(viewer, id);
        // Without the allowance, a snapshot bigger than the limit would make the next delta look
        // like a stalled viewer (the bytes are still on their way), and earn it another snapshot.
        viewer.allowance = snapshot.length;
        this.write(viewer, snapshot);
        viewer.lastId = id;
      }
    } catch (error) {
      this.opts.onError?.(error);
      viewer.res.end(); // the browser reconnects and tries again
      return;
    }
    viewer.isReady = true;
    const pending = viewer.pending;
    viewer.pending = [];
    for (const m of pending) this.deliver(viewer, m);
  }

  /** The channel's snapshot at `id`, built once for all viewers connecting meanwhile. */
  private snapshotFrame(viewer: Viewer, id: number): Promise<Buffer> {
    const feed = this.feeds.get(viewer.spec.channel);
    const cached = feed?.snapshot;
    if (cached && cached.id === id && Date.now() - cached.at < SNAPSHOT_REUSE_MS) return cached.frame;
    const built = { id, at: Date.now(), frame: viewer.spec.snapshot().then((data) => frame('snapshot', data, id)) };
    if (feed) {
      feed.snapshot = built;
      built.frame.catch(() => {
        if (feed.snapshot === built) feed.snapshot = undefined;
      });
    }
    return built.frame;
  }

  private deliver(viewer: Viewer, m: BusMessage, bytes?: Buffer): void {
    if (m.id <= viewer.lastId) return; // already in the snapshot or the replay
    viewer.lastId = m.id;
    this.write(viewer, bytes ?? frame(m.event, m.data, m.id));
  }

  private write(viewer: Viewer, bytes: Buffer): void {
    if (viewer.isLagging || viewer.res.destroyed) return;
    if (viewer.res.writableLength > this.maxBufferedBytes + viewer.allowance) {
      viewer.isLagging = true;
      viewer.res.once('drain', () => {
        viewer.isLagging = false;
        this.resyncs++;
        void this.start(viewer, undefined);
      });
      return;
    }
    viewer.res.write(bytes);
  }

  /** Queues a frame for every current viewer of the feed; the first slice goes out at once. */
  private send(feed: Feed, m: BusMessage | undefined, bytes: Buffer): void {
    if (feed.viewers.size === 0) return;
    feed.queue.push({ m, frame: bytes, viewers: [...feed.viewers], next: 0 });
    if (!feed.isPumping) {
      feed.isPumping = true;
      this.pump(feed);
    }
  }

  /** Writes the oldest queued frame to its next slice of viewers; frames go out in order. */
  private pump(feed: Feed): void {
    const out = feed.queue[0];
    if (out) {
      const end = Math.min(out.next + FANOUT_SLICE, out.viewers.length);
      for (; out.next < end; out.next++) {
        const v = out.viewers[out.next] as Viewer;
        if (!out.m) {
          if (v.isReady) this.write(v, out.frame);
          continue;
        }
        if (v.isReady) this.deliver(v, out.m, out.frame);
        else v.pending.push(out.m);
        if (out.m.event === CLOSING_EVENT) v.res.end();
      }
      if (out.next >= out.viewers.length) feed.queue.shift();
    }
    if (feed.queue.length > 0) setImmediate(() => this.pump(feed));
    else feed.isPumping = false;
  }

  private async feed(channel: string, activity: Feed['activity']): Promise<Feed> {
    const existing = this.feeds.get(channel);
    if (existing) return existing;
    let subscribing = this.subscribing.get(channel);
    if (!subscribing) {
      const feed: Feed = {
        viewers: new Set(),
        unsubscribe: () => undefined,
        activity,
        lastActivity: undefined,
        queue: [],
        isPumping: false,
        snapshot: undefined,
      };
      subscribing = this.bus
        .subscribe(channel, (m) => this.send(feed, m, frame(m.event, m.data, m.id)))
        .then((unsubscribe) => {
          feed.unsubscribe = unsubscribe;
          this.feeds.set(channel, feed);
          return feed;
        })
        .finally(() => this.subscribing.delete(channel));
      this.subscribing.set(channel, subscribing);
    }
    return subscribing;
  }

  private leave(channel: string, feed: Feed, viewer: Viewer): void {
    feed.viewers.delete(viewer);
    if (feed.viewers.size === 0 && this.feeds.get(channel) === feed) {
      this.feeds.delete(channel);
      feed.unsubscribe();
    }
  }

  private everyViewer(fn: (v: Viewer) => void): void {
    for (const feed of this.feeds.values()) for (const v of feed.viewers) fn(v);
  }

  private pollActivity(): void {
    if (this.isClosed) return;
    for (const feed of this.feeds.values()) {
      const read = feed.activity;
      if (!read) continue;
      read().then(
        (data) => {
          if (data === feed.lastActivity) return;
          feed.lastActivity = data;
          // No id: activity is state, not part of the resumable history.
          this.send(feed, undefined, frame('activity', data));
        },
        (error: unknown) => this.opts.onError?.(error),
      );
    }
  }
}
