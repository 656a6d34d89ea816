/**
 * Link previews (issue 12): what a crawler sees of a world cup, its ranking and a result — the
 * title and description of the page's head, and a card image under an immutable URL that names
 * its content's version. Only what anyone may see gets a preview: a private or hidden world cup
 * (and its results) gets the generic head and no card, whoever asks, since preview HTML and cards
 * are cached and forwarded by chat apps.
 */
import { createHash } from 'node:crypto';
import type { Ranking } from '../../shared/schemas.js';
import type { WorldcupRow } from '../../store/worldcups-repo.js';
import type { Viewer } from '../access.js';
import { AppError, notFound } from '../errors.js';
import type { RankingService } from '../ranking.js';
import type { ResultService } from '../results.js';
import type { RoomService } from '../rooms.js';
import { QueueFullError, Semaphore } from '../semaphore.js';
import { SizedLru } from '../sized-lru.js';
import type { UploadService } from '../uploads.js';
import type { WorldCupService } from '../worldcups.js';
import { type CardContent, renderCard } from './render.js';

/** Which page a preview is of: a world cup (`w`), its ranking (`r`), a result (`s`) or a live room's results (`m`, by the room's code). */
export type PreviewKind = 'w' | 'r' | 's' | 'm';
export const PREVIEW_KINDS: readonly PreviewKind[] = ['w', 'r', 's', 'm'];

/** A card's content before its images are loaded: figures name their upload ids. */
interface CardPlan extends Omit<CardContent, 'figures'> {
  figures: { name: string; imageId: string | null; label?: string }[];
}

export interface Preview {
  title: string;
  description: string;
  /** The card's path, with its content version: `/cards/<kind>/<id>/<version>.png`. */
  cardPath: string;
}

/** A card to serve: its PNG and the version it shows. */
export interface Card {
  png: Buffer;
  version: string;
}

/** Nobody's session: previews show what anyone may see. */
const ANYONE: Viewer = '';

const isPublic = (row: WorldcupRow): boolean => row.visibility !== 'private' && row.hidden_at === null;

/** The version of a card's content: any change of text or image gives a new URL. */
const versionOf = (plan: CardPlan): string => createHash('sha256').update(JSON.stringify(plan)).digest('hex').slice(0, 16);

export const cardPathOf = (kind: PreviewKind, id: string, version: string): string => `/cards/${kind}/${encodeURIComponent(id)}/${version}.png`;

export class ServerBusyCards extends AppError {
  constructor() {
    super(503, 'server_busy', 'too many preview cards are being drawn right now; try again in a few seconds');
  }
}

export class PreviewService {
  /** Rendered PNGs by `kind:id:version` (a card is ~50–300 KB). */
  private readonly cards = new SizedLru<Buffer>(32 * 1024 * 1024, (png) => png.length);
  /** Renders in flight, shared by concurrent requests for the same card. */
  private readonly rendering = new Map<string, Promise<Buffer>>();
  /** One card drawn at a time (one libuv thread), a few waiting: a crawler storm cannot pin the CPU. */
  private readonly drawing = new Semaphore(1, 16);

  constructor(
    private readonly worldcups: WorldCupService,
    private readonly ranking: RankingService,
    private readonly results: ResultService,
    private readonly uploads: UploadService,
    private readonly rooms: RoomService,
  ) {}

  /**
   * The preview of a page for `viewer`: null when the viewer may see it but not everyone may (a
   * private world cup: the generic head); 404 when the viewer may not see it or it does not exist.
   */
  async preview(kind: PreviewKind, id: string, viewer: Viewer): Promise<Preview | null> {
    const plan = await this.plan(kind, id, viewer);
    if (!plan) return null;
    const title = kind === 's' || kind === 'm' ? `${plan.headline} — ${plan.subline}` : kind === 'r' ? `${plan.headline} 순위` : plan.headline;
    return { title: `${title} | Versus`, description: plan.description, cardPath: cardPathOf(kind, id, versionOf(plan.card)) };
  }

  /** The current card of a page anyone may see (404 otherwise), rendered once per version. */
  async card(kind: PreviewKind, id: string): Promise<Card> {
    const plan = await this.plan(kind, id, ANYONE);
    if (!plan) throw notFound('card');
    const version = versionOf(plan.card);
    const key = `${kind}:${id}:${version}`;
    const cached = this.cards.get(key);
    if (cached) return { png: cached, version };
    let pending = this.rendering.get(key);
    if (!pending) {
      pending = this.draw(plan.card).finally(() => this.rendering.delete(key));
      this.rendering.set(key, pending);
    }
    const png = await pending;
    this.cards.set(key, png);
    return { png, version };
  }

