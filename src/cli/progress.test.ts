import { describe, expect, it } from 'vitest';
import { Progress } from './progress.js';

describe('Progress', () => {
  it('redraws one line on a terminal, at most every 100 ms, and ends it', () => {
    const frames: string[] = [];
    let t = 0;
    const bar = new Progress('importing', 4, { isTTY: true, columns: 44, write: (s: string) => frames.push(s) }, () => t);
    bar.tick();
    t += 50;
    bar.tick(); // too soon: not drawn
    t += 100;
    bar.tick();
    bar.tick(); // the last one is always drawn
    bar.finish();
    expect(frames.filter((f) => f !== '\n').map((f) => f.replace('\r', '').replace('\u001b[K', ''))).toEqual([
      'importing [###.......] 1/4 25%',
      'importing [########..] 3/4 75%',
      'importing [##########] 4/4 100%',
      'importing [##########] 4/4 100%',
    ]);
    expect(frames.at(-1)).toBe('\n');
  });

  it('draws nothing off a terminal', () => {
    const frames: string[] = [];
    const bar = new Progress('exporting', 2, { isTTY: false, write: (s: string) => frames.push(s) });
    bar.tick(2);
    bar.finish();
    expect(frames).toEqual([]);
  });
});
