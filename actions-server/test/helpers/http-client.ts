/** A tiny node:http client so tests control the bytes: chunked bodies, exact headers. */
import { request as httpRequest } from 'node:http'

export interface HttpResult {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
  json: unknown
}

export interface RequestOptions {
  method?: string
  headers?: Record<string, string>
  /** Raw body; sent chunked (no Content-Length) when `chunked` is true, like Rasa's compressed calls. */
  body?: Buffer | string
  chunked?: boolean
}

export async function httpCall(
  baseUrl: string,
  path: string,
  options: RequestOptions = {}
): Promise<HttpResult> {
  const url = new URL(path, baseUrl)
  const body = typeof options.body === 'string' ? Buffer.from(options.body, 'utf8') : options.body
  const headers: Record<string, string> = { ...(options.headers ?? {}) }
  if (body !== undefined && options.chunked !== true)
    headers['content-length'] = String(body.length)
  return await new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json: unknown
          try {
            json = JSON.parse(text)
          } catch {
            json = undefined
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json })
        })
        res.on('error', reject)
      }
    )
    req.on('error', reject)
    if (body !== undefined && options.chunked === true) {
      // Two writes so the body really arrives in more than one chunk.
      const half = Math.floor(body.length / 2)
      req.write(body.subarray(0, half))
      req.end(body.subarray(half))
    } else {
      req.end(body)
    }
  })
}

/** POST a JSON value the way Rasa's aiohttp client does: Content-Type application/json, Python-style escaping. */
export async function postJson(
  baseUrl: string,
  path: string,
  value: unknown,
  headers: Record<string, string> = {}
): Promise<HttpResult> {
  return await httpCall(baseUrl, path, {
    body: pythonJsonDumps(value),
    headers: { 'content-type': 'application/json', ...headers }
  })
}

/** JSON like Python's json.dumps defaults: ", " and ": " separators, non-ASCII as \uXXXX (surrogate pairs). */
export function pythonJsonDumps(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(
      /("(?:[^"\\]|\\.)*")|([,:])/g,
      (match, str: string | undefined, sep: string | undefined) => str ?? `${sep ?? ''} `
    )
}
