/**
 * Draws a link-preview card (1200×630 PNG) from its content: an SVG rendered by resvg with the
 * Korean font this package ships (Noto Sans KR, OFL), never a system font, so Korean renders the
 * same on a server without CJK fonts. Photos are resized by sharp and embedded; a candidate
 * without one gets a coloured tile with its name.
 */
import { createRequire } from 'node:module';
import { renderAsync } from '@resvg/resvg-js';
import sharp from 'sharp';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** The one font the renderer knows (resolved from node_modules, so it ships with the app). */
export const CARD_FONT_FILE = createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf');
const FONT_FAMILY = 'Noto Sans KR';

/** A candidate on a card: its name and, when it has one, its uploaded image's bytes. */
export interface CardFigure {
  name: string;
  image: Buffer | null;
  /** Above the name (a place: "1위"). */
  label?: string;
}

/** What a card shows: a headline with a kicker above and a subline below it, a footnote, and one figure (a champion, a cover) or three (a podium). */
export interface CardContent {
  kicker: string;
  headline: string;
  subline: string;
  footnote: string;
  figures: readonly CardFigure[];
}

const escapeXml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/** About how wide a character draws, in ems: CJK and Hangul are square, Latin narrower. */
const emsOf = (ch: string): number => (/[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/u.test(ch) ? 1 : /[A-Z0-9MW@%]/.test(ch) ? 0.66 : 0.55);

/** `text` cut (with …) to fit `maxPx` at `fontPx`; whitespace collapsed. */
export function fitText(text: string, fontPx: number, maxPx: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  let width = 0;
  for (let i = 0; i < chars.length; i++) {
    width += emsOf(chars[i] as string) * fontPx;
    if (width > maxPx) return `${chars.slice(0, Math.max(0, i - 1)).join('')}…`;
  }
  return chars.join('');
}

/** The largest of `sizes` at which `value` fits `maxPx` whole, else the smallest (cut to fit). */
function fitLargest(value: string, sizes: readonly number[], maxPx: number): { size: number; value: string } {
  for (const size of sizes) {
    const fitted = fitText(value, size, maxPx);
    if (!fitted.endsWith('…') || fitted === value) return { size, value: fitted };
  }
  const size = sizes.at(-1) ?? 40;
  return { size, value: fitText(value, size, maxPx) };
}

/** A stable colour for a name, for tiles without a photo. */
function tileColour(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) % 360;
  return `hsl(${h}, 55%, 45%)`;
}

const text = (x: number, y: number, size: number, fill: string, value: string, anchor = 'start'): string =>
  `<text x="${x}" y="${y}" font-family="${FONT_FAMILY}" font-size="${size}" font-weight="700" fill="${fill}" text-anchor="${anchor}">${escapeXml(value)}</text>`;

/** A figure in a box: its photo (cover-cropped) or a coloured tile with its name. */
async function figureBox(f: CardFigure, x: number, y: number, w: number, h: number): Promise<string> {
  if (f.image) {
    try {
      const png = await sharp(f.image).resize(w, h, { fit: 'cover' }).png().toBuffer();
      return `<image x="${x}" y="${y}" width="${w}" height="${h}" href="data:image/png;base64,${png.toString('base64')}"/>`;
    } catch {
      // An image that no longer decodes falls back to its tile, never fails the card.
    }
  }
  const size = Math.round(Math.min(w, h) / 6);
  return (
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${tileColour(f.name)}"/>` +
    text(x + w / 2, y + h / 2 + size / 3, size, '#ffffff', fitText(f.name, size, w - 40), 'middle')
  );
}

/** The card's SVG (exported for tests of the layout; `renderCard` is what serves). */
export async function cardSvg(c: CardContent): Promise<string> {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">`,
    '<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1b1340"/><stop offset="1" stop-color="#5b3df5"/></linearGradient></defs>',
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="url(#bg)"/>`,
  ];
  if (c.figures.length <= 1) {
    const [f] = c.figures;
    if (f) parts.push(await figureBox(f, 0, 0, 540, CARD_HEIGHT));
    const x = f ? 590 : 80;
    const width = CARD_WIDTH - x - 60;
    parts.push(text(x, 150, 34, '#c9bfff', fitText(c.kicker, 34, width)));
    const headline = fitLargest(c.headline, [72, 56, 44], width);
    parts.push(text(x, 260, headline.size, '#ffffff', headline.value));
    if (c.subline) parts.push(text(x, 350, 40, '#ffffff', fitText(c.subline, 40, width)));
    parts.push(text(x, 560, 30, '#c9bfff', fitText(c.footnote, 30, width)));
  } else {
    parts.push(text(60, 80, 34, '#c9bfff', fitText(c.kicker, 34, 1080)));
    const headline = fitLargest(c.headline, [56, 44], 1080);
    parts.push(text(60, 150, headline.size, '#ffffff', headline.value));
    const shown = c.figures.slice(0, 3);
    for (const [i, f] of shown.entries()) {
      const x = 60 + i * 370;
      parts.push(await figureBox(f, x, 190, 340, 300));
      parts.push(text(x, 545, 36, '#ffffff', fitText(`${f.label ?? ''} ${f.name}`.trim(), 36, 340)));
    }
    parts.push(text(1140, 605, 24, '#c9bfff', fitText(c.footnote, 24, 600), 'end'));
  }
  parts.push('</svg>');
  return parts.join('');
}

/** Renders the card to PNG with the shipped font only (loadSystemFonts: false). */
export async function renderCard(c: CardContent): Promise<Buffer> {
  const image = await renderAsync(await cardSvg(c), {
    font: { fontFiles: [CARD_FONT_FILE], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    fitTo: { mode: 'original' },
  });
  return image.asPng();
}
