/** Helpers for untrusted form and query values (everything arrives as unknown). */
export const text = (value: unknown, max = 4000): string =>
  typeof value === 'string' ? value.trim().slice(0, max) : ''

export function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : undefined
}

export function positiveInt(value: unknown, fallback: number, max = 1_000_000): number {
  const n = typeof value === 'string' && /^\d{1,7}$/.test(value) ? Number(value) : NaN
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback
}

export const TICKET_NUMBER = /^TIK-\d{8}-\d{4,}$/
