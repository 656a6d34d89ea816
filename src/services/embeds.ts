/**
 * Embedding world cups in other sites: the oEmbed answer for a link to one of this site's world cup
 * pages. Only what anyone with the link may see is embeddable (public and unlisted world cups);
 * private, hidden and unknown ones, links to other hosts and other pages are all "not found", so
 * an answer never confirms that a private world cup exists.
 */
import type { Oembed, OembedQuery } from '../shared/api/embeds.js';
import { AppError, notFound } from './errors.js';
import { presentSummary } from './present.js';
import type { WorldCupService } from './worldcups.js';

/** This site as the request reached it: `https://host[:port]` and `host[:port]`. */
export interface SiteOrigin {
  origin: string;
  host: string;
}

/** The embed's size when the consumer sets no maximum: a phone-shaped player, a wider table. */
const DEFAULT_SIZE = { play: { width: 480, height: 640 }, ranking: { width: 640, height: 720 } } as const;
const PAGE = /^\/w\/([A-Za-z0-9_-]{6,40})(\/ranking)?\/?$/;

const escapeAttribute = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;');

export class EmbedService {
  constructor(private readonly worldcups: WorldCupService) {}

  async oembed(query: OembedQuery, site: SiteOrigin): Promise<Oembed> {
    if (query.format !== 'json') throw new AppError(501, 'format_not_supported', 'only format=json is served');
    let url: URL;
    try {
      url = new URL(query.url);
    } catch {
      throw notFound('embeddable page');
    }
    const page = PAGE.exec(url.pathname);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.host !== site.host || !page?.[1]) throw notFound('embeddable page');
    const id = page[1];
    const kind = page[2] ? 'ranking' : 'play';
    // Asked as nobody in particular: what an embed shows, everyone sees.
    const row = await this.worldcups.visibleRow(id, '');
    const summary = presentSummary(row, '');
    const width = Math.min(DEFAULT_SIZE[kind].width, query.maxwidth ?? Infinity);
    const height = Math.min(DEFAULT_SIZE[kind].height, query.maxheight ?? Infinity);
    const src = `${site.origin}/embed/w/${encodeURIComponent(id)}${kind === 'ranking' ? '/ranking' : ''}`;
    const html =
      `<iframe src="${escapeAttribute(src)}" width="${width}" height="${height}" title="${escapeAttribute(summary.title)}"` +
      ` style="border:0;max-width:100%" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe>`;
    return {
      version: '1.0',
      type: 'rich',
      provider_name: 'Versus',
      provider_url: `${site.origin}/`,
      title: summary.title,
      html,
      width,
      height,
      // No thumbnail: oEmbed requires its width and height with it, and a cover's thumbnail keeps
      // its image's proportions, which the world cup's row does not know.
    };
  }
}
