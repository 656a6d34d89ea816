/**
 * The part of the WebAssembly JavaScript API that the rating kernels use (domain/rating/
 * sparse-pair.ts). Node has all of it; TypeScript declares it only in its DOM library, which the
 * server does not load.
 */
declare namespace WebAssembly {
  type Exports = Record<string, unknown>;
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number });
    readonly buffer: ArrayBuffer;
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Exports;
  }
}
