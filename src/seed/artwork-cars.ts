/**
 * Draws a stylised side view of a car as a standalone SVG. Real-world dimensions (metres) drive the
 * proportions so that a Mini looks small next to a Cybertruck; the body type picks the silhouette,
 * and a few optional details (wing, spare wheel, roof rails, two-tone roof) make each car readable.
 * No <text>: the server may rasterise this without any fonts installed.
 */
import {
  TEMPLATES,
  clipPolygon,
  crossAtX,
  crossAtY,
  insetPolygon,
  roundedPath,
  type BodyType,
  type Keys,
  type KeyName,
  type Pt,
} from './car-geometry.js';
import { drawScene, type Country } from './car-scene.js';
import { drawWheel, type RimStyle } from './car-wheels.js';
import { darken, idPrefix, lighten, n, svgDocument } from './svg-kit.js';

export interface CarLook {
  body: BodyType;
  colour: string;
  /** Overall length, height, wheelbase and wheel diameter in metres (approximate, for proportion). */
  length: number;
  height: number;
  wheelbase: number;
  wheel: number;
  rim: RimStyle;
  spokes: number;
  caliper?: string;
  /** Share of the overhang that sits in front of the front axle (0.5 = balanced). */
  frontBias?: number;
  keys?: Partial<Record<KeyName, readonly [number, number, number]>>;
  belt?: number;
  glassRear?: number;
  pillars?: number[];
  roofColour?: string;
  wing?: boolean;
  spare?: boolean;
  roofRails?: boolean;
  /** Dark arch/sill cladding; 'angular' also squares off the wheel wells (Cybertruck). */
  cladding?: boolean | 'angular';
  intake?: boolean;
}

/** Pixels per metre, shrunk only for cars too long to fit, so relative sizes mostly survive. */
const PX_PER_M = 136;
const MAX_CAR_PX = 700;
const GROUND_Y = 482;

