/**
 * The one after-commit event seam. Services publish what happened once it is committed; whoever
 * needs to react subscribes — the ranking engine (votes and edits make a ranking due), the live
 * feeds (presence, champions, new world cups, closed streams, ranking deltas), cross-instance
 * notices. Publishers know no subscriber, so there are no callbacks handed around and no cycle
 * between the engine, the live feeds and the ranking service.
 *
 * Handlers run in subscription order; an async one is awaited only by publishers that await
 * `emit` (the engine does, so ranking deltas go out in order while it holds the world cup's lock).
 * A handler's failure is reported to `onError` and never reaches the publisher: reactions are
 * hints, the committed change stands.
 */
import type { PublicComment } from '../shared/comments.js';
import type { WorldcupRow } from '../store/worldcups-repo.js';
import type { RankingResult } from './rating/ranking-engine.js';

import type { VoteSource } from '../store/schema.js';

/** Where a counted vote came from (README "Statistics"). */
export type { VoteSource };

export interface DomainEvents {
  /** A game started: its player is playing now. */
  'game.started': { worldcupId: string; gameId: string; player: string };
  /**
   * Votes of a world cup changed: cast, taken back (undo), or taken out by fair play. `counted`:
   * whether any count changed (a flagged game's votes are stored but not counted).
   */
  'votes.changed': { worldcupId: string; source: VoteSource; voter: string; change: 'cast' | 'undone' | 'excluded'; counted: boolean };
  /** A game has its champion. `counted`: false for a flagged game (its finish counts nowhere). */
  'game.finished': { worldcupId: string; resultId: string; championId: string; player: string; counted: boolean };
  'worldcup.created': { row: WorldcupRow };
  /** An edit; `candidatesChanged` when the set of ranked candidates may have changed. */
  'worldcup.changed': { worldcupId: string; candidatesChanged: boolean };
  /** Who may watch it changed: made private, hidden by an admin ('private'), or deleted. */
  'worldcup.hidden': { worldcupId: string; reason: 'private' | 'deleted' };
  /** A comment or reply was posted (as everyone sees it). */
  'comment.posted': { comment: PublicComment };
  /** A comment was deleted; its replies stay. */
  'comment.deleted': { worldcupId: string; id: string; parentId: string | null };
  /** A comment's like count changed. */
  'comment.liked': { worldcupId: string; id: string; likes: number };
  /** A ranking was computed (published while its world cup's compute lock is held). */
  'ranking.computed': { result: RankingResult };
}

export type DomainEventName = keyof DomainEvents;
type Handler<K extends DomainEventName> = (payload: DomainEvents[K]) => void | Promise<void>;

export class DomainEventBus {
  private readonly handlers = new Map<DomainEventName, Handler<DomainEventName>[]>();

  constructor(private readonly onError: (error: unknown) => void = () => undefined) {}

  /** Subscribes `handler` to `name`; returns the unsubscribe. */
  on<K extends DomainEventName>(name: K, handler: Handler<K>): () => void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as Handler<DomainEventName>);
    this.handlers.set(name, list);
    return () => {
      const current = this.handlers.get(name) ?? [];
      this.handlers.set(
        name,
        current.filter((h) => h !== (handler as Handler<DomainEventName>)),
      );
    };
  }

  /** Tells every subscriber, in order; resolves once async handlers have settled. Never rejects. */
  async emit<K extends DomainEventName>(name: K, payload: DomainEvents[K]): Promise<void> {
    for (const handler of this.handlers.get(name) ?? []) {
      try {
        await handler(payload);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
