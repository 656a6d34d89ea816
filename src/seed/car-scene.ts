/**
 * Backdrop for the car artwork: a studio-style sky and floor tinted by the brand's country, a soft
 * sun disc and speed streaks placed from the car's name so neighbouring cards do not look cloned.
 */
import { createRng, darken, lighten, mix, n } from './svg-kit.js';

export type Country = 'Korea' | 'Germany' | 'Japan' | 'USA' | 'UK' | 'Italy' | 'Sweden';

interface Palette {
  skyTop: string;
  skyBottom: string;
  /** Soft sun/glow colour and the floor's tint. */
  glow: string;
  floor: string;
  /** Flag-inspired colours, used only as a thin ribbon and the sun tint (no emblems). */
  accents: readonly string[];
}

const PALETTES: Record<Country, Palette> = {
  Korea: { skyTop: '#dfe8f5', skyBottom: '#f6f3f1', glow: '#9fc1ff', floor: '#7d8aa3', accents: ['#cd2e3a', '#0047a0', '#1a1a1a'] },
  Germany: { skyTop: '#e9e3d6', skyBottom: '#f7f3ea', glow: '#ffd98a', floor: '#8f8a80', accents: ['#1a1a1a', '#dd0000', '#ffce00'] },
  Japan: { skyTop: '#f4e7e1', skyBottom: '#fbf7f4', glow: '#ff8a8a', floor: '#9a8c88', accents: ['#bc002d', '#bc002d', '#e8d8d0'] },
  USA: { skyTop: '#d4def0', skyBottom: '#eef1f7', glow: '#8fb0ff', floor: '#7a8397', accents: ['#3c3b6e', '#b22234', '#ffffff'] },
  UK: { skyTop: '#d9e4e2', skyBottom: '#f1f4f3', glow: '#9fd6c8', floor: '#7f8c8a', accents: ['#012169', '#c8102e', '#ffffff'] },
  Italy: { skyTop: '#f1e2cf', skyBottom: '#fbf5ec', glow: '#ffb070', floor: '#9b8c7c', accents: ['#009246', '#f1f2f1', '#ce2b37'] },
  Sweden: { skyTop: '#d3e3f1', skyBottom: '#eef4f9', glow: '#ffe27a', floor: '#7b8a99', accents: ['#006aa7', '#fecc00', '#006aa7'] },
};

const HORIZON_Y = 360;

export interface CarBounds {
  left: number;
  right: number;
  ground: number;
}

export function drawScene(id: string, seed: string, country: Country, car: CarBounds): { defs: string; background: string; shadow: string } {
  const p = PALETTES[country];
  const rng = createRng(`${seed}#scene`);
  const floorTop = mix(p.floor, p.skyBottom, 0.45);
  const floorBottom = darken(p.floor, 0.35);

  const defs =
    `<linearGradient id="${id}sky" x1="0" y1="0" x2="0" y2="1">` +
    `<stop offset="0" stop-color="${p.skyTop}"/><stop offset="1" stop-color="${p.skyBottom}"/></linearGradient>` +
    `<linearGradient id="${id}floor" x1="0" y1="0" x2="0" y2="1">` +
    `<stop offset="0" stop-color="${floorTop}"/><stop offset="1" stop-color="${floorBottom}"/></linearGradient>` +
    `<radialGradient id="${id}sun"><stop offset="0" stop-color="${lighten(p.glow, 0.2)}" stop-opacity="0.9"/>` +
    `<stop offset="0.35" stop-color="${p.glow}" stop-opacity="0.45"/>` +
    `<stop offset="1" stop-color="${p.glow}" stop-opacity="0"/></radialGradient>` +
    `<radialGradient id="${id}spot" cx="0.5" cy="0.5" r="0.5">` +
    `<stop offset="0" stop-color="#ffffff" stop-opacity="0.45"/><stop offset="1" stop-color="#ffffff" stop-opacity="0"/>` +
    `</radialGradient>` +
    `<radialGradient id="${id}shadow"><stop offset="0" stop-color="#000000" stop-opacity="0.55"/>` +
    `<stop offset="0.7" stop-color="#000000" stop-opacity="0.25"/><stop offset="1" stop-color="#000000" stop-opacity="0"/>` +
    `</radialGradient>`;

  const parts: string[] = [
    `<rect width="800" height="600" fill="url(#${id}sky)"/>`,
    `<circle cx="${n(rng.range(140, 660))}" cy="${n(rng.range(120, 190))}" r="${n(rng.range(170, 230))}" fill="url(#${id}sun)"/>`,
  ];
  // Speed streaks in the sky: thin, rounded, staggered; they suggest motion without clutter.
  const streaks = rng.int(3, 5);
  for (let i = 0; i < streaks; i++) {
    const y = rng.range(40, HORIZON_Y - 60);
    const x = rng.range(-40, 620);
    const len = rng.range(90, 260);
    parts.push(
      `<path d="M${n(x)} ${n(y)}L${n(x + len)} ${n(y)}" stroke="#ffffff" stroke-width="${n(rng.range(2, 4))}" ` +
        `stroke-linecap="round" opacity="${n(rng.range(0.3, 0.6))}"/>`,
    );
  }
  parts.push(
    `<rect y="${HORIZON_Y}" width="800" height="${600 - HORIZON_Y}" fill="url(#${id}floor)"/>`,
    `<rect y="${HORIZON_Y - 1}" width="800" height="3" fill="#ffffff" opacity="0.55"/>`,
    `<ellipse cx="400" cy="${n(car.ground + 18)}" rx="380" ry="70" fill="url(#${id}spot)"/>`,
  );
  // Flag-coloured ribbon along the bottom edge: identifies the country without any emblem or text.
  const ribbonW = 800 / p.accents.length;
  p.accents.forEach((c, i) => {
    parts.push(`<rect x="${n(i * ribbonW)}" y="590" width="${n(ribbonW + 1)}" height="10" fill="${c}"/>`);
  });
  const cx = (car.left + car.right) / 2;
  const half = (car.right - car.left) / 2;
  const shadow = `<ellipse cx="${n(cx)}" cy="${n(car.ground + 2)}" rx="${n(half * 1.08)}" ry="20" fill="url(#${id}shadow)"/>`;
  return { defs, background: parts.join(''), shadow };
}
