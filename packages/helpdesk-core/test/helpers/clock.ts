import type { Clock } from '../../src/time/clock'

/** A clock the test moves by hand. */
export function fixedClock(
  iso: string
): Clock & { set: (iso: string) => void; advance: (ms: number) => void } {
  let current = new Date(iso)
  return {
    now: () => new Date(current.getTime()),
    set: (next) => {
      current = new Date(next)
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms)
    }
  }
}
