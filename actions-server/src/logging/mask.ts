/**
 * Masks personal numbers in free text: NIP (18 digits), NIK (16 digits) — and, to cover typos,
 * any 15–20 digit number — and phone numbers (Indonesian mobile 08…/628…/+628…, or any
 * +<8–15 digits>), also when written with spaces or dashes between digit groups. All digits but
 * the last four become `*`, so a log reader can tell two numbers apart without learning either.
 */

// A digit run whose groups may be separated by single spaces or dashes, optionally led by '+'.
const DIGIT_SEQUENCE = /(?<![\d+])\+?\d(?:[ -]?\d)*(?!\d)/g

export function maskPersonalData (text: string): string {
  if (!/\d/.test(text)) return text
  return text.replace(DIGIT_SEQUENCE, maskSequence)
}

/** The whole sequence if it is one personal number, else each space-separated part on its own. */
function maskSequence (match: string): string {
  if (isPersonalNumber(match)) return maskDigits(match)
  if (!match.includes(' ')) return match
  return match.split(' ').map((part) => (isPersonalNumber(part) ? maskDigits(part) : part)).join(' ')
}

function isPersonalNumber (match: string): boolean {
  const digits = match.replace(/\D/g, '')
  if (digits.length >= 15 && digits.length <= 20) return true
  if (match.startsWith('+')) return digits.length >= 8 && digits.length <= 15
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
