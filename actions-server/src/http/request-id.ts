/**
 * The id of each request in the log (`request_id`). A client's `X-Request-Id` is kept only when it
 * is short and simple (at most 64 of A–Z a–z 0–9 . _ -), so an operator can follow a call across
 * services; anything else (long, spaces, other characters, repeated header) is replaced by our own
 * id. A client-chosen value must never make a log line long or costly to write.
 */
import { randomFillSync } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const REQUEST_ID_HEADER = 'x-request-id'
const SIMPLE_ID = /^[A-Za-z0-9._-]{1,64}$/

export function requestIdFor(request: IncomingMessage): string {
  const sent = request.headers[REQUEST_ID_HEADER]
  return typeof sent === 'string' && SIMPLE_ID.test(sent) ? sent : newRequestId()
}

/**
 * Request ids made of letters only: the log masker hides long digit runs (NIP, NIK, phone), and a
 * UUID's digits would sometimes be masked, so the id in the log would no longer match the one
 * an operator searches for.
 */
const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz'
const ID_LENGTH = 16
/** Random letters drawn in one batch: one randomFillSync per 256 ids, not 16 randomInt calls per id (issue 18.0). */
const POOL = new Uint8Array(ID_LENGTH * 256)
let poolOffset = POOL.length

export function newRequestId(): string {
  let id = 'req-'
  // 240 = 10 × 24: bytes at or above it are skipped, so every letter stays equally likely.
  while (id.length < 4 + ID_LENGTH) {
    if (poolOffset === POOL.length) {
      randomFillSync(POOL)
      poolOffset = 0
    }
    const byte = POOL[poolOffset++] as number
    if (byte < 240) id += ID_ALPHABET[byte % ID_ALPHABET.length]
  }
  return id
}
