import { isRealDate } from '../time/calendar'
import { PROVINCES } from './provinces'
import { reject as fail } from './reject'
import type { IdentityResult, ParsedNik } from './types'

/**
 * Checks the structure of a 16-digit NIK `PP KK CC DDMMYY NNNN` (day + 40 for women). There is no
 * check digit, so only region, date and sequence can be checked. `digits` must be 16 bare digits.
 */
export function checkNikDigits(digits: string, now: Date): IdentityResult<ParsedNik> {
  const provinceCode = digits.slice(0, 2)
  const provinceName = PROVINCES[provinceCode]
  if (provinceName === undefined) {
    return fail(
      'nik_province',
      'Dua digit pertama NIK adalah kode provinsi, tetapi kode yang Anda kirim tidak dikenal. Mohon periksa kembali.'
    )
  }
  if (digits.slice(2, 4) === '00') {
    return fail(
      'nik_regency',
      'Digit 3–4 NIK adalah kode kabupaten/kota dan tidak boleh 00. Mohon periksa kembali.'
    )
  }
  if (digits.slice(4, 6) === '00') {
    return fail(
      'nik_district',
      'Digit 5–6 NIK adalah kode kecamatan dan tidak boleh 00. Mohon periksa kembali.'
    )
  }
  const rawDay = Number(digits.slice(6, 8))
  const female = rawDay > 40
  const day = female ? rawDay - 40 : rawDay
  const month = Number(digits.slice(8, 10))
  const yy = Number(digits.slice(10, 12))
  const currentYy = now.getUTCFullYear() % 100
  const year = (yy <= currentYy ? 2000 : 1900) + yy
  const birthDate = { year, month, day }
  if (!isRealDate(birthDate)) {
    return fail(
      'nik_birth_date',
      'Digit 7–12 NIK adalah tanggal lahir (TTBBTT; untuk perempuan tanggal ditambah 40), tetapi yang Anda kirim bukan tanggal yang ada. Mohon periksa kembali.'
    )
  }
  if (digits.slice(12) === '0000') {
    return fail(
      'nik_sequence',
      'Empat digit terakhir NIK adalah nomor urut dan tidak boleh 0000. Mohon periksa kembali.'
    )
  }
  return {
    ok: true,
    identity: {
      kind: 'nik',
      digits,
      provinceCode,
      provinceName,
      birthDate,
      gender: female ? 'perempuan' : 'laki-laki'
    }
  }
}
