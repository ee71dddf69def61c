/**
 * Masks personal data in free text before it reaches a log line:
 * - NIP (18 digits), NIK (16 digits) and, to cover typos, any 15–20 digit number;
 * - phone numbers: Indonesian mobile numbers (08…, 628…, and 8… without the leading 0 or 62) and
 *   any +<8–15 digits>;
 * - e-mail addresses ("budi.santoso@example.go.id" → "b***@example.go.id").
 * Numbers are recognised on their digits, whatever the user put between the digit groups: spaces
 * of any width, tabs, line breaks, non-breaking spaces, dots, dashes (also en/em dashes and
 * full-width ones), slashes or parentheses; and full-width or other Unicode digits count as
 * digits ("１９８５…"). All digits of a number but the last four become `*`, so a log reader can tell
 * two numbers apart without learning either. Dates ("2026-11-25"), times, versions, IP addresses
 * and ticket numbers ("TIK-20261125-0001") stay readable: they are too short for the rules above,
 * and a ticket number is skipped as a whole.
 *
 * Cost: one pass over the text, linear in its length (each digit group is looked at a bounded
 * number of times, since no personal number has more than 20 digits), and texts longer than
 * MAX_MASKED_LENGTH are cut first, with a marker. The text may come from a client (a header, an
 * action name), so it must never cost more than its length.
 */

/** Longest text masked and logged as is; the rest is cut off and replaced by a marker. */
export const MAX_MASKED_LENGTH = 4096
/** No personal number has more digits; longer runs are never one number. */
const MAX_PERSONAL_DIGITS = 20

/** Cuts `text` to `max` characters with a marker saying how much was cut (never inside a number). */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text
  let end = max
  // A cut inside a number would leave a short, unmaskable piece of it: cut before the number.
  while (end > 0 && (isDigitAt(text, end - 1) || isSeparator(text.charCodeAt(end - 1)))) end--
  // Never split a surrogate pair.
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--
  return `${text.slice(0, end)}…[${text.length - end} more characters cut]`
}

const ANY_DIGIT = /\p{Nd}/u

export function maskPersonalData(text: string): string {
  const capped = capText(text, MAX_MASKED_LENGTH)
  const emailsMasked = capped.includes('@') ? maskEmails(capped) : capped
  // Most log strings hold no digit at all: the native scan is much cheaper than ours.
  return ANY_DIGIT.test(emailsMasked) ? maskNumbers(emailsMasked) : emailsMasked
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses

const isLocalChar = (c: number): boolean =>
  isAsciiAlnum(c) || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x2d // . _ % + -
const isDomainChar = (c: number): boolean => isAsciiAlnum(c) || c === 0x2d || c === 0x2e // - .

/**
 * Every `local@domain.tld` becomes `l***@domain.tld`. Scans from each '@' outwards; the scans stop
 * at the neighbouring '@' (not a local or domain character), so the whole pass stays linear.
 */
function maskEmails(text: string): string {
  let out = ''
  let copied = 0
  let at = text.indexOf('@')
  while (at !== -1) {
    let start = at
    while (start > copied && isLocalChar(text.charCodeAt(start - 1))) start--
    let end = at + 1
    while (end < text.length && isDomainChar(text.charCodeAt(end))) end++
    // The domain must not end with a dot ("… @kantor." ends a sentence), and needs a dot inside.
    while (end > at + 1 && text.charCodeAt(end - 1) === 0x2e) end--
    const domain = text.slice(at + 1, end)
    if (start < at && /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(domain)) {
      out += text.slice(copied, start) + text.charAt(start) + '***@' + domain
      copied = end
    }
    at = text.indexOf('@', Math.max(at + 1, copied))
  }
  return copied === 0 ? text : out + text.slice(copied)
}

// ---------------------------------------------------------------------------------------------
// Numbers

interface Group {
  /** Position of the first and after the last character of the digit run. */
  start: number
  end: number
  digits: number
  /** Whether the separator before this group contains white space (splits "words"). */
  spaceBefore: boolean
}

function maskNumbers(text: string): string {
  const n = text.length
  let out = ''
  let copied = 0
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === 0x54 /* T */ && text.startsWith('TIK-', i)) {
      const ticket = ticketLength(text, i)
      if (ticket > 0) {
        i += ticket
        continue
      }
    }
    if (!isDigitAt(text, i)) {
      i++
      continue
    }
    const groups = readSequence(text, i)
    const last = groups[groups.length - 1] as Group
    const masked = maskSequence(text, groups, hasPlusPrefix(text, i))
    if (masked !== undefined) {
      out += text.slice(copied, i) + masked
      copied = last.end
    }
    i = last.end
  }
  return copied === 0 ? text : out + text.slice(copied)
}

