/**
 * Side-view body geometry for the car artwork. A body is a handful of named key points (fractions of
 * the car's length and height) joined into a polygon with per-corner rounding; the body types differ
 * only in where those points sit, so one renderer covers supercars, saloons, SUVs and the Cybertruck.
 */

export type BodyType =
  | 'supercar'
  | 'coupe'
  | 'sedan'
  | 'fastback'
  | 'suv'
  | 'suvCoupe'
  | 'hatchback'
  | 'pickup';

export const KEY_NAMES = [
  'tailLow',
  'tail',
  'deck',
  'backlight',
  'roofRear',
  'roofFront',
  'cowl',
  'nose',
  'bumper',
  'chin',
] as const;
export type KeyName = (typeof KEY_NAMES)[number];

/** [x as fraction of length from the rear, y as fraction of height, corner radius in metres]. */
export type Key = readonly [number, number, number];
export type Keys = Record<KeyName, Key>;

export interface Template {
  keys: Keys;
  /** Belt line (bottom of the side glass) as a fraction of height. */
  belt: number;
  /** Glass never extends rearwards of this fraction: it is where the C/D-pillar starts. */
  glassRear: number;
  /** Pillars (B, quarter-window) drawn across the glass, as fractions of length. */
  pillars: number[];
  /** Sill height in metres; SUVs ride higher. */
  sill: number;
}

const sportsBottom = { tailLow: [0.01, 0.22, 0.05], chin: [0.985, 0.1, 0.04] } as const;

export const TEMPLATES: Record<BodyType, Template> = {
  supercar: {
    keys: {
      ...sportsBottom,
      tail: [0, 0.66, 0.06],
      deck: [0.09, 0.74, 0.3],
      backlight: [0.22, 0.86, 0.4],
      roofRear: [0.38, 1, 0.45],
      roofFront: [0.52, 1, 0.3],
      cowl: [0.75, 0.56, 0.35],
      nose: [0.96, 0.42, 0.2],
      bumper: [1, 0.24, 0.08],
    },
    belt: 0.64,
    glassRear: 0.33,
    pillars: [0.45],
    sill: 0.13,
  },
  coupe: {
    keys: {
      ...sportsBottom,
      tail: [0, 0.62, 0.1],
      deck: [0.07, 0.72, 0.25],
      backlight: [0.2, 0.84, 0.45],
      roofRear: [0.37, 1, 0.5],
      roofFront: [0.51, 1, 0.3],
      cowl: [0.66, 0.68, 0.35],
      nose: [0.965, 0.52, 0.2],
      bumper: [1, 0.3, 0.1],
    },
    belt: 0.66,
    glassRear: 0.3,
    pillars: [0.44],
    sill: 0.14,
  },
  sedan: {
    keys: {
      tailLow: [0.01, 0.24, 0.06],
      tail: [0, 0.6, 0.08],
      deck: [0.06, 0.69, 0.12],
      backlight: [0.19, 0.73, 0.22],
      roofRear: [0.34, 1, 0.4],
      roofFront: [0.57, 1, 0.3],
      cowl: [0.71, 0.69, 0.3],
      nose: [0.965, 0.6, 0.15],
      bumper: [1, 0.38, 0.1],
      chin: [0.985, 0.12, 0.05],
    },
    belt: 0.66,
    glassRear: 0.26,
    pillars: [0.47],
    sill: 0.16,
  },
  fastback: {
    keys: {
      tailLow: [0.01, 0.24, 0.06],
      tail: [0, 0.6, 0.08],
      deck: [0.05, 0.67, 0.12],
      backlight: [0.15, 0.74, 0.4],
      roofRear: [0.38, 1, 0.5],
      roofFront: [0.56, 1, 0.3],
      cowl: [0.71, 0.64, 0.3],
      nose: [0.97, 0.5, 0.15],
      bumper: [1, 0.32, 0.1],
      chin: [0.985, 0.12, 0.05],
    },
    belt: 0.63,
    glassRear: 0.25,
    pillars: [0.48],
    sill: 0.15,
  },
  suv: {
    keys: {
      tailLow: [0, 0.2, 0.05],
      tail: [0, 0.6, 0.06],
      deck: [0.005, 0.76, 0.1],
      backlight: [0.02, 0.9, 0.12],
      roofRear: [0.07, 1, 0.14],
      roofFront: [0.63, 1, 0.18],
      cowl: [0.75, 0.68, 0.2],
      nose: [0.975, 0.64, 0.12],
      bumper: [1, 0.42, 0.08],
      chin: [0.99, 0.15, 0.04],
    },
    belt: 0.64,
    glassRear: 0.07,
    pillars: [0.27, 0.5],
    sill: 0.25,
  },
  suvCoupe: {
    keys: {
      tailLow: [0, 0.2, 0.05],
      tail: [0, 0.58, 0.06],
      deck: [0.03, 0.7, 0.12],
      backlight: [0.12, 0.82, 0.3],
      roofRear: [0.32, 1, 0.4],
      roofFront: [0.6, 1, 0.2],
      cowl: [0.74, 0.65, 0.25],
      nose: [0.975, 0.6, 0.12],
      bumper: [1, 0.4, 0.08],
      chin: [0.99, 0.14, 0.04],
    },
    belt: 0.6,
    glassRear: 0.2,
    pillars: [0.49],
    sill: 0.23,
  },
  hatchback: {
    keys: {
      tailLow: [0, 0.2, 0.05],
      tail: [0, 0.58, 0.06],
      deck: [0.01, 0.72, 0.1],
      backlight: [0.05, 0.9, 0.15],
      roofRear: [0.13, 1, 0.2],
      roofFront: [0.58, 1, 0.2],
      cowl: [0.74, 0.66, 0.25],
      nose: [0.965, 0.56, 0.15],
      bumper: [1, 0.36, 0.08],
      chin: [0.99, 0.12, 0.04],
    },
    belt: 0.6,
    glassRear: 0.13,
    pillars: [0.46],
    sill: 0.15,
  },
  pickup: {
    keys: {
      tailLow: [0, 0.24, 0.02],
      tail: [0, 0.62, 0.02],
      deck: [0.006, 0.645, 0.015],
      backlight: [0.3, 0.83, 0.01],
      roofRear: [0.52, 1, 0.04],
      roofFront: [0.54, 1, 0.04],
      cowl: [0.8, 0.72, 0.01],
      nose: [0.99, 0.6, 0.03],
      bumper: [1, 0.5, 0.02],
      chin: [0.99, 0.2, 0.02],
    },
    belt: 0.74,
    glassRear: 0.36,
    pillars: [0.54],
    sill: 0.3,
  },
};