export function drawCar(name: string, country: Country, look: CarLook): string {
  const id = idPrefix(name);
  const t = TEMPLATES[look.body];
  const keys: Keys = { ...t.keys, ...look.keys };
  const belt = look.belt ?? t.belt;
  const s = Math.min(PX_PER_M, MAX_CAR_PX / look.length);
  const lengthPx = look.length * s;
  const left = (800 - lengthPx) / 2;
  const X = (fx: number) => left + fx * lengthPx;
  const Y = (metres: number) => GROUND_Y - metres * s;
  const H = look.height;
  const at = (k: KeyName): Pt & { r: number } => {
    const [fx, fy, r] = keys[k];
    return { x: X(fx), y: Y(fy * H), r: r * s };
  };

  const R = look.wheel / 2;
  const overhang = look.length - look.wheelbase;
  const frontAxle = look.length - overhang * (look.frontBias ?? 0.45);
  const rearAxle = frontAxle - look.wheelbase;
  const wheels = [rearAxle, frontAxle].map((ax) => ({ x: left + ax * s, y: Y(R) }));
  const sillY = Y(t.sill);

  const chin = at('chin');
  const tailLow = at('tailLow');
  const upper = (['tailLow', 'tail', 'deck', 'backlight', 'roofRear', 'roofFront', 'cowl', 'nose', 'bumper', 'chin'] as const).map(at);
  // A low nose would otherwise let the wheel well bite through the bonnet; a fender hump over each
  // axle keeps the arch closed, and is exactly how low sports cars look in profile anyway.
  const well = (R + (look.cladding === 'angular' ? 0.08 : 0.03)) * s;
  for (const w of wheels) {
    const need = w.y - well - 0.07 * s;
    // Only the visible top edge (tail → bumper) may need a hump; the bumper/chin corners never do.
    const i = upper.findIndex((p, k) => {
      const q = upper[k + 1];
      return q !== undefined && k >= 1 && k < 8 && Math.min(p.x, q.x) <= w.x && w.x <= Math.max(p.x, q.x);
    });
    const a = upper[i];
    const b = upper[i + 1];
    if (!a || !b) continue;
    const y = a.y + ((b.y - a.y) * (w.x - a.x)) / (b.x - a.x || 1e-9);
    if (y > need) upper.splice(i + 1, 0, { x: w.x, y: need - 0.05 * s, r: 0.6 * s });
  }
  const outline = [
    ...upper,
    { x: chin.x - 0.12 * s, y: sillY, r: 0.05 * s },
    { x: tailLow.x + 0.12 * s, y: sillY, r: 0.05 * s },
  ];
  const bodyPath = roundedPath(outline, n);

  // Glass is the part of the outline above the belt line, pulled in to leave pillars and a roof rail.
  const beltY = Y(belt * H);
  const glassRearX = X(look.glassRear ?? t.glassRear);
  let glass: Pt[] = clipPolygon(outline, (p) => p.y <= beltY, crossAtY(beltY));
  glass = insetPolygon(glass, 0.055 * s);
  glass = clipPolygon(glass, (p) => p.x >= glassRearX, crossAtX(glassRearX));
  // Fender humps can poke above the belt line too; glass never reaches forward of the A-pillar base.
  const cowlX = at('cowl').x;
  glass = clipPolygon(glass, (p) => p.x <= cowlX, crossAtX(cowlX));
  glass = clipPolygon(glass, (p) => p.y <= beltY - 0.03 * s, crossAtY(beltY - 0.03 * s));
  // A visible roof edge above the glass; without it tall greenhouses read as vans.
  const roofEdge = Y(H) + 0.1 * s;
  glass = clipPolygon(glass, (p) => p.y >= roofEdge, crossAtY(roofEdge));
  const glassPath = glass.length > 2 ? roundedPath(glass.map((p) => ({ ...p, r: 0.05 * s })), n) : '';
  const glassTop = Math.min(...glass.map((p) => p.y));
  const glassFront = glass.reduce((best, p) => (p.y > beltY - 0.2 * s && p.x > best.x ? p : best), {
    x: X(0.6),
    y: beltY,
  });

  const c = look.colour;
  const defs =
    `<linearGradient id="${id}b" x1="0" y1="0" x2="0" y2="1">` +
    `<stop offset="0" stop-color="${lighten(c, 0.32)}"/><stop offset="0.42" stop-color="${c}"/>` +
    `<stop offset="0.7" stop-color="${darken(c, 0.18)}"/><stop offset="1" stop-color="${darken(c, 0.5)}"/>` +
    `</linearGradient>` +
    `<linearGradient id="${id}g" x1="0" y1="0" x2="0.3" y2="1">` +
    `<stop offset="0" stop-color="#3c4856"/><stop offset="1" stop-color="#0c0f14"/></linearGradient>` +
    `<linearGradient id="${id}hl" x1="0" y1="0" x2="1" y2="0">` +
    `<stop offset="0" stop-color="#cfe6ff"/><stop offset="1" stop-color="#ffffff"/></linearGradient>` +
    `<radialGradient id="${id}glow"><stop offset="0" stop-color="#ffffff" stop-opacity="0.95"/>` +
    `<stop offset="0.25" stop-color="#e8f4ff" stop-opacity="0.5"/>` +
    `<stop offset="1" stop-color="#e8f4ff" stop-opacity="0"/></radialGradient>` +
    `<linearGradient id="${id}tl" x1="0" y1="0" x2="1" y2="0">` +
    `<stop offset="0" stop-color="#ff3b30"/><stop offset="1" stop-color="#8a0d0d"/></linearGradient>` +
    `<clipPath id="${id}cb"><path d="${bodyPath}"/></clipPath>` +
    (glassPath ? `<clipPath id="${id}cg"><path d="${glassPath}"/></clipPath>` : '');

  const parts: string[] = [];
  const inBody = (svg: string) => `<g clip-path="url(#${id}cb)">${svg}</g>`;
  const wellShape = (w: Pt, grow: number, fill: string) => {
    const r = well + grow;
    if (look.cladding !== 'angular') return `<circle cx="${n(w.x)}" cy="${n(w.y)}" r="${n(r)}" fill="${fill}"/>`;
    return (
      `<path d="M${n(w.x - r * 1.15)} ${n(w.y + well)}L${n(w.x - r * 0.62)} ${n(w.y - r)}L${n(w.x + r * 0.62)} ` +
      `${n(w.y - r)}L${n(w.x + r * 1.15)} ${n(w.y + well)}Z" fill="${fill}"/>`
    );
  };

  if (look.spare) {
    const sy = Y(H * 0.5);
    parts.push(
      `<rect x="${n(left - 0.2 * s)}" y="${n(sy - R * 0.95 * s)}" width="${n(0.26 * s)}" ` +
        `height="${n(R * 1.9 * s)}" rx="${n(0.08 * s)}" fill="#1b1d21"/>` +
        `<rect x="${n(left - 0.17 * s)}" y="${n(sy - R * 0.7 * s)}" width="${n(0.1 * s)}" ` +
        `height="${n(R * 1.4 * s)}" rx="${n(0.04 * s)}" fill="${darken(c, 0.25)}"/>`,
    );
  }
  if (look.wing) {
    const wy = Y(H * 0.9);
    parts.push(
      `<path d="M${n(X(0.03))} ${n(Y(H * 0.7))}L${n(X(0.03))} ${n(wy)}M${n(X(0.075))} ${n(Y(H * 0.76))}` +
        `L${n(X(0.075))} ${n(wy)}" stroke="#15161a" stroke-width="${n(0.05 * s)}"/>` +
        `<path d="M${n(X(-0.02))} ${n(wy - 0.03 * s)}L${n(X(0.12))} ${n(wy - 0.05 * s)}L${n(X(0.125))} ` +
        `${n(wy + 0.015 * s)}L${n(X(-0.015))} ${n(wy + 0.03 * s)}Z" fill="#15161a"/>`,
    );
  }

  parts.push(`<path d="${bodyPath}" fill="url(#${id}b)"/>`);
  if (look.roofColour) {
    // Contrast roof includes the pillars, as on the real cars that offer it.
    parts.push(inBody(`<rect x="0" y="0" width="800" height="${n(beltY - 0.02 * s)}" fill="${look.roofColour}"/>`));
  }
  // Specular band along the shoulder: the single cue that makes flat paint read as curved metal.
  parts.push(
    inBody(
      `<rect x="0" y="${n(beltY - 0.02 * s)}" width="800" height="${n(0.1 * s)}" fill="#ffffff" opacity="0.16"/>` +
        `<path d="M${n(X(-0.02))} ${n(beltY + 0.04 * s)}L${n(X(1.02))} ${n(beltY + 0.09 * s)}" ` +
        `stroke="${lighten(c, 0.55)}" stroke-width="2" opacity="0.55"/>` +
        `<path d="M${n(X(0))} ${n(sillY - 0.06 * s)}L${n(X(1))} ${n(sillY - 0.06 * s)}" ` +
        `stroke="${darken(c, 0.6)}" stroke-width="${n(0.07 * s)}" opacity="0.35"/>`,
    ),
  );
  if (look.cladding) {
    parts.push(
      inBody(
        `<rect x="0" y="${n(sillY - 0.1 * s)}" width="800" height="${n(0.2 * s)}" fill="#23252a"/>` +
          wheels.map((w) => wellShape(w, 0.07 * s, '#23252a')).join(''),
      ),
    );
  }
  if (look.intake) {
    // Side scoop ahead of the rear wheel: the quickest visual cue for a mid-engined car.
    const rx = wheels[0]?.x ?? X(0.25);
    const yy = (f: number) => n(Y(H * f));
    parts.push(
      inBody(
        `<path d="M${n(rx + 0.58 * s)} ${yy(0.62)}Q${n(rx + 1.0 * s)} ${yy(0.63)} ${n(rx + 1.3 * s)} ${yy(0.5)}` +
          `Q${n(rx + 0.95 * s)} ${yy(0.36)} ${n(rx + 0.68 * s)} ${yy(0.3)}Q${n(rx + 0.5 * s)} ${yy(0.46)} ` +
          `${n(rx + 0.58 * s)} ${yy(0.62)}Z" fill="${darken(c, 0.7)}" stroke="${lighten(c, 0.3)}" stroke-width="1.2" ` +
          `stroke-opacity="0.5"/>`,
      ),
    );
  }
  parts.push(
    inBody(
      wheels
        .map(
          (w) =>
wellShape(w, 0.02 * s, darken(c, 0.55)) + wellShape(w, 0, '#0d0e11'),
        )
        .join(''),
    ),
  );

  // Door shut lines, then glass with pillars and a diagonal reflection.
  const doorXs = [glassFront.x - 0.02 * s, ...(look.pillars ?? t.pillars).map(X)];
  parts.push(
    inBody(
      doorXs
        .map(
          (x) =>
            `<path d="M${n(x)} ${n(beltY - 0.02 * s)}Q${n(x + 0.05 * s)} ${n((beltY + sillY) / 2)} ${n(x - 0.01 * s)} ` +
            `${n(sillY - 0.04 * s)}" stroke="${darken(c, 0.55)}" stroke-width="1.6" fill="none" opacity="0.55"/>`,
        )
        .join('') +
        `<rect x="${n((doorXs[1] ?? X(0.5)) - 0.24 * s)}" y="${n(beltY + 0.07 * s)}" width="${n(0.16 * s)}" ` +
        `height="${n(0.035 * s)}" rx="${n(0.017 * s)}" fill="${darken(c, 0.4)}"/>`,
    ),
  );
  if (glassPath) {
    const pillarW = 0.07 * s;
    parts.push(
      `<path d="${glassPath}" fill="url(#${id}g)"/>` +
        `<g clip-path="url(#${id}cg)">` +
        (look.pillars ?? t.pillars)
          .map((fx) => {
            const x = X(fx);
            return (
              `<path d="M${n(x - pillarW / 2)} ${n(beltY)}L${n(x - pillarW / 2 - 0.06 * s)} ${n(glassTop - 5)}` +
              `L${n(x + pillarW / 2 - 0.06 * s)} ${n(glassTop - 5)}L${n(x + pillarW / 2)} ${n(beltY)}Z" fill="#101216"/>`
            );
          })
          .join('') +
        `<path d="M${n(glassFront.x - 0.5 * s)} ${n(beltY)}L${n(glassFront.x - 0.15 * s)} ${n(glassTop - 10)}` +
        `L${n(glassFront.x + 0.1 * s)} ${n(glassTop - 10)}L${n(glassFront.x - 0.3 * s)} ${n(beltY)}Z" ` +
        `fill="#ffffff" opacity="0.16"/></g>`,
    );
  }
  if (look.roofRails) {
    const rr = at('roofRear');
    const rf = at('roofFront');
    const y = rr.y - 0.05 * s;
    parts.push(
      `<path d="M${n(rr.x + 0.15 * s)} ${n(y)}L${n(rf.x - 0.15 * s)} ${n(y)}" stroke="#1d1f24" ` +
        `stroke-width="${n(0.04 * s)}" stroke-linecap="round"/>`,
    );
  }

  // Mirror at the base of the A-pillar.
  const mx = glassFront.x - 0.04 * s;
  parts.push(
    `<path d="M${n(mx)} ${n(beltY + 0.02 * s)}L${n(mx + 0.02 * s)} ${n(beltY - 0.08 * s)}Q${n(mx + 0.17 * s)} ` +
      `${n(beltY - 0.1 * s)} ${n(mx + 0.17 * s)} ${n(beltY - 0.02 * s)}Z" fill="${look.roofColour ?? darken(c, 0.12)}"/>`,
  );

  // Lamps: a lens along the nose with a star-shaped glint, and a tail-lamp sliver.
  const nose = at('nose');
  const bumper = at('bumper');
  const lx = nose.x * 0.6 + bumper.x * 0.4 - 0.24 * s;
  const ly = nose.y * 0.65 + bumper.y * 0.35;
  const ang = (Math.atan2(bumper.y - nose.y, bumper.x - nose.x) * 180) / Math.PI - 70;
  const gx = lx + 0.1 * s;
  const gy = ly;
  const g = 0.13 * s;
  parts.push(
    `<ellipse cx="${n(lx)}" cy="${n(ly)}" rx="${n(0.17 * s)}" ry="${n(0.045 * s)}" ` +
      `transform="rotate(${n(ang / 4)} ${n(lx)} ${n(ly)})" fill="url(#${id}hl)" stroke="${darken(c, 0.5)}" stroke-width="1.5"/>` +
      `<circle cx="${n(gx)}" cy="${n(gy)}" r="${n(g * 1.5)}" fill="url(#${id}glow)"/>` +
      `<path d="M${n(gx)} ${n(gy - g)}Q${n(gx + 2)} ${n(gy - 2)} ${n(gx + g * 1.6)} ${n(gy)}Q${n(gx + 2)} ` +
      `${n(gy + 2)} ${n(gx)} ${n(gy + g)}Q${n(gx - 2)} ${n(gy + 2)} ${n(gx - g * 1.6)} ${n(gy)}Q${n(gx - 2)} ` +
      `${n(gy - 2)} ${n(gx)} ${n(gy - g)}Z" fill="#ffffff"/>`,
  );
  const tail = at('tail');
  parts.push(
    `<path d="M${n(tail.x - 2)} ${n(tail.y + 0.02 * s)}L${n(tail.x + 0.16 * s)} ${n(tail.y + 0.01 * s)}` +
      `L${n(tail.x + 0.14 * s)} ${n(tail.y + 0.07 * s)}L${n(tail.x - 2)} ${n(tail.y + 0.08 * s)}Z" fill="url(#${id}tl)"/>`,
  );

  parts.push(wheels.map((w, i) => drawWheel(`${id}w${i}`, w.x, w.y, R * s, look, name, i)).join(''));

  // A faint mirrored copy on the floor, faded out by a mask, grounds the car in the studio scene.
  const reflection =
    `<g mask="url(#${id}rm)"><g transform="matrix(1 0 0 -1 0 ${2 * GROUND_Y})" opacity="0.16">` +
    `<path d="${bodyPath}" fill="${c}"/>` +
    wheels.map((w) => `<circle cx="${n(w.x)}" cy="${n(w.y)}" r="${n(R * s)}" fill="#16171a"/>`).join('') +
    `</g></g>`;
  const reflectionMask =
    `<linearGradient id="${id}rf" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#fff"/>` +
    `<stop offset="1" stop-color="#000"/></linearGradient>` +
    `<mask id="${id}rm" maskUnits="userSpaceOnUse" x="0" y="${GROUND_Y}" width="800" height="${n(H * s * 0.7)}">` +
    `<rect x="0" y="${GROUND_Y}" width="800" height="${n(H * s * 0.7)}" fill="url(#${id}rf)"/></mask>`;

  const scene = drawScene(id, name, country, { left, right: left + lengthPx, ground: GROUND_Y });
  return svgDocument(
    `<defs>${defs}${reflectionMask}${scene.defs}</defs>${scene.background}${reflection}${scene.shadow}${parts.join('')}`,
  );
}