/** Length of a ticket number "TIK-<8 digits>-<digits>" starting a word at `i`, else 0. */
function ticketLength(text: string, i: number): number {
  if (i > 0 && isWordChar(text.charCodeAt(i - 1))) return 0
  let j = i + 4
  for (let k = 0; k < 8; k++, j++) if (!isAsciiDigit(text.charCodeAt(j))) return 0
  if (text.charCodeAt(j) !== 0x2d) return 0
  j++
  const digitsStart = j
  while (isAsciiDigit(text.charCodeAt(j))) j++
  if (j === digitsStart || isWordChar(text.charCodeAt(j))) return 0
  return j - i
}

/** Digit groups from `i` on, joined by runs of separators (any length); stops at anything else. */
function readSequence(text: string, i: number): Group[] {
  const groups: Group[] = []
  let j = i
  let spaceBefore = false
  for (;;) {
    const start = j
    let digits = 0
    while (j < text.length && isDigitAt(text, j)) {
      j += charWidth(text, j)
      digits++
    }
    groups.push({ start, end: j, digits, spaceBefore })
    let k = j
    spaceBefore = false
    while (k < text.length && isSeparator(text.charCodeAt(k))) {
      if (isSpace(text.charCodeAt(k))) spaceBefore = true
      k++
    }
    if (k === j || k >= text.length || !isDigitAt(text, k)) return groups
    j = k
  }
}

/**
 * The masked text of the sequence, or undefined when nothing in it is personal. The whole
 * sequence when it is one personal number; else, from left to right, the longest runs of
 * space-separated words that are one; a word left over is tried once more split at its other
 * separators ("sejak 2009 19850315.201001.1.001").
 */
function maskSequence(text: string, groups: Group[], plusPrefix: boolean): string | undefined {
  // digitsBefore[g]: digits in groups before g; lead[g]: the first three digits from group g on.
  const digitsBefore = new Array<number>(groups.length + 1).fill(0)
  for (let g = 0; g < groups.length; g++)
    digitsBefore[g + 1] = (digitsBefore[g] as number) + (groups[g] as Group).digits
  const lead = new Array<string>(groups.length + 1).fill('')
  for (let g = groups.length - 1; g >= 0; g--)
    lead[g] = (leadingDigits(text, groups[g] as Group, 3) + (lead[g + 1] as string)).slice(0, 3)
  const isPersonalRun = (from: number, to: number, plus: boolean): boolean =>
    isPersonalDigits(
      (digitsBefore[to + 1] as number) - (digitsBefore[from] as number),
      lead[from] as string,
      plus
    )

  const masked = new Array<boolean>(groups.length).fill(false)
  let any = false
  const mark = (from: number, to: number): void => {
    for (let g = from; g <= to; g++) masked[g] = true
    any = true
  }

  if (isPersonalRun(0, groups.length - 1, plusPrefix)) {
    mark(0, groups.length - 1)
  } else {
    // Words: [first group, last group] split where the separator holds white space.
    const words: Array<[number, number]> = []
    for (let g = 0; g < groups.length; g++) {
      if (g === 0 || (groups[g] as Group).spaceBefore) words.push([g, g])
      else (words[words.length - 1] as [number, number])[1] = g
    }
    const longestRun = (units: Array<[number, number]>, from: number): number => {
      let best = -1
      const start = (units[from] as [number, number])[0]
      for (let u = from; u < units.length; u++) {
        const lastGroup = (units[u] as [number, number])[1]
        if (
          (digitsBefore[lastGroup + 1] as number) - (digitsBefore[start] as number) >
          MAX_PERSONAL_DIGITS
        )
          break
        if (isPersonalRun(start, lastGroup, plusPrefix && start === 0)) best = u
      }
      return best
    }
    let w = 0
    while (w < words.length) {
      const end = longestRun(words, w)
      if (end >= 0) {
        mark((words[w] as [number, number])[0], (words[end] as [number, number])[1])
        w = end + 1
        continue
      }
      const [first, lastGroup] = words[w] as [number, number]
      const parts: Array<[number, number]> = []
      for (let g = first; g <= lastGroup; g++) parts.push([g, g])
      let p = 0
      while (p < parts.length) {
        const partEnd = longestRun(parts, p)
        if (partEnd >= 0) {
          mark((parts[p] as [number, number])[0], (parts[partEnd] as [number, number])[1])
          p = partEnd + 1
        } else {
          p++
        }
      }
      w++
    }
  }
  if (!any) return undefined
  return renderMasked(text, groups, masked)
}