  private async draw(plan: CardPlan): Promise<Buffer> {
    try {
      return await this.drawing.run(async () => {
        const figures = await Promise.all(
          plan.figures.map(async (f) => ({ ...f, image: f.imageId ? await this.uploads.file(f.imageId, 'image').catch(() => null) : null })),
        );
        return renderCard({ ...plan, figures });
      });
    } catch (error) {
      if (error instanceof QueueFullError) throw new ServerBusyCards();
      throw error;
    }
  }

  /**
   * A live room's results (anyone with the code may see them, as the audience does): its champion,
   * or while it is on, how many matches were played. A room of a private world cup gets the generic head.
   */
  private async roomPlan(code: string): Promise<Plan | null> {
    const results = await this.rooms.results(code);
    const row = await this.worldcups.visibleRow(results.worldcupId, ANYONE).catch(() => null);
    if (!row || !isPublic(row)) return null;
    const champion = results.champion;
    const played = results.matches.length;
    const headline = champion?.name ?? row.title;
    const kicker = champion ? '라이브 방 우승 · 시청자 투표' : results.endedEarly ? `라이브 방 · ${played}경기에서 끝남` : `라이브 방 · ${played}경기 진행`;
    const overrides = results.matches.filter((m) => m.overridden).length;
    const description = champion
      ? `시청자들이 함께 고른 「${row.title}」의 우승: ${champion.name}. ${played}경기${overrides > 0 ? `, 진행자가 ${overrides}번 뒤집었어요` : ''}.`
      : `「${row.title}」 라이브 방: 시청자 투표로 ${played}경기를 치렀어요.`;
    const imageId = champion?.media?.kind === 'image' ? champion.media.imageId : row.cover_image_id;
    return { headline, subline: row.title, description, card: { kicker, headline, subline: row.title, footnote: 'Versus', figures: [{ name: headline, imageId }] } };
  }

  /** The page's head text and card content; null when only some may see it. */
  private async plan(kind: PreviewKind, id: string, viewer: Viewer): Promise<Plan | null> {
    if (kind === 's') {
      const { result, worldcup } = await this.results.find(id, viewer);
      if (!isPublic(worldcup)) return null;
      const champion = result.champion;
      const imageId = champion.media?.kind === 'image' ? champion.media.imageId : null;
      return {
        headline: champion.name,
        subline: worldcup.title,
        description: `${result.size}강 이상형 월드컵 「${worldcup.title}」의 우승: ${champion.name}. 같은 월드컵을 해 보고 다른 사람들의 선택과 비교해 보세요.`,
        card: { kicker: `${result.size}강 이상형 월드컵 우승`, headline: champion.name, subline: worldcup.title, footnote: 'Versus', figures: [{ name: champion.name, imageId }] },
      };
    }
    if (kind === 'm') return this.roomPlan(id);
    const row = await this.worldcups.visibleRow(id, viewer);
    if (!isPublic(row)) return null;
    if (kind === 'r') {
      const top = podiumOf((await this.ranking.ranking(id, viewer)).items);
      const names = top.map((item) => `${item.position}위 ${item.name}`).join(', ');
      return {
        headline: row.title,
        subline: '',
        description: top.length > 0 ? `이상형 월드컵 「${row.title}」 순위: ${names}` : `이상형 월드컵 「${row.title}」 순위: 아직 표가 모자라 순위가 정해지지 않았어요`,
        card: { kicker: '이상형 월드컵 순위', headline: `${row.title}`, subline: '', footnote: 'Versus', figures: top.map((item) => figureOf(item, `${item.position}위`)) },
      };
    }
    const description = row.description.trim() || `후보 ${row.candidate_count}명 중 당신의 이상형은? 이상형 월드컵을 하고 순위를 확인하세요.`;
    return {
      headline: row.title,
      subline: '',
      description,
      card: {
        kicker: `이상형 월드컵 · 후보 ${row.candidate_count}명`,
        headline: row.title,
        subline: row.description.trim(),
        footnote: 'Versus',
        figures: [{ name: row.title, imageId: row.cover_image_id }],
      },
    };
  }
}

type RankingItem = Ranking['items'][number];
type Plan = { headline: string; subline: string; description: string; card: CardPlan };

/**
 * The first three places of the table, as the ranking page states them: only candidates with a
 * place (`position`; provisional ones have none and are never called "1위"), by place.
 */
export function podiumOf(items: readonly RankingItem[]): (RankingItem & { position: number })[] {
  return items
    .filter((item): item is RankingItem & { position: number } => item.position !== null)
    .sort((a, b) => a.position - b.position)
    .slice(0, 3);
}

function figureOf(item: Ranking['items'][number], label: string): CardPlan['figures'][number] {
  return { name: item.name, imageId: item.media?.kind === 'image' ? item.media.imageId : null, label };
}