export interface Pt {
  x: number;
  y: number;
}

/** Closed polygon with each corner replaced by a quadratic curve of (at most) the given radius. */
export function roundedPath(points: ReadonlyArray<Pt & { r: number }>, fmt: (v: number) => string): string {
  const count = points.length;
  let d = '';
  for (let i = 0; i < count; i++) {
    const p = points[i];
    const prev = points[(i + count - 1) % count];
    const next = points[(i + 1) % count];
    if (!p || !prev || !next) continue;
    const toward = (q: Pt) => {
      const dx = q.x - p.x;
      const dy = q.y - p.y;
      const len = Math.hypot(dx, dy) || 1;
      // Half the edge at most, so neighbouring corners never overlap.
      const k = Math.min(p.r, len / 2) / len;
      return { x: p.x + dx * k, y: p.y + dy * k };
    };
    const a = toward(prev);
    const b = toward(next);
    d += `${i === 0 ? 'M' : 'L'}${fmt(a.x)} ${fmt(a.y)}Q${fmt(p.x)} ${fmt(p.y)} ${fmt(b.x)} ${fmt(b.y)}`;
  }
  return `${d}Z`;
}

/** Sutherland–Hodgman against one half-plane: keeps points where `inside` holds. */
export function clipPolygon(poly: readonly Pt[], inside: (p: Pt) => boolean, cross: (a: Pt, b: Pt) => Pt): Pt[] {
  const out: Pt[] = [];
  for (let i = 0; i < poly.length; i++) {
    const cur = poly[i];
    const prev = poly[(i + poly.length - 1) % poly.length];
    if (!cur || !prev) continue;
    const ci = inside(cur);
    const pi = inside(prev);
    if (ci) {
      if (!pi) out.push(cross(prev, cur));
      out.push(cur);
    } else if (pi) {
      out.push(cross(prev, cur));
    }
  }
  return out;
}

export const crossAtY = (y: number) => (a: Pt, b: Pt): Pt => ({
  x: a.x + ((b.x - a.x) * (y - a.y)) / (b.y - a.y || 1e-9),
  y,
});
export const crossAtX = (x: number) => (a: Pt, b: Pt): Pt => ({
  x,
  y: a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x || 1e-9),
});

/** Moves every edge inwards by `d` (miter join); used to leave a pillar-width frame around glass. */
export function insetPolygon(poly: readonly Pt[], d: number): Pt[] {
  let area = 0;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i];
    const b = poly[(i + 1) % poly.length];
    if (a && b) area += a.x * b.y - b.x * a.y;
  }
  const sign = area > 0 ? 1 : -1;
  const normal = (a: Pt, b: Pt): Pt => {
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    return { x: (-(b.y - a.y) / len) * sign, y: ((b.x - a.x) / len) * sign };
  };
  const out: Pt[] = [];
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i];
    const prev = poly[(i + poly.length - 1) % poly.length];
    const next = poly[(i + 1) % poly.length];
    if (!p || !prev || !next) continue;
    const n1 = normal(prev, p);
    const n2 = normal(p, next);
    // Clamp the miter so near-reversing corners cannot throw a vertex across the canvas.
    const denom = Math.max(0.35, 1 + n1.x * n2.x + n1.y * n2.y);
    out.push({ x: p.x + ((n1.x + n2.x) * d) / denom, y: p.y + ((n1.y + n2.y) * d) / denom });
  }
  return out;
}
