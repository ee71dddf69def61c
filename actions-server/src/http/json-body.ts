/**
 * Request body handling for Rasa's action calls:
 * - `Content-Encoding: deflate` (exact value, as rasa-sdk) → zlib-inflated before parsing; the body
 *   limit applies to the compressed and to the inflated size, and inflating stops as soon as the
 *   output would pass the limit (`maxOutputLength`), so a zip bomb is 413 without ever holding
 *   more than the limit.
 * - JSON parsed with JSON.parse (Python's `\uXXXX` escapes need nothing special); Python may emit
 *   bare NaN/Infinity for float slots, which are read as null instead of failing the call.
 *
 * Why our own reader instead of Fastify's `parseAs` + a preParsing inflate stream
 * (docs/BENCHMARKS.md, issue 18): the stream inflated in 16 KiB steps, each a round trip to the
 * libuv thread pool and through two more streams, which cost ~5 ms more CPU per 5,000-event call
 * than one `inflateSync` of the collected body. Inflating the whole body at once blocks the event
 * loop no longer than parsing it does right after. The raw chunks are dropped as soon as the text
 * exists, so a large call holds its bytes only once while it is parsed.
 */
import type { IncomingHttpHeaders } from 'node:http'
import type { Readable } from 'node:stream'
import { inflateSync } from 'node:zlib'
import { errorCodes, type FastifyInstance } from 'fastify'
import { BadActionCallError } from './errors'

/**
 * Inflated output is produced in steps of `inflateChunkBytes(compressed)`: zlib's default of
 * 16 KiB means 100+ steps for a long tracker, while a fixed 256 KiB step made every small call
 * allocate 256 KiB outside the V8 heap, which V8 answers with "external memory pressure"
 * scavenges (about 40 per second under load; docs/BENCHMARKS.md, issue 18). A tracker's JSON
 * deflates 5–17×, so eight times the compressed size is one or two steps for most bodies.
 */
const MIN_INFLATE_CHUNK_BYTES = 16 * 1024
const MAX_INFLATE_CHUNK_BYTES = 256 * 1024
const EXPECTED_INFLATE_RATIO = 8

function inflateChunkBytes(compressedBytes: number): number {
  return Math.min(
    MAX_INFLATE_CHUNK_BYTES,
    Math.max(MIN_INFLATE_CHUNK_BYTES, compressedBytes * EXPECTED_INFLATE_RATIO)
  )
}

export function registerJsonBody(app: FastifyInstance): void {
  const limit = app.initialConfig.bodyLimit ?? 1024 * 1024
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', (request, payload, done) => {
    readBody(payload, request.headers, limit, (err, text) => {
      if (err !== null) return done(err, undefined)
      let parsed: unknown
      try {
        parsed = parseJson(text)
      } catch (parseErr) {
        return done(parseErr as Error, undefined)
      }
      done(null, parsed)
    })
  })
}

type BodyCallback = (err: Error | null, text: string) => void

/** Collects the raw body (≤ limit bytes), inflates it when deflated (≤ limit bytes) and decodes it once. */
function readBody(
  payload: Readable,
  headers: IncomingHttpHeaders,
  limit: number,
  callback: BodyCallback
): void {
  const deflated = headers['content-encoding'] === 'deflate'
  const declared = Number(headers['content-length'])
  if (declared > limit) return callback(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(), '')
  let chunks: Buffer[] = []
  let received = 0
  const stop = (): void => {
    payload.removeListener('data', onData)
    payload.removeListener('end', onEnd)
    payload.removeListener('error', onError)
  }
  const onData = (chunk: Buffer): void => {
    received += chunk.length
    if (received > limit) {
      stop()
      chunks = []
      callback(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(), '')
      return
    }
    chunks.push(chunk)
  }
  const onError = (err: Error & { statusCode?: number }): void => {
    stop()
    chunks = []
    if (!(typeof err.statusCode === 'number' && err.statusCode >= 400)) err.statusCode = 400
    callback(err, '')
  }
  const onEnd = (): void => {
    stop()
    if (!Number.isNaN(declared) && received !== declared)
      return callback(new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH(), '')
    let raw = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received)
    chunks = []
    if (deflated) {
      try {
        raw = inflateSync(raw, {
          maxOutputLength: limit,
          chunkSize: inflateChunkBytes(raw.length)
        })
      } catch (err) {
        return callback(
          (err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE'
            ? new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE()
            : new BadActionCallError('Invalid body request: the deflate data is corrupt'),
          ''
        )
      }
    }
    callback(null, raw.toString('utf8'))
  }
  payload.on('data', onData)
  payload.on('end', onEnd)
  payload.on('error', onError)
  payload.resume()
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
