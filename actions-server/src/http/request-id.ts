/**
 * The id of each request in the log (`request_id`). A client's `X-Request-Id` is kept only when it
 * is short and simple (at most 64 of A–Z a–z 0–9 . _ -), so an operator can follow a call across
 * services; anything else (long, spaces, other characters, repeated header) is replaced by our own
 * id. A client-chosen value must never make a log line long or costly to write.
 */
import { randomInt } from 'node:crypto'
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
export function newRequestId(): string {
  let id = 'req-'
  for (let i = 0; i < 16; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)]
  return id
}
