/**
 * The 32 cars of the "Dream Cars 2024" starter world cup. Dimensions are rounded public figures used
 * only for drawing proportions; captions stick to broad, well-established facts on purpose, because a
 * seeded page that states a wrong horsepower figure undermines trust in everything else on it.
 */
import type { CarLook } from './artwork-cars.js';
import type { Country } from './car-scene.js';
import { moreCars } from './cars-more.js';

export interface CarEntry {
  name: string;
  group: Country;
  caption: string;
  look: CarLook;
}

export const CAR_COUNTRIES: readonly Country[] = ['Korea', 'Germany', 'Japan', 'USA', 'UK', 'Italy', 'Sweden'];

export const cars: CarEntry[] = [
  {
    name: 'Porsche 911 (992)',
    group: 'Germany',
    caption: 'Rear-engined sports car with a flat-six; 992 generation introduced in 2019',
    look: {
      body: 'coupe', colour: '#c2c6cb', length: 4.52, height: 1.3, wheelbase: 2.45, wheel: 0.69,
      rim: 'dark', spokes: 10, caliper: '#d2202a', frontBias: 0.47,
      keys: {
        tail: [0, 0.6, 0.08], deck: [0.05, 0.68, 0.2], backlight: [0.2, 0.86, 0.6],
        roofRear: [0.42, 1, 0.5], roofFront: [0.52, 1, 0.3], cowl: [0.67, 0.66, 0.35], nose: [0.97, 0.5, 0.2],
      },
    },
  },
  {
    name: 'Ferrari 296 GTB',
    group: 'Italy',
    caption: 'Mid-engined plug-in hybrid berlinetta with a twin-turbo V6',
    look: {
      body: 'supercar', colour: '#c40c0c', length: 4.57, height: 1.19, wheelbase: 2.6, wheel: 0.7,
      rim: 'silver', spokes: 5, caliper: '#f2c200', intake: true,
    },
  },
  {
    name: 'Lamborghini Revuelto',
    group: 'Italy',
    caption: 'V12 plug-in hybrid supercar, successor to the Aventador',
    look: {
      body: 'supercar', colour: '#6cc219', length: 4.95, height: 1.16, wheelbase: 2.78, wheel: 0.74,
      rim: 'dark', spokes: 10, caliper: '#f2c200', intake: true,
      keys: {
        tail: [0, 0.7, 0.04], deck: [0.08, 0.76, 0.2], roofRear: [0.4, 1, 0.4], roofFront: [0.52, 1, 0.35],
        cowl: [0.74, 0.56, 0.3], nose: [0.965, 0.38, 0.12],
      },
    },
  },
  {
    name: 'McLaren 750S',
    group: 'UK',
    caption: 'Mid-engined twin-turbo V8 supercar, successor to the 720S',
    look: {
      body: 'supercar', colour: '#ff7f11', length: 4.57, height: 1.2, wheelbase: 2.67, wheel: 0.7,
      rim: 'dark', spokes: 10, caliper: '#1b1b1b', intake: true,
      keys: { tail: [0, 0.64, 0.05], roofRear: [0.35, 1, 0.55], roofFront: [0.5, 1, 0.4], cowl: [0.74, 0.5, 0.4] },
    },
  },
  {
    name: 'Aston Martin DB12',
    group: 'UK',
    caption: 'Front-engined grand tourer with a twin-turbo V8',
    look: {
      body: 'coupe', colour: '#1b5e4a', length: 4.73, height: 1.3, wheelbase: 2.81, wheel: 0.72,
      rim: 'silver', spokes: 10, caliper: '#2a2a2a', frontBias: 0.4,
      keys: { roofRear: [0.33, 1, 0.5], roofFront: [0.47, 1, 0.3], cowl: [0.61, 0.68, 0.35] },
    },
  },
  {
    name: 'Bentley Continental GT',
    group: 'UK',
    caption: 'Luxury grand tourer coupé, built at Bentley’s factory in Crewe',
    look: {
      body: 'coupe', colour: '#5e1a24', length: 4.85, height: 1.4, wheelbase: 2.85, wheel: 0.74,
      rim: 'chrome', spokes: 10, frontBias: 0.42,
      keys: { tail: [0, 0.64, 0.1], deck: [0.07, 0.75, 0.25], roofRear: [0.36, 1, 0.5], cowl: [0.64, 0.7, 0.35] },
    },
  },
  {
    name: 'Rolls-Royce Spectre',
    group: 'UK',
    caption: 'The marque’s first production all-electric car, a large two-door coupé',
    look: {
      body: 'coupe', colour: '#5b4a82', length: 5.45, height: 1.56, wheelbase: 3.21, wheel: 0.82,
      rim: 'chrome', spokes: 7, frontBias: 0.4,
      keys: {
        backlight: [0.16, 0.82, 0.6], roofRear: [0.37, 1, 0.7], roofFront: [0.52, 1, 0.3], cowl: [0.66, 0.7, 0.3],
        nose: [0.975, 0.64, 0.12], bumper: [1, 0.38, 0.1],
      },
    },
  },
  {
    name: 'Mercedes-AMG G 63',
    group: 'Germany',
    caption: 'Body-on-frame off-roader with a twin-turbo V8 and three locking differentials',
    look: {
      body: 'suv', colour: '#5e6448', length: 4.66, height: 1.97, wheelbase: 2.89, wheel: 0.8,
      rim: 'dark', spokes: 6, caliper: '#d2202a', spare: true, cladding: true, frontBias: 0.5,
      keys: {
        tail: [0, 0.62, 0.03], deck: [0, 0.8, 0.03], backlight: [0.004, 0.95, 0.03], roofRear: [0.02, 1, 0.05],
        roofFront: [0.7, 1, 0.06], cowl: [0.75, 0.64, 0.05], nose: [0.985, 0.61, 0.05], bumper: [1, 0.42, 0.04],
      },
      glassRear: 0.05, pillars: [0.3, 0.52],
    },
  },
  {
    name: 'Mercedes-Benz S-Class',
    group: 'Germany',
    caption: 'Mercedes-Benz’s flagship luxury saloon; W223 generation from 2020',
    look: {
      body: 'sedan', colour: '#1c2330', length: 5.18, height: 1.5, wheelbase: 3.11, wheel: 0.72,
      rim: 'silver', spokes: 10, caliper: '#8d939a',
    },
  },
  {
    name: 'BMW M5',
    group: 'Germany',
    caption: 'High-performance executive saloon; the 2024 generation is a V8 plug-in hybrid',
    look: {
      body: 'sedan', colour: '#2e6b3a', length: 5.1, height: 1.51, wheelbase: 3.0, wheel: 0.74,
      rim: 'dark', spokes: 10, caliper: '#1f4fbf',
      keys: { deck: [0.06, 0.7, 0.1], backlight: [0.18, 0.74, 0.25], roofRear: [0.35, 1, 0.4] },
    },
  },
  {
    name: 'BMW i7',
    group: 'Germany',
    caption: 'All-electric version of the 7 Series luxury saloon',
    look: {
      body: 'sedan', colour: '#e4e6e8', length: 5.39, height: 1.54, wheelbase: 3.22, wheel: 0.76,
      rim: 'silver', spokes: 14, frontBias: 0.42,
      keys: { nose: [0.97, 0.64, 0.1], roofFront: [0.58, 1, 0.3], cowl: [0.72, 0.71, 0.3] },
    },
  },
  {
    name: 'Audi RS e-tron GT',
    group: 'Germany',
    caption: 'All-electric four-door grand tourer, sharing its platform with the Porsche Taycan',
    look: {
      body: 'fastback', colour: '#50555c', length: 5.0, height: 1.4, wheelbase: 2.9, wheel: 0.72,
      rim: 'dark', spokes: 10, caliper: '#d2202a',
    },
  },
  {
    name: 'Porsche Taycan',
    group: 'Germany',
    caption: 'Porsche’s first all-electric production car, built on an 800-volt architecture',
    look: {
      body: 'fastback', colour: '#93b9d8', length: 4.96, height: 1.38, wheelbase: 2.9, wheel: 0.72,
      rim: 'silver', spokes: 5, caliper: '#a3d02a',
      keys: { backlight: [0.15, 0.76, 0.45], roofRear: [0.4, 1, 0.5], nose: [0.97, 0.47, 0.18] },
    },
  },
  {
    name: 'Tesla Model S Plaid',
    group: 'USA',
    caption: 'Tri-motor, all-wheel-drive version of the Model S electric saloon',
    look: {
      body: 'fastback', colour: '#9e1624', length: 4.97, height: 1.43, wheelbase: 2.96, wheel: 0.71,
      rim: 'dark', spokes: 6, caliper: '#d2202a',
      keys: { backlight: [0.12, 0.72, 0.45], roofRear: [0.42, 1, 0.55], nose: [0.975, 0.5, 0.2] },
    },
  },
  {
    name: 'Tesla Cybertruck',
    group: 'USA',
    caption: 'Angular electric pickup with a stainless-steel body; deliveries began in late 2023',
    look: {
      body: 'pickup', colour: '#b3b7bb', length: 5.68, height: 1.79, wheelbase: 3.64, wheel: 0.88,
      rim: 'aero', spokes: 6, frontBias: 0.46, cladding: 'angular',
    },
  },
  {
    name: 'Lucid Air Sapphire',
    group: 'USA',
    caption: 'Tri-motor, high-performance version of the Lucid Air electric saloon',
    look: {
      body: 'fastback', colour: '#213a7a', length: 4.98, height: 1.41, wheelbase: 2.96, wheel: 0.72,
      rim: 'dark', spokes: 10, caliper: '#9aa3b5',
      keys: { roofFront: [0.62, 1, 0.35], cowl: [0.77, 0.62, 0.3], backlight: [0.14, 0.74, 0.45] },
    },
  },
  {
    name: 'Rivian R1S',
    group: 'USA',
    caption: 'Three-row all-electric SUV from Rivian',
    look: {
      body: 'suv', colour: '#6e706b', length: 5.1, height: 1.82, wheelbase: 3.07, wheel: 0.8,
      rim: 'dark', spokes: 6, roofRails: true,
      keys: { roofRear: [0.07, 1, 0.2], roofFront: [0.65, 1, 0.28], cowl: [0.78, 0.64, 0.2], nose: [0.98, 0.6, 0.16] },
    },
  },
  {
    name: 'Ford Mustang',
    group: 'USA',
    caption: 'Front-engined pony car; seventh generation (S650) launched for 2024',
    look: {
      body: 'coupe', colour: '#ffc20e', length: 4.81, height: 1.4, wheelbase: 2.72, wheel: 0.7,
      rim: 'dark', spokes: 10, caliper: '#1b1b1b', frontBias: 0.5,
      keys: {
        tail: [0, 0.62, 0.06], deck: [0.05, 0.72, 0.15], backlight: [0.13, 0.8, 0.4], roofRear: [0.31, 1, 0.45],
        roofFront: [0.46, 1, 0.3], cowl: [0.6, 0.7, 0.3], nose: [0.975, 0.6, 0.1], bumper: [1, 0.36, 0.08],
      },
    },
  },
  {
    name: 'Chevrolet Corvette E-Ray',
    group: 'USA',
    caption: 'The first hybrid, all-wheel-drive Corvette, with a mid-mounted V8',
    look: {
      body: 'supercar', colour: '#1c7a8c', length: 4.63, height: 1.23, wheelbase: 2.72, wheel: 0.72,
      rim: 'silver', spokes: 5, caliper: '#f2c200', intake: true,
      keys: { tail: [0, 0.72, 0.03], deck: [0.1, 0.8, 0.2], roofRear: [0.37, 1, 0.35], cowl: [0.73, 0.5, 0.3] },
    },
  },
  {
    name: 'Toyota GR Supra',
    group: 'Japan',
    caption: 'Front-engined sports coupé, developed jointly with BMW',
    look: {
      body: 'coupe', colour: '#e8452c', length: 4.38, height: 1.29, wheelbase: 2.47, wheel: 0.68,
      rim: 'dark', spokes: 10, caliper: '#d2202a',
      keys: {
        tail: [0, 0.62, 0.05], deck: [0.06, 0.76, 0.1], backlight: [0.17, 0.82, 0.4], roofRear: [0.38, 1, 0.4],
        roofFront: [0.48, 1, 0.25], cowl: [0.62, 0.66, 0.35],
      },
    },
  },
  {
    name: 'Toyota Land Cruiser 250',
    group: 'Japan',
    caption: 'Body-on-frame off-roader, successor to the Land Cruiser Prado line',
    look: {
      body: 'suv', colour: '#b8a27a', length: 4.92, height: 1.87, wheelbase: 2.85, wheel: 0.8,
      rim: 'dark', spokes: 6, roofRails: true, cladding: true,
      keys: {
        tail: [0, 0.62, 0.04], deck: [0.003, 0.8, 0.04], backlight: [0.01, 0.95, 0.05], roofRear: [0.04, 1, 0.06],
        roofFront: [0.66, 1, 0.08], cowl: [0.76, 0.65, 0.06], nose: [0.985, 0.64, 0.06], bumper: [1, 0.42, 0.05],
      },
    },
  },
  {
    name: 'Lexus LC 500',
    group: 'Japan',
    caption: 'Luxury grand tourer coupé with a naturally aspirated V8',
    look: {
      body: 'coupe', colour: '#3142a8', length: 4.77, height: 1.35, wheelbase: 2.87, wheel: 0.72,
      rim: 'chrome', spokes: 10, caliper: '#9aa3b5',
      keys: { roofRear: [0.39, 1, 0.45], roofFront: [0.51, 1, 0.3], cowl: [0.66, 0.66, 0.35], nose: [0.975, 0.5, 0.18] },
    },
  },
  {
    name: 'Nissan GT-R',
    group: 'Japan',
    caption: 'All-wheel-drive sports car with a twin-turbo V6; R35 generation since 2007',
    look: {
      body: 'coupe', colour: '#1f63b0', length: 4.71, height: 1.37, wheelbase: 2.78, wheel: 0.7,
      rim: 'dark', spokes: 6, caliper: '#d4a017',
      keys: {
        tail: [0, 0.7, 0.04], deck: [0.04, 0.77, 0.08], backlight: [0.14, 0.82, 0.25], roofRear: [0.33, 1, 0.35],
        roofFront: [0.5, 1, 0.25], cowl: [0.64, 0.68, 0.3], nose: [0.97, 0.55, 0.12],
      },
    },
  },
  {
    name: 'Honda Civic Type R',
    group: 'Japan',
    caption: 'Front-wheel-drive hot hatch with a turbocharged 2.0-litre four-cylinder',
    look: {
      body: 'hatchback', colour: '#f1f1ee', length: 4.59, height: 1.41, wheelbase: 2.74, wheel: 0.68,
      rim: 'dark', spokes: 10, caliper: '#d2202a', wing: true,
      keys: {
        deck: [0.03, 0.72, 0.08], backlight: [0.1, 0.82, 0.3], roofRear: [0.3, 1, 0.35],
        roofFront: [0.56, 1, 0.25], cowl: [0.7, 0.66, 0.3], nose: [0.97, 0.52, 0.15],
      },
      glassRear: 0.2, pillars: [0.45],
    },
  },
  ...moreCars,
];
