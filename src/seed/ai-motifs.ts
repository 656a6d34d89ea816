/**
 * Generative motifs for the AI-model artwork. Each takes a seeded RNG and a palette and returns SVG
 * markup; all randomness flows through the RNG so the same model name always draws the same picture.
 */
import { n, type Rng } from './svg-kit.js';

export interface AiPalette {
  bg0: string;
  bg1: string;
  /** Three related accent colours plus a near-white highlight. */
  c: readonly [string, string, string];
  hi: string;
}

export interface Motif {
  defs: string;
  body: string;
}

type MotifFn = (rng: Rng, p: AiPalette, id: string) => Motif;

interface P {
  x: number;
  y: number;
}

const colour = (p: AiPalette, i: number): string => p.c[((i % 3) + 3) % 3] ?? p.hi;

/** Soft glowing node: a radial halo under a crisp dot, shared by several motifs. */
function glowDefs(id: string, p: AiPalette): string {
  return (
    `<radialGradient id="${id}halo"><stop offset="0" stop-color="${p.hi}" stop-opacity="0.9"/>` +
    `<stop offset="0.3" stop-color="${p.c[0]}" stop-opacity="0.45"/>` +
    `<stop offset="1" stop-color="${p.c[0]}" stop-opacity="0"/></radialGradient>`
  );
}

/** Catmull-Rom through the points as cubic Béziers: smooth curves without hand-placed handles. */
function smooth(points: readonly P[]): string {
  const first = points[0];
  if (!first) return '';
  let d = `M${n(first.x)} ${n(first.y)}`;
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[i - 1] ?? points[i];
    const p1 = points[i];
    const p2 = points[i + 1];
    const p3 = points[i + 2] ?? p2;
    if (!p0 || !p1 || !p2 || !p3) continue;
    d +=
      `C${n(p1.x + (p2.x - p0.x) / 6)} ${n(p1.y + (p2.y - p0.y) / 6)} ` +
      `${n(p2.x - (p3.x - p1.x) / 6)} ${n(p2.y - (p3.y - p1.y) / 6)} ${n(p2.x)} ${n(p2.y)}`;
  }
  return d;
}

const constellation: MotifFn = (rng, p, id) => {
  const pts: P[] = [];
  for (let gx = 0; gx < 9; gx++) {
    for (let gy = 0; gy < 7; gy++) {
      if (rng.next() < 0.3) continue;
      pts.push({ x: 30 + gx * 92 + rng.range(-34, 34), y: 30 + gy * 90 + rng.range(-34, 34) });
    }
  }
  const edges = new Set<string>();
  let lines = '';
  pts.forEach((a, i) => {
    const near = pts
      .map((b, j) => ({ j, d: Math.hypot(a.x - b.x, a.y - b.y) }))
      .filter((e) => e.j !== i)
      .sort((u, v) => u.d - v.d)
      .slice(0, rng.int(2, 3));
    for (const { j } of near) {
      const key = i < j ? `${i}-${j}` : `${j}-${i}`;
      const b = pts[j];
      if (edges.has(key) || !b) continue;
      edges.add(key);
      lines +=
        `<path d="M${n(a.x)} ${n(a.y)}L${n(b.x)} ${n(b.y)}" stroke="${colour(p, i + j)}" ` +
        `stroke-width="${n(rng.range(0.8, 2.2))}" opacity="${n(rng.range(0.3, 0.75))}"/>`;
    }
  });
  let nodes = '';
  pts.forEach((a, i) => {
    const hub = rng.next() < 0.12;
    const r = hub ? rng.range(8, 13) : rng.range(2.5, 5.5);
    if (hub) {
      nodes +=
        `<circle cx="${n(a.x)}" cy="${n(a.y)}" r="${n(r * 5)}" fill="url(#${id}halo)"/>` +
        `<circle cx="${n(a.x)}" cy="${n(a.y)}" r="${n(r * 1.9)}" fill="none" stroke="${p.hi}" stroke-width="1.2" opacity="0.7"/>`;
    }
    nodes += `<circle cx="${n(a.x)}" cy="${n(a.y)}" r="${n(r)}" fill="${hub ? p.hi : colour(p, i)}"/>`;
  });
  return { defs: glowDefs(id, p), body: lines + nodes };
};

