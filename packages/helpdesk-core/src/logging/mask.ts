/**
 * Masks personal numbers in free text: NIP (18 digits), NIK (16 digits) — and, to cover typos,
 * any 15–20 digit number — and phone numbers (Indonesian mobile 08…/628…/+628…, or any
 * +<8–15 digits>), also when written with spaces, dots, dashes, slashes or parentheses between
 * digit groups ("19850315.201001.1.001", "(0856) 0000 0001", "+62 856-0000-0001"). All digits
 * but the last four become `*`, so a log reader can tell two numbers apart without learning either.
 * Dates ("2026-11-25"), times and ticket numbers ("TIK-20261125-0001") stay readable: they are
 * too short for the rules above, and a ticket number is matched as a whole and left alone.
 */

// A ticket number, left as it is (its digits must not start or join a personal number).
const TICKET = String.raw`\bTIK-\d{8}-\d+\b`
// A digit run whose groups may be separated by up to three spaces, dots, dashes, slashes or
// parentheses in any mix, optionally led by '+' and/or '('.
const DIGITS = String.raw`(?<![\d+(])[(+]{0,2}\d(?:[ .\/()-]{0,3}\d)*(?!\d)`
const SEQUENCE = new RegExp(`${TICKET}|${DIGITS}`, 'g')
const SPACES = /(\s+)/
const OTHER_SEPARATORS = /([./()-]+)/

export function maskPersonalData (text: string): string {
  if (!/\d/.test(text)) return text
  return text.replace(SEQUENCE, maskSequence)
}

/**
 * The whole sequence if it is one personal number; else the longest personal runs of its
 * space-separated groups; a group left over is tried once more split at its other separators.
 */
function maskSequence (match: string): string {
  if (match.startsWith('TIK-')) return match
  if (isPersonalNumber(match)) return maskDigits(match)
  return maskRuns(match.split(SPACES), (part) => maskRuns(part.split(OTHER_SEPARATORS), (x) => x))
}

/**
 * `pieces` alternates content and separator (as String.split with a capture group returns it).
 * From each content piece on, the longest run of pieces that is one personal number is masked.
 */
function maskRuns (pieces: string[], leftover: (piece: string) => string): string {
  if (pieces.length <= 1) return leftover(pieces[0] ?? '')
  let out = ''
  let i = 0
  while (i < pieces.length) {
    let masked = false
    for (let j = pieces.length - 1; j >= i; j -= 2) {
      const run = pieces.slice(i, j + 1).join('')
      if (/\d/.test(run) && isPersonalNumber(run)) {
        out += maskDigits(run)
        i = j + 1
        masked = true
        break
      }
    }
    if (masked) continue
    out += leftover(pieces[i] ?? '')
    out += pieces[i + 1] ?? ''
    i += 2
  }
  return out
}

function isPersonalNumber (match: string): boolean {
  const digits = match.replace(/\D/g, '')
  if (digits.length >= 15 && digits.length <= 20) return true
  if (/^\(?\+/.test(match)) return digits.length >= 8 && digits.length <= 15
  return digits.length >= 9 && digits.length <= 15 && (digits.startsWith('08') || digits.startsWith('628'))
}

function maskDigits (match: string): string {
  let keep = 4
  let out = ''
  for (let i = match.length - 1; i >= 0; i--) {
    const ch = match.charAt(i)
    if (/\d/.test(ch)) {
      out = (keep > 0 ? ch : '*') + out
      keep--
    } else {
      out = ch + out
    }
  }
  return out
}

/**
 * Masks a serialized JSON log line: string contents through maskPersonalData, and bare number
 * tokens that look like personal numbers become the masked string (keeps the line valid JSON).
 */
export function maskJsonLine (line: string): string {
  let out = ''
  let i = 0
  const n = line.length
  while (i < n) {
    const ch = line.charAt(i)
    if (ch === '"') {
      let j = i + 1
      while (j < n && line.charAt(j) !== '"') j += line.charAt(j) === '\\' ? 2 : 1
      out += '"' + maskPersonalData(line.slice(i + 1, j)) + '"'
      i = j + 1
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      let j = i + 1
      while (j < n && /[0-9.eE+-]/.test(line.charAt(j))) j++
      const token = line.slice(i, j)
      out += /^\d+$/.test(token) && isPersonalNumber(token) ? `"${maskDigits(token)}"` : token
      i = j
    } else {
      out += ch
      i++
    }
  }
  return out
}
