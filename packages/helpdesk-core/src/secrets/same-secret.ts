import { createHash, timingSafeEqual } from 'node:crypto'

/**
 * True when `presented` is the configured secret, compared in constant time: both sides are
 * hashed to SHA-256 first, so neither the content nor the length of the secret leaks through
 * timing. Anything that is not a string (a missing header, an array) is never the secret.
 */
export function sameSecret(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string') return false
  return timingSafeEqual(digest(presented), digest(expected))
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest()
}
