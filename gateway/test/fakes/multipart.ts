/** Minimal multipart/form-data reader for the fake Bot API (what telegraf sends for uploads). */
export interface UploadedFile {
  filename: string
  contentType: string
  size: number
}

export function parseMultipart(body: Buffer, contentType: string): Record<string, unknown> {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  const boundary = match?.[1] ?? match?.[2]
  if (boundary === undefined) throw new Error('multipart body without boundary')
  const delimiter = Buffer.from(`--${boundary}`)
  const fields: Record<string, unknown> = {}
  let start = body.indexOf(delimiter)
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length)
    if (next === -1) break
    const part = body.subarray(start + delimiter.length, next)
    start = next
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd === -1) continue
    const headers = part.subarray(0, headerEnd).toString('utf8')
    let content = part.subarray(headerEnd + 4)
    if (content.subarray(-2).toString() === '\r\n') content = content.subarray(0, -2)
    const name = /name="([^"]*)"/i.exec(headers)?.[1]
    if (name === undefined) continue
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1]
    if (filename !== undefined) {
      const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream'
      fields[name] = { filename, contentType: type, size: content.length } satisfies UploadedFile
      continue
    }
    const text = content.toString('utf8')
    // telegraf sends objects (reply_markup, media, …) as JSON strings inside multipart.
    if (/^[[{]/.test(text)) {
      try {
        fields[name] = JSON.parse(text)
        continue
      } catch {
        /* keep as text */
      }
    }
    fields[name] = text
  }
  return fields
}