const orbits: MotifFn = (rng, p, id) => {
  const cx = 400 + rng.range(-90, 90);
  const cy = 300 + rng.range(-40, 40);
  const tilt = rng.range(-35, 35);
  const rings = rng.int(4, 5);
  let body = `<circle cx="${n(cx)}" cy="${n(cy)}" r="170" fill="url(#${id}halo)"/>`;
  const nodes: P[] = [];
  for (let i = 0; i < rings; i++) {
    const rx = 100 + i * rng.range(58, 72);
    const ry = rx * rng.range(0.34, 0.6);
    const rot = tilt + rng.range(-14, 14);
    const dash = rng.next() < 0.4 ? ` stroke-dasharray="${n(rng.range(3, 10))} ${n(rng.range(6, 14))}"` : '';
    body +=
      `<ellipse cx="${n(cx)}" cy="${n(cy)}" rx="${n(rx)}" ry="${n(ry)}" transform="rotate(${n(rot)} ${n(cx)} ${n(cy)})" ` +
      `fill="none" stroke="${colour(p, i)}" stroke-width="${n(rng.range(1.2, 2.6))}" opacity="0.7"${dash}/>`;
    const rad = (rot * Math.PI) / 180;
    for (let k = rng.int(1, 3); k > 0; k--) {
      const t = rng.range(0, Math.PI * 2);
      const ex = Math.cos(t) * rx;
      const ey = Math.sin(t) * ry;
      nodes.push({ x: cx + ex * Math.cos(rad) - ey * Math.sin(rad), y: cy + ex * Math.sin(rad) + ey * Math.cos(rad) });
    }
  }
  nodes.forEach((a, i) => {
    const b = nodes[(i * 3 + 1) % nodes.length];
    if (b && b !== a) {
      body += `<path d="M${n(a.x)} ${n(a.y)}L${n(b.x)} ${n(b.y)}" stroke="${p.hi}" stroke-width="0.8" opacity="0.25"/>`;
    }
  });
  nodes.forEach((a, i) => {
    body +=
      `<circle cx="${n(a.x)}" cy="${n(a.y)}" r="${n(rng.range(12, 22))}" fill="url(#${id}halo)"/>` +
      `<circle cx="${n(a.x)}" cy="${n(a.y)}" r="${n(rng.range(4, 8))}" fill="${colour(p, i + 1)}" stroke="${p.hi}" stroke-width="1.5"/>`;
  });
  body +=
    `<circle cx="${n(cx)}" cy="${n(cy)}" r="34" fill="${p.bg0}" stroke="${p.hi}" stroke-width="2.5"/>` +
    `<circle cx="${n(cx)}" cy="${n(cy)}" r="18" fill="${p.c[0]}"/>` +
    `<circle cx="${n(cx)}" cy="${n(cy)}" r="7" fill="${p.hi}"/>`;
  return { defs: glowDefs(id, p), body };
};

const chordRing: MotifFn = (rng, p, id) => {
  const cx = 400;
  const cy = 300;
  const R = rng.range(200, 235);
  const count = rng.int(22, 36);
  const start = rng.range(0, Math.PI * 2);
  const at = (i: number, r: number): P => {
    const a = start + (i / count) * Math.PI * 2;
    return { x: cx + Math.cos(a) * r, y: cy + Math.sin(a) * r };
  };
  let body = `<circle cx="${cx}" cy="${cy}" r="${n(R * 0.75)}" fill="url(#${id}halo)" opacity="0.55"/>`;
  body += `<circle cx="${cx}" cy="${cy}" r="${n(R + 18)}" fill="none" stroke="${p.c[1]}" stroke-width="1" opacity="0.5"/>`;
  for (let i = 0; i < count * 3; i++) {
    const a = at(i / 3, R + 10);
    const b = at(i / 3, R + (i % 3 === 0 ? 30 : 18));
    body += `<path d="M${n(a.x)} ${n(a.y)}L${n(b.x)} ${n(b.y)}" stroke="${p.hi}" stroke-width="1.2" opacity="0.45"/>`;
  }
  const chords = rng.int(20, 30);
  for (let k = 0; k < chords; k++) {
    const i = rng.int(0, count - 1);
    const j = (i + rng.int(3, count - 3)) % count;
    const a = at(i, R);
    const b = at(j, R);
    const pull = rng.range(0.1, 0.55);
    const mx = cx + ((a.x + b.x) / 2 - cx) * pull;
    const my = cy + ((a.y + b.y) / 2 - cy) * pull;
    body +=
      `<path d="M${n(a.x)} ${n(a.y)}Q${n(mx)} ${n(my)} ${n(b.x)} ${n(b.y)}" fill="none" stroke="${colour(p, k)}" ` +
      `stroke-width="${n(rng.range(1, 4.5))}" stroke-linecap="round" opacity="${n(rng.range(0.3, 0.85))}"/>`;
  }
  for (let i = 0; i < count; i++) {
    const a = at(i, R);
    body += `<circle cx="${n(a.x)}" cy="${n(a.y)}" r="${n(rng.range(3, 7))}" fill="${colour(p, i)}" stroke="${p.hi}" stroke-width="1"/>`;
  }
  return { defs: glowDefs(id, p), body };
};

