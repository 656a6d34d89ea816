/** Wheels for the car artwork: tyre, rim style, spokes and a brake caliper peeking through. */
import { createRng, n } from './svg-kit.js';

export type RimStyle = 'silver' | 'dark' | 'bronze' | 'chrome' | 'aero';

const RIM_METAL: Record<RimStyle, readonly [light: string, mid: string, dark: string]> = {
  silver: ['#f4f6f8', '#c3c9d0', '#737a83'],
  chrome: ['#ffffff', '#dde2e7', '#868d96'],
  dark: ['#7a7f87', '#3b3f46', '#1c1e22'],
  bronze: ['#e3c592', '#a7834f', '#5a4326'],
  aero: ['#eef0f2', '#c5cace', '#8a9095'],
};

interface WheelLook {
  rim: RimStyle;
  spokes: number;
  caliper?: string;
}

export function drawWheel(id: string, cx: number, cy: number, r: number, look: WheelLook, seed: string, index: number): string {
  const rng = createRng(`${seed}#wheel${index}`);
  const [light, mid, dark] = RIM_METAL[look.rim];
  const rr = r * 0.68;
  const defs =
    `<radialGradient id="${id}m" cx="0.38" cy="0.32" r="0.8"><stop offset="0" stop-color="${light}"/>` +
    `<stop offset="0.55" stop-color="${mid}"/><stop offset="1" stop-color="${dark}"/></radialGradient>` +
    `<radialGradient id="${id}t" r="0.5"><stop offset="0.7" stop-color="#1f2125"/>` +
    `<stop offset="0.93" stop-color="#2c2f34"/><stop offset="1" stop-color="#121316"/></radialGradient>`;
  const parts: string[] = [
    `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="url(#${id}t)"/>`,
    `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r * 0.9)}" fill="none" stroke="#34373d" stroke-width="${n(r * 0.025)}"/>`,
  ];

  if (look.rim === 'aero') {
    // Flat aero covers: the only styling is a few concentric grooves and short vents.
    parts.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(rr)}" fill="url(#${id}m)"/>`);
    for (const k of [0.82, 0.55]) {
      parts.push(
        `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(rr * k)}" fill="none" stroke="${dark}" stroke-width="1.5" opacity="0.6"/>`,
      );
    }
    const vents = look.spokes;
    const base = rng.range(0, 360);
    for (let i = 0; i < vents; i++) {
      const a = ((base + (360 * i) / vents) * Math.PI) / 180;
      const x1 = cx + Math.cos(a) * rr * 0.6;
      const y1 = cy + Math.sin(a) * rr * 0.6;
      const x2 = cx + Math.cos(a + 0.35) * rr * 0.78;
      const y2 = cy + Math.sin(a + 0.35) * rr * 0.78;
      parts.push(
        `<path d="M${n(x1)} ${n(y1)}L${n(x2)} ${n(y2)}" stroke="#2a2d31" stroke-width="${n(rr * 0.07)}" stroke-linecap="round"/>`,
      );
    }
    parts.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(rr * 0.16)}" fill="${dark}"/>`);
    return `<defs>${defs}</defs>${parts.join('')}`;
  }

  parts.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(rr)}" fill="#16171a"/>`);
  parts.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(rr * 0.62)}" fill="#3a3d42" opacity="0.7"/>`);
  if (look.caliper) {
    const a0 = (-150 * Math.PI) / 180;
    const a1 = (-95 * Math.PI) / 180;
    const ri = rr * 0.58;
    const ro = rr * 0.86;
    const p = (rad: number, a: number) => `${n(cx + Math.cos(a) * rad)} ${n(cy + Math.sin(a) * rad)}`;
    parts.push(
      `<path d="M${p(ri, a0)}A${n(ri)} ${n(ri)} 0 0 1 ${p(ri, a1)}L${p(ro, a1)}A${n(ro)} ${n(ro)} 0 0 0 ${p(ro, a0)}Z" ` +
        `fill="${look.caliper}" stroke="#000" stroke-opacity="0.3"/>`,
    );
  }

  // Spokes: tapered quads; with many spokes they pair up, which reads as a multi-spoke forged rim.
  const count = look.spokes;
  const paired = count >= 10;
  const base = rng.range(0, 360);
  const spokePath = (deg: number, w0: number, w1: number) => {
    const a = (deg * Math.PI) / 180;
    const ux = Math.cos(a);
    const uy = Math.sin(a);
    const px = -uy;
    const py = ux;
    const r0 = rr * 0.2;
    const r1 = rr * 0.95;
    return (
      `M${n(cx + ux * r0 + px * w0)} ${n(cy + uy * r0 + py * w0)}` +
      `L${n(cx + ux * r1 + px * w1)} ${n(cy + uy * r1 + py * w1)}` +
      `L${n(cx + ux * r1 - px * w1)} ${n(cy + uy * r1 - py * w1)}` +
      `L${n(cx + ux * r0 - px * w0)} ${n(cy + uy * r0 - py * w0)}Z`
    );
  };
  let d = '';
  const groups = paired ? count / 2 : count;
  for (let i = 0; i < groups; i++) {
    const deg = base + (360 * i) / groups;
    if (paired) {
      d += spokePath(deg - 5, rr * 0.05, rr * 0.06) + spokePath(deg + 5, rr * 0.05, rr * 0.06);
    } else {
      d += spokePath(deg, rr * 0.12, rr * (count <= 5 ? 0.2 : 0.12));
    }
  }
  parts.push(`<path d="${d}" fill="url(#${id}m)" stroke="${dark}" stroke-width="0.8"/>`);
  parts.push(
    `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(rr * 0.97)}" fill="none" stroke="url(#${id}m)" stroke-width="${n(rr * 0.08)}"/>`,
    `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(rr * 0.24)}" fill="url(#${id}m)" stroke="${dark}" stroke-width="1"/>`,
    `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(rr * 0.09)}" fill="${dark}"/>`,
  );
  return `<defs>${defs}</defs>${parts.join('')}`;
}
