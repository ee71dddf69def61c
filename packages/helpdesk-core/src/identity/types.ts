export type Gender = 'laki-laki' | 'perempuan'

export interface CalendarDate {
  year: number
  month: number
  day: number
}

/** An 18-digit NIP of a PNS, or an NI PPPK (same length, different middle block). */
export interface ParsedNip {
  kind: 'nip' | 'pppk'
  digits: string
  birthDate: CalendarDate
  /** Year (and, for a PNS, month) of the first appointment (TMT CPNS / PPPK). */
  appointment: { year: number; month?: number }
  gender: Gender
}

export interface ParsedNik {
  kind: 'nik'
  digits: string
  provinceCode: string
  provinceName: string
  birthDate: CalendarDate
  gender: Gender
}

export type ParsedIdentity = ParsedNip | ParsedNik

/** Why a number was rejected; `message` is the Indonesian sentence shown to the user. */
export type IdentityErrorCode =
  | 'empty'
  | 'no_number'
  | 'not_digits'
  | 'wrong_length'
  | 'old_nip'
  | 'nik_not_accepted'
  | 'nip_birth_date'
  | 'nip_birth_year'
  | 'nip_appointment_month'
  | 'nip_appointment_too_early'
  | 'nip_appointment_future'
  | 'pppk_appointment_year'
  | 'nip_gender'
  | 'nip_sequence'
  | 'nik_province'
  | 'nik_regency'
  | 'nik_district'
  | 'nik_birth_date'
  | 'nik_sequence'

export interface IdentityError {
  code: IdentityErrorCode
  message: string
}

export type IdentityResult<T = ParsedIdentity> =
  { ok: true; identity: T } | { ok: false; error: IdentityError }
