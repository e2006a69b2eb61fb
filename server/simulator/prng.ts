/**
 * The simulator's only source of randomness: mulberry32, a 32-bit seeded generator. Its whole
 * state is one uint32, so it lives inside the fleet (`fleet.rng`) and every transition that needs a
 * random number advances it explicitly. Same seed → same sequence → byte-identical output.
 */

/** Advances `state` once; returns the next state and a float in [0, 1). */
export function next(state: number): { state: number; value: number } {
  const s = (state + 0x6d2b79f5) >>> 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { state: s, value: ((t ^ (t >>> 14)) >>> 0) / 4294967296 };
}

/** A mutable cursor over a seed, for code that draws several numbers in a row. */
export class Rng {
  constructor(public state: number) {
    this.state = state >>> 0;
  }

  float(): number {
    const r = next(this.state);
    this.state = r.state;
    return r.value;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick on an empty list');
    return items[Math.floor(this.float() * items.length)];
  }

  /** RFC 4122-shaped GUID (upper case, no braces), as Hyper-V prints VM ids. */
  guid(): string {
    const hex = (n: number) =>
      Array.from({ length: n }, () => this.int(0, 15).toString(16))
        .join('')
        .toUpperCase();
    const variant = (8 + this.int(0, 3)).toString(16).toUpperCase();
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
  }
}

/** Derives a seed from a string (FNV-1a), so named sub-streams are stable and independent. */
export function seedFrom(text: string, base = 0): number {
  let h = (0x811c9dc5 ^ base) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A stable pseudo-random weight in [0, 1) for a key; used for rendezvous hashing. */
export function weight(key: string): number {
  return next(seedFrom(key)).value;
}
