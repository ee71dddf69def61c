/** Telegram's limits, in UTF-16 code units (what JS String.length counts, and what Telegram counts). */
export const MAX_TEXT = 4096
export const MAX_CAPTION = 1024

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

/** Where to cut `text` (length > max) so the first part is ≤ max: paragraph, line, word, else hard. */
function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1)
  const minUseful = Math.floor(max / 2)
  for (const sep of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(sep, max - (sep === ' ' ? 0 : sep.length - 1))
    if (at >= minUseful || (sep === ' ' && at > 0)) return at
  }
  // No whitespace at all (a URL, a long token): cut hard, but never between a surrogate pair.
  return isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max
}

/**
 * Splits text into parts of at most `max` UTF-16 units, preferring paragraph, then line, then
 * word boundaries, never splitting a surrogate pair. Whitespace at the cut is dropped; blank
 * parts are never produced (Telegram rejects empty messages).
 */
export function splitText(text: string, max = MAX_TEXT): string[] {
  const parts: string[] = []
  let rest = text.trim()
  while (rest.length > max) {
    const at = cutPoint(rest, max)
    const head = rest.slice(0, at).trimEnd()
    if (head !== '') parts.push(head)
    rest = rest.slice(at).trimStart()
  }
  if (rest !== '') parts.push(rest)
  return parts
}
