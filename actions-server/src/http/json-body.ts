/**
 * Request body handling for Rasa's action calls:
 * - `Content-Encoding: deflate` (exact value, as rasa-sdk) → zlib-inflated before parsing; the body
 *   limit applies to the inflated size (Fastify counts the stream we return), so a zip bomb is 413.
 * - JSON parsed with JSON.parse (Python's `\uXXXX` escapes need nothing special); Python may emit
 *   bare NaN/Infinity for float slots, which are read as null instead of failing the call.
 */
import { PassThrough, type Readable } from 'node:stream'
import { createInflate } from 'node:zlib'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { BadActionCallError } from './errors'

interface CountingStream extends PassThrough {
  receivedEncodedLength: number
}

export function registerJsonBody(app: FastifyInstance): void {
  app.addHook('preParsing', async (request: FastifyRequest, _reply, payload) => {
    if (request.headers['content-encoding'] !== 'deflate') return payload
    return inflate(payload)
  })
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJson(body as string))
    } catch (err) {
      done(err as Error, undefined)
    }
  })
}

function inflate(payload: Readable): CountingStream {
  const out = new PassThrough() as CountingStream
  out.receivedEncodedLength = 0
  const inflater = createInflate()
  payload.on('data', (chunk: Buffer) => {
    out.receivedEncodedLength += chunk.length
  })
  payload.on('error', (err) => out.destroy(err))
  inflater.on('error', () =>
    out.destroy(new BadActionCallError('Invalid body request: the deflate data is corrupt'))
  )
  payload.pipe(inflater).pipe(out)
  return out
}

/** Parses a JSON action call; empty → 400 (rasa-sdk: "Invalid body request"). */
export function parseJson(text: string): unknown {
  if (text.trim() === '') throw new BadActionCallError('Invalid body request')
  try {
    return JSON.parse(text)
  } catch {
    if (/NaN|Infinity/.test(text)) {
      try {
        return JSON.parse(replaceNonFiniteLiterals(text))
      } catch {
        /* fall through to the generic message */
      }
    }
    throw new BadActionCallError('Invalid body request: malformed JSON')
  }
}

/** Replaces bare NaN, Infinity and -Infinity tokens (outside strings) with null. */
export function replaceNonFiniteLiterals(text: string): string {
  let out = ''
  let i = 0
  while (i < text.length) {
    const ch = text.charAt(i)
    if (ch === '"') {
      let j = i + 1
      while (j < text.length && text.charAt(j) !== '"') j += text.charAt(j) === '\\' ? 2 : 1
      out += text.slice(i, j + 1)
      i = j + 1
      continue
    }
    const literal = ['-Infinity', 'Infinity', 'NaN'].find((word) => text.startsWith(word, i))
    if (literal !== undefined) {
      out += 'null'
      i += literal.length
    } else {
      out += ch
      i++
    }
  }
  return out
}
