// Serialises a value the way Python's json.dumps does with its defaults, which is what
// Rasa 3.6 (aiohttp JsonPayload) puts on the wire: ", " and ": " separators and every
// non-ASCII character escaped as \uXXXX (surrogate pairs for astral characters).

function pyString(s) {
  // JSON.stringify already escapes quotes, backslashes and control characters;
  // only non-ASCII needs the ensure_ascii treatment on top.
  return JSON.stringify(s).replace(
    /[\u0080-\uffff]/g,
    (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')
  )
}

export function pyDumps(value) {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return pyString(value)
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value)
  if (Array.isArray(value)) return '[' + value.map(pyDumps).join(', ') + ']'
  const parts = []
  for (const [k, v] of Object.entries(value)) parts.push(pyString(k) + ': ' + pyDumps(v))
  return '{' + parts.join(', ') + '}'
}
