import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildStarterWorldCups, starterWorldCups, type StarterWorldCup } from './starters.js';

const CAR_NAMES = [
  'Porsche 911 (992)', 'Ferrari 296 GTB', 'Lamborghini Revuelto', 'McLaren 750S', 'Aston Martin DB12',
  'Bentley Continental GT', 'Rolls-Royce Spectre', 'Mercedes-AMG G 63', 'Mercedes-Benz S-Class', 'BMW M5',
  'BMW i7', 'Audi RS e-tron GT', 'Porsche Taycan', 'Tesla Model S Plaid', 'Tesla Cybertruck',
  'Lucid Air Sapphire', 'Rivian R1S', 'Ford Mustang', 'Chevrolet Corvette E-Ray', 'Toyota GR Supra',
  'Toyota Land Cruiser 250', 'Lexus LC 500', 'Nissan GT-R', 'Honda Civic Type R', 'Genesis G90',
  'Genesis GV80 Coupe', 'Hyundai Ioniq 5 N', 'Kia EV9', 'Land Rover Defender', 'Range Rover', 'Mini Cooper',
  'Volvo EX30',
];
const OPEN_MODELS = [
  'Llama 3.1 405B', 'Llama 3.1 70B', 'EXAONE 3.0 7.8B', 'Mistral Large 2', 'Mixtral 8x22B', 'Qwen2 72B',
  'Gemma 2 27B', 'DeepSeek-V2.5',
];
const CLOSED_MODELS = [
  'GPT-4o', 'GPT-4o mini', 'o1-preview', 'Claude 3.5 Sonnet', 'Claude 3 Opus', 'Gemini 1.5 Pro',
  'Gemini 1.5 Flash', 'Grok-2',
];
const COUNTRIES = new Set(['Korea', 'Germany', 'Japan', 'USA', 'UK', 'Italy', 'Sweden']);

const [cars, ai, styles] = starterWorldCups as [StarterWorldCup, StarterWorldCup, StarterWorldCup];
const drawn = [cars, ai];

describe('starter world cups', () => {
  it('ships exactly the three cups, in order, with 32, 16 and 4 candidates', () => {
    expect(starterWorldCups.map((w) => w.slug)).toEqual(['dream-cars-2024', 'open-vs-closed-ai-2024', 'answer-styles']);
    expect(cars.candidates).toHaveLength(32);
    expect(ai.candidates).toHaveLength(16);
    expect(styles.candidates.map((c) => c.name)).toEqual(['간결한 답', '자세한 답', '목록형 답', '예시 중심 답']);
    for (const cup of starterWorldCups) {
      expect(cup.title.length).toBeGreaterThan(0);
      expect(cup.description).toMatch(/[가-힣]/);
      expect(cup.description).toMatch(/[A-Za-z]{4,}/);
      expect(cup.tags.length).toBeGreaterThan(0);
      for (const tag of cup.tags) expect(tag).toBe(tag.toLowerCase());
    }
  });

  it('has unique names, all required candidates, and groups from the allowed sets', () => {
    for (const cup of starterWorldCups) {
      const names = cup.candidates.map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
      for (const c of cup.candidates) expect(c.caption.trim().length).toBeGreaterThan(10);
    }
    expect(new Set(cars.candidates.map((c) => c.name))).toEqual(new Set(CAR_NAMES));
    expect(new Set(ai.candidates.map((c) => c.name))).toEqual(new Set([...OPEN_MODELS, ...CLOSED_MODELS]));
    for (const c of cars.candidates) expect(COUNTRIES.has(c.group), `${c.name}: ${c.group}`).toBe(true);
    for (const c of ai.candidates) expect(['open', 'closed']).toContain(c.group);
  });

  it('puts brands in the right countries and models in the right camp', () => {
    const group = (cup: StarterWorldCup, name: string) => cup.candidates.find((c) => c.name === name)?.group;
    for (const uk of ['Mini Cooper', 'Rolls-Royce Spectre', 'Bentley Continental GT', 'Land Rover Defender',
      'Range Rover', 'Aston Martin DB12', 'McLaren 750S']) {
      expect(group(cars, uk), uk).toBe('UK');
    }
    expect(group(cars, 'Volvo EX30')).toBe('Sweden');
    expect(group(cars, 'Kia EV9')).toBe('Korea');
    expect(group(cars, 'Ferrari 296 GTB')).toBe('Italy');
    expect(ai.candidates.filter((c) => c.group === 'open').map((c) => c.name).sort()).toEqual([...OPEN_MODELS].sort());
    expect(ai.candidates.filter((c) => c.group === 'closed').map((c) => c.name).sort()).toEqual(
      [...CLOSED_MODELS].sort(),
    );
  });

  it('draws standalone, font-free, self-contained SVGs that differ per candidate', () => {
    for (const cup of drawn) {
      const svgs = cup.candidates.map((c) => c.svg ?? '');
      expect(new Set(svgs).size).toBe(svgs.length);
      for (const svg of svgs) {
        expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" viewBox="0 0 800 600"')).toBe(true);
        expect(svg).not.toContain('<text');
        expect(svg).not.toContain('href="http');
        expect(svg).not.toContain('NaN');
        expect(svg).not.toContain('undefined');
      }
    }
  });

  it('renders every SVG with sharp at 800x600', async () => {
    const all = drawn.flatMap((w) => w.candidates);
    for (const c of all) {
      const webp = await sharp(Buffer.from(c.svg ?? '')).webp().toBuffer();
      const meta = await sharp(webp).metadata();
      expect([c.name, meta.width, meta.height]).toEqual([c.name, 800, 600]);
    }
  });

  it('is deterministic', () => {
    expect(buildStarterWorldCups()).toEqual(buildStarterWorldCups());
    expect(buildStarterWorldCups()).toEqual(starterWorldCups);
  });
});
