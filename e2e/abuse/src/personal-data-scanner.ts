/**
 * Finds personal data in log text in any spelling a person (or an attacker) might use: NIP
 * (18 digits), NIK (16 digits), Indonesian mobile numbers (+62 / 62 / 0 / bare 8…) and e-mail
 * addresses, with digits split by spaces, tabs, newlines (also as JSON escapes), dots, dashes,
 * non-breaking spaces, or written full-width. Independent of the product's log masker on purpose:
 * it is the referee, not the player.
 *
 * Not flagged: ticket numbers (TIK-YYYYMMDD-NNNN), dates and times, request ids, epoch
 * timestamps, version numbers, masked values ("1985***********001", "b***@example.go.id").
 */

export type Finding = {
  kind: 'nip' | 'nik' | 'phone' | 'email' | 'long-digit-run'
  excerpt: string
}

/** Decodes JSON string escapes that hide characters (\uXXXX, \n, \t, \r) so they are seen as written. */
function decodeEscapes(line: string): string {
  return line
    .replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\[ntr]/g, ' ')
}

/** NFKC turns full-width and other compatibility digits into ASCII and NBSP-like spaces into spaces. */
export function normaliseForScan(line: string): string {
  return decodeEscapes(line)
    .normalize('NFKC')
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000]/g, ' ')
}

/**
 * Runs of digits with up to 3 separator characters between consecutive digits (wide spacing,
 * "1985 0315 2010 01 1 001", "0812-3456-7890"); a leading "+" is kept for phones.
 */
const DIGIT_RUN = /(\+?)(\d(?:[ \t.\-\u2010-\u2015]{0,3}\d)*)/g
const WORD_CHAR = /[A-Za-z0-9_]/
const LOCAL_CHAR = /[A-Za-z0-9._%+-]/
const DOMAIN = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/
/** Things that look like numbers but are ours: ticket numbers, ISO dates/times. */
const OURS = [
  /TIK-\d{8}-\d{4,}/g,
  /\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:Z|[+-]\d\d:?\d\d)?/g,
  /\b\d{4}-\d\d-\d\d\b(?![-. \t]?\d)/g,
  /\b\d\d:\d\d:\d\d(?:[.,]\d+)?\b/g
]

const validDate = (year: number, month: number, day: number): boolean =>
  month >= 1 && month <= 12 && day >= 1 && day <= 31 && year >= 1900 && year <= 2100

/** The number written by `length` digits of `d` from `at` (no substring allocation: runs can be megabytes). */
function num(d: string, at: number, length: number): number {
  let n = 0
  for (let i = at; i < at + length; i++) n = n * 10 + d.charCodeAt(i) - 48
  return n
}

/** NIP at `at`: birth date YYYYMMDD, appointment YYYYMM, sex 1/2, 3-digit sequence (the NIP rules of packages/helpdesk-core/src/identity/nip.ts). */
export function looksLikeNip(d: string, at = 0): boolean {
  if (at === 0 && !/^\d{18}$/.test(d)) return false
  const ay = num(d, at + 8, 4)
  const am = num(d, at + 12, 2)
  const sex = d.charCodeAt(at + 14) - 48
  return (
    validDate(num(d, at, 4), num(d, at + 4, 2), num(d, at + 6, 2)) &&
    ay >= 1960 &&
    ay <= 2100 &&
    am >= 1 &&
    am <= 12 &&
    (sex === 1 || sex === 2)
  )
}

/** NIK at `at`: province 11–94, regency, district, DDMMYY (day + 40 for women), 4-digit sequence. */
export function looksLikeNik(d: string, at = 0): boolean {
  if (at === 0 && !/^\d{16}$/.test(d)) return false
  const province = num(d, at, 2)
  const day = num(d, at + 6, 2) % 40
  const month = num(d, at + 8, 2)
  return (
    province >= 11 &&
    province <= 94 &&
    day >= 1 &&
    day <= 31 &&
    month >= 1 &&
    month <= 12 &&
    num(d, at + 12, 4) !== 0
  )
}

/** Indonesian mobile numbers: +62 8…, 62 8…, 08…, or bare 8… (what the bot accepts). */
export function looksLikePhone(plus: string, d: string): boolean {
  if (/^628[1-9]\d{7,10}$/.test(d)) return true
  if (/^08[1-9]\d{7,10}$/.test(d)) return true
  if (plus === '+' && /^62\d{8,12}$/.test(d)) return true
  return /^8[1-9]\d{8,10}$/.test(d)
}

/** Every finding in one log line. */
export function scanLine(line: string): Finding[] {
  let text = normaliseForScan(line)
  const findings: Finding[] = []
  findings.push(...emails(text))
  for (const ours of OURS) text = text.replace(ours, (m) => m.replace(/\d/g, '#'))
  for (const match of text.matchAll(DIGIT_RUN)) {
    const plus = match[1] ?? ''
    const run = match[2] ?? ''
    const start = match.index
    // A phone-shaped run inside a word ("a81234567890f") is a hex id, not a number someone typed.
    const inWord =
      WORD_CHAR.test(text.charAt(start - 1)) || WORD_CHAR.test(text.charAt(start + match[0].length))
    // "1764430512.873458" is a decimal (a timestamp), not one number written with a dot. Its
    // fraction is no phone number either ("responseTime":89.0890989999989 is not 0890-…), but
    // may still be checked for a NIP or NIK.
    const decimal = /^\d+\.\d+$/.test(run)
    const parts = decimal ? run.split('.') : [run]
    parts.forEach((part, index) => {
      const kind = classify(plus, part.replace(/\D/g, ''), inWord || (decimal && index === 1))
      if (kind !== undefined) findings.push({ kind, excerpt: match[0] })
    })
  }
  return findings
}

/**
 * E-mail addresses, found from each "@" outwards (local part up to 64 characters, domain up to
 * 255), so a megabyte-long line costs linear time, not a regex's backtracking.
 */
function emails(text: string): Finding[] {
  const found: Finding[] = []
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at
    while (start > 0 && at - start < 64 && LOCAL_CHAR.test(text.charAt(start - 1))) start--
    while (start < at && !/[A-Za-z0-9]/.test(text.charAt(start))) start++
    if (start === at) continue
    const domain = DOMAIN.exec(text.slice(at + 1, at + 256))
    if (domain !== null)
      found.push({ kind: 'email', excerpt: text.slice(start, at + 1 + domain[0].length) })
  }
  return found
}

function classify(plus: string, digits: string, inWord: boolean): Finding['kind'] | undefined {
  if (digits.length < 9) return undefined
  if (!inWord && looksLikePhone(plus, digits)) return 'phone'
  if (digits.length === 18 && looksLikeNip(digits)) return 'nip'
  if (digits.length === 16 && looksLikeNik(digits)) return 'nik'
  if (digits.length > 18) {
    // A longer run may hide a NIP or NIK (typed next to other digits); look inside it.
    for (let i = 0; i + 16 <= digits.length; i++) {
      if (i + 18 <= digits.length && looksLikeNip(digits, i)) return 'nip'
      if (looksLikeNik(digits, i)) return 'nik'
    }
  }
  return undefined
}

/** Shows where a finding is without repeating it: digits beyond the first 4 become "#". */
export function redact(excerpt: string): string {
  let seen = 0
  return excerpt
    .replace(/\d/g, (d) => (++seen <= 4 ? d : '#'))
    .replace(/^([^@]{0,2})[^@]*@/, '$1***@')
}