const hexLattice: MotifFn = (rng, p, _id) => {
  const r = rng.range(30, 40);
  const w = Math.sqrt(3) * r;
  const ph = [rng.range(0, 6), rng.range(0, 6), rng.range(0, 6)];
  const fr = [rng.range(0.006, 0.014), rng.range(0.006, 0.014), rng.range(0.003, 0.008)];
  const field = (x: number, y: number) =>
    (Math.sin(x * (fr[0] ?? 0.01) + (ph[0] ?? 0)) +
      Math.sin(y * (fr[1] ?? 0.01) + (ph[1] ?? 0)) +
      Math.sin((x + y) * (fr[2] ?? 0.005) + (ph[2] ?? 0))) /
    3;
  let body = '';
  for (let row = -1; row * r * 1.5 < 640; row++) {
    for (let col = -1; col * w < 840; col++) {
      const x = col * w + (row % 2 ? w / 2 : 0);
      const y = row * r * 1.5;
      const f = field(x, y);
      let d = '';
      for (let k = 0; k < 6; k++) {
        const a = (Math.PI / 3) * k + Math.PI / 6;
        d += `${k ? 'L' : 'M'}${n(x + Math.cos(a) * r * 0.9)} ${n(y + Math.sin(a) * r * 0.9)}`;
      }
      if (f > 0.15) {
        const bright = f > 0.55 && rng.next() < 0.5;
        body += `<path d="${d}Z" fill="${bright ? p.hi : colour(p, Math.floor(f * 9))}" opacity="${n(0.25 + f * 0.7)}"/>`;
      } else {
        body += `<path d="${d}Z" fill="none" stroke="${p.c[2]}" stroke-width="1" opacity="${n(0.2 + Math.max(0, f + 0.4) * 0.4)}"/>`;
      }
    }
  }
  return { defs: '', body };
};

const waves: MotifFn = (rng, p, id) => {
  const bands = rng.int(11, 15);
  const f1 = rng.range(0.006, 0.012);
  const f2 = rng.range(0.012, 0.024);
  let body = `<ellipse cx="${n(rng.range(250, 550))}" cy="300" rx="360" ry="200" fill="url(#${id}halo)" opacity="0.45"/>`;
  for (let i = 0; i < bands; i++) {
    const base = 90 + (i * 420) / bands;
    const a1 = rng.range(30, 70);
    const a2 = rng.range(8, 22);
    const p1 = rng.range(0, 6) + i * 0.25;
    const pts: P[] = [];
    for (let x = -40; x <= 840; x += 55) {
      pts.push({ x, y: base + Math.sin(x * f1 + p1) * a1 + Math.sin(x * f2 + i) * a2 });
    }
    body +=
      `<path d="${smooth(pts)}" fill="none" stroke="${colour(p, i)}" stroke-width="${n(rng.range(1.5, 6))}" ` +
      `stroke-linecap="round" opacity="${n(rng.range(0.45, 0.9))}"/>`;
    const dot = pts[rng.int(2, pts.length - 3)];
    if (dot && rng.next() < 0.6) {
      body += `<circle cx="${n(dot.x)}" cy="${n(dot.y)}" r="${n(rng.range(4, 9))}" fill="${p.hi}"/>`;
    }
  }
  return { defs: glowDefs(id, p), body };
};

const layeredNet: MotifFn = (rng, p, id) => {
  const layers = rng.int(4, 6);
  const cols: P[][] = [];
  for (let l = 0; l < layers; l++) {
    const count = l === layers - 1 ? rng.int(2, 3) : rng.int(3, 7);
    const x = 110 + (l * 580) / (layers - 1);
    const gap = Math.min(80, 420 / count);
    cols.push(Array.from({ length: count }, (_, k) => ({ x, y: 300 + (k - (count - 1) / 2) * gap })));
  }
  let body = '';
  // One highlighted path through the network stands in for "the answer being chosen".
  const path = cols.map((c) => rng.int(0, c.length - 1));
  for (let l = 0; l < layers - 1; l++) {
    const from = cols[l] ?? [];
    const to = cols[l + 1] ?? [];
    from.forEach((a, i) =>
      to.forEach((b, j) => {
        const lit = path[l] === i && path[l + 1] === j;
        body +=
          `<path d="M${n(a.x)} ${n(a.y)}C${n((a.x + b.x) / 2)} ${n(a.y)} ${n((a.x + b.x) / 2)} ${n(b.y)} ${n(b.x)} ${n(b.y)}" ` +
          `fill="none" stroke="${lit ? p.hi : colour(p, i + j)}" stroke-width="${lit ? 4 : n(rng.range(0.8, 2.4))}" ` +
          `opacity="${lit ? 0.95 : n(rng.range(0.15, 0.6))}"/>`;
      }),
    );
  }
  cols.forEach((c, l) =>
    c.forEach((a, i) => {
      const lit = path[l] === i;
      body +=
        (lit ? `<circle cx="${n(a.x)}" cy="${n(a.y)}" r="40" fill="url(#${id}halo)"/>` : '') +
        `<circle cx="${n(a.x)}" cy="${n(a.y)}" r="${lit ? 13 : 10}" fill="${p.bg0}" stroke="${lit ? p.hi : colour(p, l)}" stroke-width="3"/>` +
        `<circle cx="${n(a.x)}" cy="${n(a.y)}" r="${lit ? 6 : 4}" fill="${lit ? p.hi : colour(p, l + 1)}"/>`;
    }),
  );
  return { defs: glowDefs(id, p), body };
};

export const MOTIFS: readonly MotifFn[] = [constellation, orbits, chordRing, hexLattice, waves, layeredNet];
