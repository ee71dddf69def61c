/** Separators users type inside identity numbers: spaces, dots, dashes (incl. en dash), slashes. */
const SEPARATORS = /[\s.\-–/]+/g
/** A run of digits possibly broken by separators, e.g. "19860926 201505 1 001". */
const DIGIT_RUN = /\d(?:[\s.\-–/]*\d)*/g

export type NormalizedInput =
  | { kind: 'digits'; digits: string }
  | { kind: 'empty' }
  | { kind: 'no_number' }
  | { kind: 'not_digits' }

/**
 * Turns what the user typed ("NIP: 19860926 201505 1 001", "nik 3204-1106-0997-0001") into bare
 * digits. A message with several numbers yields the longest one (a sentence like
 * "sudah 2 tahun, nip 1986…" must still find the NIP).
 */
export function normalizeIdentityInput(raw: unknown): NormalizedInput {
  if (typeof raw !== 'string' && typeof raw !== 'number') return { kind: 'empty' }
  const text = String(raw).trim()
  if (text === '') return { kind: 'empty' }
  const runs = text.match(DIGIT_RUN)
  if (runs === null) return { kind: 'no_number' }
  const candidates = runs.map((run) => run.replace(SEPARATORS, ''))
  const longest = candidates.reduce((a, b) => (b.length > a.length ? b : a))
  // Letters glued to the digits ("19860926x01") are a typo, not a sentence around a number.
  if (/\d[a-z]|[a-z]\d/i.test(text.replace(/^\s*(nip|nik|ni\s*pppk)\s*[:.]?/i, '')))
    return { kind: 'not_digits' }
  return { kind: 'digits', digits: longest }
}
