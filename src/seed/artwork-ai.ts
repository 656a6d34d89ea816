/**
 * Abstract generative artwork for AI models: a cool palette for open-weights models and a warm one
 * for closed models, so the two camps are recognisable at a glance, with the motif and layout seeded
 * from the model name. No logos and no <text>: the UI shows the name beside the image.
 */
import { MOTIFS, type AiPalette } from './ai-motifs.js';
import type { AiGroup } from './ai-models.js';
import { createRng, hsl, idPrefix, n, svgDocument } from './svg-kit.js';

/**
 * `slot` is the model's position within its group. Hue and motif are spread by slot rather than by
 * hash alone, which guarantees neighbours in a group never share both a colour and a motif.
 */
export function aiPalette(group: AiGroup, slot: number, jitter: number): AiPalette {
  const open = group === 'open';
  const h = open ? 178 + slot * 14 + jitter : 340 + slot * 7 + jitter * 0.5;
  const off = open ? 28 : 16;
  return {
    bg0: hsl(h + 10, 0.6, 0.07),
    bg1: hsl(h + (open ? 20 : 8), 0.55, 0.2),
    c: [hsl(h, 0.85, 0.6), hsl(h + off, 0.9, 0.7), hsl(h - off, 0.75, 0.52)],
    hi: hsl(h, 0.9, 0.9),
  };
}

export function drawAiModel(name: string, group: AiGroup, slot: number): string {
  const id = idPrefix(name);
  const rng = createRng(`${name}#ai`);
  const p = aiPalette(group, slot, rng.range(-4, 4));
  const motif = MOTIFS[(slot + (group === 'closed' ? 3 : 0)) % MOTIFS.length];
  if (!motif) throw new Error('no motifs');
  const art = motif(rng, p, id);

  const gx = n(rng.range(0.15, 0.85));
  const gy = n(rng.range(0.15, 0.6));
  const defs =
    `<linearGradient id="${id}bg" x1="0" y1="0" x2="1" y2="1">` +
    `<stop offset="0" stop-color="${p.bg1}"/><stop offset="1" stop-color="${p.bg0}"/></linearGradient>` +
    `<radialGradient id="${id}glow" cx="${gx}" cy="${gy}" r="0.6">` +
    `<stop offset="0" stop-color="${p.c[0]}" stop-opacity="0.4"/>` +
    `<stop offset="1" stop-color="${p.c[0]}" stop-opacity="0"/></radialGradient>` +
    `<radialGradient id="${id}vig" cx="0.5" cy="0.5" r="0.75">` +
    `<stop offset="0.55" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.55"/>` +
    `</radialGradient>` +
    `<pattern id="${id}dots" width="28" height="28" patternUnits="userSpaceOnUse">` +
    `<circle cx="14" cy="14" r="1.2" fill="${p.hi}" opacity="0.18"/></pattern>`;

  // Open models get an open frame (corner brackets); closed models a sealed one.
  const frame =
    group === 'open'
      ? [
          [28, 28, 1, 1],
          [772, 28, -1, 1],
          [28, 572, 1, -1],
          [772, 572, -1, -1],
        ]
          .map(
            ([x = 0, y = 0, sx = 1, sy = 1]) =>
              `<path d="M${x} ${y + sy * 46}L${x} ${y}L${x + sx * 46} ${y}" fill="none" stroke="${p.hi}" ` +
              `stroke-width="3" stroke-linecap="round" opacity="0.75"/>`,
          )
          .join('')
      : `<rect x="28" y="28" width="744" height="544" rx="22" fill="none" stroke="${p.hi}" stroke-width="3" opacity="0.6"/>` +
        `<rect x="38" y="38" width="724" height="524" rx="15" fill="none" stroke="${p.hi}" stroke-width="1" opacity="0.3"/>`;

  return svgDocument(
    `<defs>${defs}${art.defs}</defs>` +
      `<rect width="800" height="600" fill="url(#${id}bg)"/>` +
      `<rect width="800" height="600" fill="url(#${id}glow)"/>` +
      `<rect width="800" height="600" fill="url(#${id}dots)"/>` +
      art.body +
      `<rect width="800" height="600" fill="url(#${id}vig)"/>` +
      frame,
  );
}
