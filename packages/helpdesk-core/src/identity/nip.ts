import { isRealDate, monthIndex } from '../time/calendar'
import { reject as fail } from './reject'
import type { IdentityResult, ParsedNip } from './types'

/** Lowest birth year accepted: retirees keep their NIP, so the window is generous. */
const MIN_BIRTH_YEAR = 1930
/** The first PPPK were appointed in 2019 (PP 49/2018). */
const FIRST_PPPK_YEAR = 2019
/** An NIP is issued shortly before the appointment date, never years ahead. */
const MAX_MONTHS_AHEAD = 12

/**
 * Checks the structure of an 18-digit NIP (PNS: `YYYYMMDD YYYYMM G NNN`) or NI PPPK
 * (`YYYYMMDD YYYY CC G NNN`, CC 21–29). `digits` must already be 18 bare digits.
 */
export function checkNipDigits(digits: string, now: Date): IdentityResult<ParsedNip> {
  const birthDate = {
    year: Number(digits.slice(0, 4)),
    month: Number(digits.slice(4, 6)),
    day: Number(digits.slice(6, 8))
  }
  const thisYear = now.getUTCFullYear()
  if (!isRealDate(birthDate)) {
    return fail(
      'nip_birth_date',
      'Digit 1–8 NIP adalah tanggal lahir (tahun, bulan, tanggal), tetapi yang Anda kirim bukan tanggal yang ada. Mohon periksa kembali.'
    )
  }
  if (birthDate.year < MIN_BIRTH_YEAR || birthDate.year > thisYear - 17) {
    return fail(
      'nip_birth_year',
      `Tahun lahir pada NIP (digit 1–4) harus antara ${MIN_BIRTH_YEAR} dan ${thisYear - 17}. Mohon periksa kembali.`
    )
  }
  const appointmentYear = Number(digits.slice(8, 12))
  const middle = Number(digits.slice(12, 14))
  const genderDigit = digits[14]
  let kind: ParsedNip['kind']
  let appointmentMonth: number | undefined
  if (middle >= 1 && middle <= 12) {
    kind = 'nip'
    appointmentMonth = middle
  } else if (middle >= 21 && middle <= 29) {
    kind = 'pppk'
  } else {
    return fail(
      'nip_appointment_month',
      'Digit 13–14 NIP adalah bulan pengangkatan (01–12), atau kode 21–29 untuk NI PPPK; yang Anda kirim tidak sesuai. Mohon periksa kembali.'
    )
  }
  const nowIndex = monthIndex(thisYear, now.getUTCMonth() + 1)
  const appointmentIndex = monthIndex(appointmentYear, appointmentMonth ?? 1)
  const eighteenthBirthday = monthIndex(birthDate.year + 18, birthDate.month)
  if (kind === 'pppk' && (appointmentYear < FIRST_PPPK_YEAR || appointmentYear > thisYear + 1)) {
    return fail(
      'pppk_appointment_year',
      `Digit 9–12 NI PPPK adalah tahun pengangkatan PPPK (${FIRST_PPPK_YEAR}–${thisYear + 1}); yang Anda kirim tidak sesuai. Mohon periksa kembali.`
    )
  }
  if (kind === 'nip' && appointmentIndex > nowIndex + MAX_MONTHS_AHEAD) {
    return fail(
      'nip_appointment_future',
      'Digit 9–14 NIP adalah tahun dan bulan pengangkatan CPNS, tetapi yang Anda kirim masih jauh di masa depan. Mohon periksa kembali.'
    )
  }
  const tooEarly =
    kind === 'nip' ? appointmentIndex < eighteenthBirthday : appointmentYear < birthDate.year + 18
  if (tooEarly) {
    return fail(
      'nip_appointment_too_early',
      'Tahun pengangkatan pada NIP (digit 9–14) lebih awal dari usia 18 tahun pemiliknya (digit 1–8). Mohon periksa kembali.'
    )
  }
  if (genderDigit !== '1' && genderDigit !== '2') {
    return fail(
      'nip_gender',
      'Digit ke-15 NIP adalah kode jenis kelamin dan hanya boleh 1 atau 2. Mohon periksa kembali.'
    )
  }
  if (digits.slice(15) === '000') {
    return fail(
      'nip_sequence',
      'Tiga digit terakhir NIP adalah nomor urut dan tidak boleh 000. Mohon periksa kembali.'
    )
  }
  return {
    ok: true,
    identity: {
      kind,
      digits,
      birthDate,
      appointment:
        appointmentMonth === undefined
          ? { year: appointmentYear }
          : { year: appointmentYear, month: appointmentMonth },
      gender: genderDigit === '1' ? 'laki-laki' : 'perempuan'
    }
  }
}
