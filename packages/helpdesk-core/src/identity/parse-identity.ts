import { checkNikDigits } from './nik'
import { checkNipDigits } from './nip'
import { normalizeIdentityInput } from './normalize'
import { reject } from './reject'
import type { IdentityResult, ParsedNik, ParsedNip } from './types'

export interface ParseOptions {
  /** Whether a NIK is an acceptable answer (TTE registration) or only an NIP is. */
  acceptNik: boolean
  now: Date
}

const OLD_NIP_LENGTH = 9

/**
 * Parses what the user typed as an NIP / NI PPPK (18 digits) or, when allowed, an NIK (16 digits).
 * Every rejection carries the precise Indonesian reason, e.g.
 * "NIP harus 18 digit; yang Anda kirim 17 digit."
 */
export function parseIdentity(raw: unknown, options: ParseOptions): IdentityResult {
  const expected = options.acceptNik ? 'NIP (18 digit) atau NIK (16 digit)' : 'NIP (18 digit)'
  const input = normalizeIdentityInput(raw)
  switch (input.kind) {
    case 'empty':
      return reject('empty', `Saya belum menerima nomornya. Silakan kirim ${expected}.`)
    case 'no_number':
      return reject(
        'no_number',
        `Saya tidak menemukan nomor pada pesan Anda. Silakan kirim ${expected}, contoh: 19850315 201001 1 001.`
      )
    case 'not_digits':
      return reject(
        'not_digits',
        `${options.acceptNik ? 'NIP atau NIK' : 'NIP'} hanya boleh berisi angka; spasi, titik, dan tanda hubung boleh dipakai sebagai pemisah. Mohon periksa kembali.`
      )
    case 'digits':
      break
  }
  const { digits } = input
  if (digits.length === 18) return checkNipDigits(digits, options.now) as IdentityResult<ParsedNip>
  if (digits.length === 16) {
    if (options.acceptNik) return checkNikDigits(digits, options.now) as IdentityResult<ParsedNik>
    return reject(
      'nik_not_accepted',
      'Nomor 16 digit yang Anda kirim tampaknya NIK. Untuk layanan ini kami memerlukan NIP 18 digit.'
    )
  }
  if (digits.length === OLD_NIP_LENGTH) {
    return reject(
      'old_nip',
      'Nomor 9 digit yang Anda kirim tampaknya NIP lama. NIP lama sudah diganti NIP baru 18 digit sejak 2009; silakan kirim NIP 18 digit Anda.'
    )
  }
  const got = `yang Anda kirim ${digits.length} digit`
  return reject(
    'wrong_length',
    options.acceptNik
      ? `NIP harus 18 digit atau NIK 16 digit; ${got}.`
      : `NIP harus 18 digit; ${got}.`
  )
}
