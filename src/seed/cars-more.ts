/** The Korean, British-SUV and small-car entries of the Dream Cars list (split only to keep files short). */
import type { CarEntry } from './cars.js';

export const moreCars: CarEntry[] = [
  {
    name: 'Genesis G90',
    group: 'Korea',
    caption: 'Genesis’s flagship luxury saloon',
    look: {
      body: 'sedan', colour: '#8a7a66', length: 5.28, height: 1.49, wheelbase: 3.18, wheel: 0.76,
      rim: 'chrome', spokes: 12, frontBias: 0.42,
      keys: { backlight: [0.17, 0.74, 0.3], roofRear: [0.36, 1, 0.45], roofFront: [0.58, 1, 0.3], nose: [0.97, 0.62, 0.12] },
    },
  },
  {
    name: 'Genesis GV80 Coupe',
    group: 'Korea',
    caption: 'Coupé-styled version of the Genesis GV80 SUV, revealed in 2024',
    look: {
      body: 'suvCoupe', colour: '#2f3d4f', length: 4.97, height: 1.71, wheelbase: 2.96, wheel: 0.8,
      rim: 'dark', spokes: 10, caliper: '#9aa3b5',
    },
  },
  {
    name: 'Hyundai Ioniq 5 N',
    group: 'Korea',
    caption: 'High-performance electric hatchback from Hyundai’s N division, with simulated gear shifts',
    look: {
      body: 'hatchback', colour: '#4f86b8', length: 4.72, height: 1.59, wheelbase: 3.0, wheel: 0.72,
      rim: 'dark', spokes: 5, caliper: '#d2202a', frontBias: 0.5,
      keys: {
        tail: [0, 0.6, 0.03], deck: [0.01, 0.74, 0.03], backlight: [0.035, 0.9, 0.05], roofRear: [0.1, 1, 0.06],
        roofFront: [0.6, 1, 0.08], cowl: [0.76, 0.63, 0.08], nose: [0.975, 0.55, 0.06], bumper: [1, 0.34, 0.05],
      },
      glassRear: 0.1, pillars: [0.44],
    },
  },
  {
    name: 'Kia EV9',
    group: 'Korea',
    caption: 'Three-row all-electric SUV; 2024 World Car of the Year',
    look: {
      body: 'suv', colour: '#8fa8a0', length: 5.01, height: 1.76, wheelbase: 3.1, wheel: 0.76,
      rim: 'silver', spokes: 6, roofRails: true, frontBias: 0.5,
      keys: {
        backlight: [0.012, 0.9, 0.06], roofRear: [0.05, 1, 0.1], roofFront: [0.64, 1, 0.1],
        cowl: [0.77, 0.66, 0.08], nose: [0.98, 0.62, 0.06],
      },
    },
  },
  {
    name: 'Land Rover Defender',
    group: 'UK',
    caption: 'Boxy off-roader, revived in 2020 as a modern monocoque design',
    look: {
      body: 'suv', colour: '#9c9580', length: 4.76, height: 1.97, wheelbase: 3.02, wheel: 0.8,
      rim: 'silver', spokes: 5, spare: true, roofColour: '#1c1d20', frontBias: 0.5,
      keys: {
        tail: [0, 0.62, 0.06], deck: [0.003, 0.82, 0.08], backlight: [0.01, 0.95, 0.08], roofRear: [0.04, 1, 0.1],
        roofFront: [0.67, 1, 0.12], cowl: [0.77, 0.66, 0.1], nose: [0.985, 0.64, 0.1],
      },
      pillars: [0.3, 0.53],
    },
  },
  {
    name: 'Range Rover',
    group: 'UK',
    caption: 'Full-size luxury SUV; fifth generation revealed in 2021',
    look: {
      body: 'suv', colour: '#1f3d35', length: 5.05, height: 1.87, wheelbase: 3.0, wheel: 0.82,
      rim: 'silver', spokes: 10, roofColour: '#141517', frontBias: 0.47,
      keys: {
        deck: [0.004, 0.8, 0.05], backlight: [0.015, 0.93, 0.06], roofRear: [0.05, 1, 0.12],
        roofFront: [0.66, 1, 0.15], cowl: [0.77, 0.65, 0.2], nose: [0.985, 0.63, 0.08],
      },
      belt: 0.62,
    },
  },
  {
    name: 'Mini Cooper',
    group: 'UK',
    caption: 'Compact premium hatchback, descendant of the original 1959 Mini',
    look: {
      body: 'hatchback', colour: '#c8102e', length: 3.88, height: 1.46, wheelbase: 2.53, wheel: 0.64,
      rim: 'silver', spokes: 5, roofColour: '#f4f4f2', frontBias: 0.5,
      keys: {
        backlight: [0.03, 0.92, 0.12], roofRear: [0.08, 1, 0.15], roofFront: [0.6, 1, 0.15],
        cowl: [0.72, 0.68, 0.2], nose: [0.97, 0.6, 0.15],
      },
    },
  },
  {
    name: 'Volvo EX30',
    group: 'Sweden',
    caption: 'Volvo’s smallest all-electric SUV',
    look: {
      body: 'suv', colour: '#b5ad5a', length: 4.23, height: 1.55, wheelbase: 2.65, wheel: 0.72,
      rim: 'dark', spokes: 5, roofColour: '#1b1c1f', cladding: true, frontBias: 0.5,
      keys: {
        backlight: [0.03, 0.88, 0.14], roofRear: [0.09, 1, 0.18], roofFront: [0.6, 1, 0.2],
        cowl: [0.74, 0.64, 0.2], nose: [0.975, 0.6, 0.15],
      },
      pillars: [0.47],
    },
  },
];
