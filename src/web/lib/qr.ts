/**
 * QR codes as one SVG path (the room's join link on the host console, issue 14). uqr encodes; the
 * dark modules are drawn here as row runs, so a phone-sized code is a few hundred path commands
 * rather than thousands of rectangles, and no markup is injected as HTML.
 */
import { encode } from 'uqr';

export interface QrDrawing {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** The dark modules as an SVG path in module units, offset by the quiet zone. */
  path: string;
  /** The drawing's side in modules: the code and a quiet zone on each side. */
  viewBox: number;
}

/** Modules of light margin around a code: the four the standard asks for, so any reader finds it on any background. */
export const QR_QUIET_ZONE = 4;

/** The dark modules of `data` (rows of true = dark) as runs: `M{x} {y}h{n}v1h-{n}z` each, offset by `margin`. */
export function modulesPath(data: readonly (readonly boolean[])[], margin = 0): string {
  const parts: string[] = [];
  data.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x += 1;
        continue;
      }
      let run = 1;
      while (row[x + run]) run += 1;
      parts.push(`M${x + margin} ${y + margin}h${run}v1h-${run}z`);
      x += run;
    }
  });
  return parts.join('');
}

/** A QR code of `text` (error correction M: a screen photographed at an angle still reads). */
export function qrDrawing(text: string): QrDrawing {
  const qr = encode(text, { ecc: 'M', border: 0 });
  return { size: qr.size, path: modulesPath(qr.data, QR_QUIET_ZONE), viewBox: qr.size + 2 * QR_QUIET_ZONE };
}