/** Masked runs keep their last four digits; separators and unmasked groups are copied as they are. */
function renderMasked(text: string, groups: Group[], masked: boolean[]): string {
  // Digits to keep at the end of each masked run: counted backwards from the run's last group.
  const keepFrom = new Array<number>(groups.length).fill(0)
  let keep = 0
  for (let g = groups.length - 1; g >= 0; g--) {
    if (!masked[g]) {
      keep = 0
      continue
    }
    if (g === groups.length - 1 || !masked[g + 1]) keep = 4
    const group = groups[g] as Group
    keepFrom[g] = Math.max(0, group.digits - keep)
    keep = Math.max(0, keep - group.digits)
  }
  let out = ''
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g] as Group
    const next = groups[g + 1]
    if (masked[g]) {
      let index = 0
      for (let j = group.start; j < group.end; j += charWidth(text, j), index++) {
        out += index < (keepFrom[g] as number) ? '*' : text.slice(j, j + charWidth(text, j))
      }
    } else {
      out += text.slice(group.start, group.end)
    }
    if (next !== undefined) out += text.slice(group.end, next.start)
  }
  return out
}

/**
 * NIP, NIK or typo of one (15–20 digits); +<8–15 digits>; Indonesian mobile numbers written
 * 08…/628… (9–15 digits) or without the leading 0/62, 8… (9–12 digits).
 */
function isPersonalDigits(digits: number, lead: string, plusPrefix: boolean): boolean {
  if (digits >= 15 && digits <= MAX_PERSONAL_DIGITS) return true
  if (plusPrefix) return digits >= 8 && digits <= 15
  if (lead.startsWith('08') || lead.startsWith('628')) return digits >= 9 && digits <= 15
  return lead.startsWith('8') && digits >= 9 && digits <= 12
}

/** The first `count` digits of a group, as ASCII ('?' for a digit without an ASCII twin). */
function leadingDigits(text: string, group: Group, count: number): string {
  let lead = ''
  for (let j = group.start; j < group.end && lead.length < count; j += charWidth(text, j))
    lead += asciiDigit(text, j)
  return lead
}

/** A '+' among the (at most two) '(' and '+' right before the first digit: "+62 …", "(+62) …". */
function hasPlusPrefix(text: string, i: number): boolean {
  const a = text.charCodeAt(i - 1)
  const b = text.charCodeAt(i - 2)
  return a === 0x2b || (a === 0x28 && b === 0x2b)
}

// ---------------------------------------------------------------------------------------------
// Characters

const isAsciiDigit = (c: number): boolean => c >= 0x30 && c <= 0x39
const isAsciiAlnum = (c: number): boolean =>
  isAsciiDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
const isWordChar = (c: number): boolean => isAsciiAlnum(c) || c === 0x5f
const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff
const UNICODE_DIGIT = /^\p{Nd}$/u
const charWidth = (text: string, i: number): number =>
  isHighSurrogate(text.charCodeAt(i)) && i + 1 < text.length ? 2 : 1

