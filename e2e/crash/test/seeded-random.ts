/**
 * A small seeded generator (mulberry32): the same seed gives the same rounds, kill targets and
 * kill points, so a failing run can be replayed with CRASH_SEED.
 */
export class SeededRandom {
  private state: number

  constructor(readonly seed: number) {
    this.state = seed >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items]
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i)
      ;[out[i], out[j]] = [out[j]!, out[i]!]
    }
    return out
  }
}

/** CRASH_SEED when set (a replay), else a fresh one. */
export function chooseSeed(env: string | undefined): number {
  if (env !== undefined && env.trim() !== '') {
    const seed = Number(env)
    if (!Number.isInteger(seed) || seed < 0)
      throw new Error(`CRASH_SEED must be a whole number, got "${env}"`)
    return seed
  }
  return Math.floor(Math.random() * 2 ** 31)
}