/** Any decimal digit: ASCII, full-width (U+FF10–FF19) or another script's (Unicode Nd). */
function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  if (c < 0x80) return isAsciiDigit(c)
  if (c >= 0xff10 && c <= 0xff19) return true
  return UNICODE_DIGIT.test(text.slice(i, i + charWidth(text, i)))
}

function asciiDigit(text: string, i: number): string {
  const c = text.charCodeAt(i)
  if (isAsciiDigit(c)) return text.charAt(i)
  const folded = text.slice(i, i + charWidth(text, i)).normalize('NFKC')
  return folded.length === 1 && isAsciiDigit(folded.charCodeAt(0)) ? folded : '?'
}

/** White space of any kind: space, tab, line breaks, no-break and other Unicode spaces. */
function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  )
}

/** What people put between digit groups: white space, . / ( ) and dashes (ASCII, Unicode, full-width). */
function isSeparator(c: number): boolean {
  return (
    isSpace(c) ||
    c === 0x2e ||
    c === 0x2f ||
    c === 0x28 ||
    c === 0x29 ||
    c === 0x2d ||
    (c >= 0x2010 && c <= 0x2015) ||
    c === 0x2212 ||
    c === 0xff08 ||
    c === 0xff09 ||
    (c >= 0xff0d && c <= 0xff0f)
  )
}

// ---------------------------------------------------------------------------------------------
// JSON log lines

/**
 * Masks a serialized JSON log line: string contents through maskPersonalData (escapes such as
 * \t and \n decoded first, so "1985…\t2010…" is seen as the number it is), and bare number tokens
 * that look like personal numbers become the masked string (keeps the line valid JSON).
 */
export function maskJsonLine(line: string): string {
  // Every log line passes here, and most hold nothing to mask: the line is only copied when a
  // part of it changes, and a string with no digit, no '@', no escape and no non-ASCII character
  // (where a Unicode digit could hide) is passed over without calling the masker.
  let out = ''
  let copied = 0
  let i = 0
  const n = line.length
  while (i < n) {
    const c = line.charCodeAt(i)
    if (c === 0x22 /* " */) {
      let j = i + 1
      let escaped = false
      let suspect = false
      for (; j < n; j++) {
        const d = line.charCodeAt(j)
        if (d === 0x22) break
        if (d === 0x5c /* \ */) {
          escaped = true
          j++
        } else if (isAsciiDigit(d) || d === 0x40 /* @ */ || d >= 0x80) suspect = true
      }
      const length = j - i - 1
      if (escaped || suspect || length > MAX_MASKED_LENGTH) {
        const raw = line.slice(i + 1, j)
        const masked = maskJsonString(raw, escaped)
        if (masked !== raw) {
          out += line.slice(copied, i + 1) + masked
          copied = j
        }
      }
      i = j + 1
    } else if (c === 0x2d /* - */ || isAsciiDigit(c)) {
      let j = i + 1
      let digitsOnly = c !== 0x2d
      for (; j < n; j++) {
        const d = line.charCodeAt(j)
        if (isAsciiDigit(d)) continue
        if (d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) digitsOnly = false
        else break
      }
      if (digitsOnly && isPersonalDigits(j - i, line.slice(i, i + 3), false)) {
        out += `${line.slice(copied, i)}"${maskNumbers(line.slice(i, j))}"`
        copied = j
      }
      i = j
    } else {
      i++
    }
  }
  return copied === 0 ? line : out + line.slice(copied)
}

/** The content of a JSON string (between its quotes), masked and still validly escaped. */
function maskJsonString(raw: string, escaped: boolean): string {
  if (!escaped) return maskPersonalData(raw)
  let decoded: string
  try {
    decoded = JSON.parse(`"${raw}"`) as string
  } catch {
    return maskPersonalData(raw)
  }
  const masked = maskPersonalData(decoded)
  return masked === decoded ? raw : JSON.stringify(masked).slice(1, -1)
}
