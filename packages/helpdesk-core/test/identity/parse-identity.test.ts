import { parseIdentity } from '../../src/identity'
import type { IdentityErrorCode, ParsedIdentity } from '../../src/identity'

const now = new Date('2026-06-15T08:00:00Z')
const nipOnly = { acceptNik: false, now }
const nipOrNik = { acceptNik: true, now }

describe('parseIdentity: accepted numbers', () => {
  const cases: Array<[string, string, typeof nipOnly, Partial<ParsedIdentity>]> = [
    [
      'bare PNS NIP',
      '198503152010011001',
      nipOnly,
      {
        kind: 'nip',
        digits: '198503152010011001',
        gender: 'laki-laki',
        birthDate: { year: 1985, month: 3, day: 15 },
        appointment: { year: 2010, month: 1 }
      }
    ],
    [
      'NIP with spaces',
      '19850315 201001 1 001',
      nipOnly,
      { kind: 'nip', digits: '198503152010011001' }
    ],
    [
      'NIP with dots',
      '19850315.201001.1.001',
      nipOnly,
      { kind: 'nip', digits: '198503152010011001' }
    ],
    [
      'NIP with dashes',
      '19850315-201001-1-001',
      nipOnly,
      { kind: 'nip', digits: '198503152010011001' }
    ],
    [
      'NIP with a label',
      'NIP: 19850315 201001 1 001',
      nipOnly,
      { kind: 'nip', digits: '198503152010011001' }
    ],
    [
      'NIP inside a sentence',
      'nip saya 19860926 201505 1 001 ya min',
      nipOnly,
      { kind: 'nip', digits: '198609262015051001' }
    ],
    [
      'NIP with a glued label',
      'nip198609262015051001',
      nipOnly,
      { kind: 'nip', digits: '198609262015051001' }
    ],
    [
      'NI PPPK (code 21), woman',
      '19931228 2025 21 2 001',
      nipOnly,
      { kind: 'pppk', gender: 'perempuan', appointment: { year: 2025 } }
    ],
    [
      'NIP of someone born on a leap day',
      '200002292020012002',
      nipOnly,
      { kind: 'nip', gender: 'perempuan', birthDate: { year: 2000, month: 2, day: 29 } }
    ],
    [
      'NIP appointed in the month of the 18th birthday',
      '199005102008051001',
      nipOnly,
      { kind: 'nip', appointment: { year: 2008, month: 5 } }
    ],
    [
      'NIP appointed within the next 12 months',
      '199801012027011001',
      nipOnly,
      { kind: 'nip', appointment: { year: 2027, month: 1 } }
    ],
    ['NIP when NIK is also accepted', '198503152010011001', nipOrNik, { kind: 'nip' }],
    [
      'NIK of a man',
      '3603121503850001',
      nipOrNik,
      {
        kind: 'nik',
        provinceName: 'Banten',
        gender: 'laki-laki',
        birthDate: { year: 1985, month: 3, day: 15 }
      }
    ],
    [
      'NIK of a woman (day + 40)',
      '3204115609970001',
      nipOrNik,
      {
        kind: 'nik',
        provinceName: 'Jawa Barat',
        gender: 'perempuan',
        birthDate: { year: 1997, month: 9, day: 16 }
      }
    ],
    [
      'NIK with spaces',
      '3204 1156 0997 0001',
      nipOrNik,
      { kind: 'nik', digits: '3204115609970001' }
    ],
    [
      'NIK with a label and dashes',
      'nik 3204-1156-0997-0001',
      nipOrNik,
      { kind: 'nik', digits: '3204115609970001' }
    ],
    [
      'NIK born in the 2000s',
      '3173014101050001',
      nipOrNik,
      {
        kind: 'nik',
        provinceName: 'DKI Jakarta',
        gender: 'perempuan',
        birthDate: { year: 2005, month: 1, day: 1 }
      }
    ],
    [
      'NIK from Papua Barat Daya (code 96)',
      '9601011201900001',
      nipOrNik,
      { kind: 'nik', provinceName: 'Papua Barat Daya' }
    ]
  ]
  it.each(cases)(
    'When the user sends %s, then it is accepted',
    (_label, input, options, expected) => {
      const result = parseIdentity(input, options)
      expect(result).toEqual({ ok: true, identity: expect.objectContaining(expected) })
    }
  )
})

describe('parseIdentity: rejected numbers, each with its own reason', () => {
  const cases: Array<[string, unknown, typeof nipOnly, IdentityErrorCode, string]> = [
    [
      'nothing',
      '',
      nipOnly,
      'empty',
      'Saya belum menerima nomornya. Silakan kirim NIP (18 digit).'
    ],
    [
      'a non-string slot value',
      null,
      nipOrNik,
      'empty',
      'Saya belum menerima nomornya. Silakan kirim NIP (18 digit) atau NIK (16 digit).'
    ],
    [
      'text without a number',
      'halo min',
      nipOnly,
      'no_number',
      'Saya tidak menemukan nomor pada pesan Anda. Silakan kirim NIP (18 digit), contoh: 19850315 201001 1 001.'
    ],
    [
      '17 digits',
      '19850315 201001 1 00',
      nipOnly,
      'wrong_length',
      'NIP harus 18 digit; yang Anda kirim 17 digit.'
    ],
    [
      '19 digits',
      '1985031520100110011',
      nipOnly,
      'wrong_length',
      'NIP harus 18 digit; yang Anda kirim 19 digit.'
    ],
    [
      '17 digits when NIK is accepted',
      '19850315201001100',
      nipOrNik,
      'wrong_length',
      'NIP harus 18 digit atau NIK 16 digit; yang Anda kirim 17 digit.'
    ],
    [
      '15 digits when NIK is accepted',
      '360312150385000',
      nipOrNik,
      'wrong_length',
      'NIP harus 18 digit atau NIK 16 digit; yang Anda kirim 15 digit.'
    ],
    [
      'an old 9-digit NIP',
      '131110468',
      nipOnly,
      'old_nip',
      'Nomor 9 digit yang Anda kirim tampaknya NIP lama. NIP lama sudah diganti NIP baru 18 digit sejak 2009; silakan kirim NIP 18 digit Anda.'
    ],
    [
      'a NIK where only an NIP is accepted',
      '3603121503850001',
      nipOnly,
      'nik_not_accepted',
      'Nomor 16 digit yang Anda kirim tampaknya NIK. Untuk layanan ini kami memerlukan NIP 18 digit.'
    ],
    [
      'a letter O instead of a zero',
      '19850315 2010O1 1 001',
      nipOnly,
      'not_digits',
      'NIP hanya boleh berisi angka; spasi, titik, dan tanda hubung boleh dipakai sebagai pemisah. Mohon periksa kembali.'
    ],
    [
      'February 30 as birth date',
      '198502302010011001',
      nipOnly,
      'nip_birth_date',
      'Digit 1–8 NIP adalah tanggal lahir (tahun, bulan, tanggal), tetapi yang Anda kirim bukan tanggal yang ada. Mohon periksa kembali.'
    ],
    [
      'month 13 as birth month',
      '198513012010011001',
      nipOnly,
      'nip_birth_date',
      'Digit 1–8 NIP adalah tanggal lahir (tahun, bulan, tanggal), tetapi yang Anda kirim bukan tanggal yang ada. Mohon periksa kembali.'
    ],
    [
      'February 29 of a non-leap year',
      '198502292010011001',
      nipOnly,
      'nip_birth_date',
      'Digit 1–8 NIP adalah tanggal lahir (tahun, bulan, tanggal), tetapi yang Anda kirim bukan tanggal yang ada. Mohon periksa kembali.'
    ],
    [
      'a birth year before 1930',
      '192501012010011001',
      nipOnly,
      'nip_birth_year',
      'Tahun lahir pada NIP (digit 1–4) harus antara 1930 dan 2009. Mohon periksa kembali.'
    ],
    [
      'a birth year of a child',
      '201501012035011001',
      nipOnly,
      'nip_birth_year',
      'Tahun lahir pada NIP (digit 1–4) harus antara 1930 dan 2009. Mohon periksa kembali.'
    ],
    [
      'appointment month 00',
      '198503152010001001',
      nipOnly,
      'nip_appointment_month',
      'Digit 13–14 NIP adalah bulan pengangkatan (01–12), atau kode 21–29 untuk NI PPPK; yang Anda kirim tidak sesuai. Mohon periksa kembali.'
    ],
    [
      'appointment month 13',
      '198503152010131001',
      nipOnly,
      'nip_appointment_month',
      'Digit 13–14 NIP adalah bulan pengangkatan (01–12), atau kode 21–29 untuk NI PPPK; yang Anda kirim tidak sesuai. Mohon periksa kembali.'
    ],
    [
      'PPPK code 30',
      '198503152022301001',
      nipOnly,
      'nip_appointment_month',
      'Digit 13–14 NIP adalah bulan pengangkatan (01–12), atau kode 21–29 untuk NI PPPK; yang Anda kirim tidak sesuai. Mohon periksa kembali.'
    ],
    [
      'an appointment at age 16',
      '198503152002011001',
      nipOnly,
      'nip_appointment_too_early',
      'Tahun pengangkatan pada NIP (digit 9–14) lebih awal dari usia 18 tahun pemiliknya (digit 1–8). Mohon periksa kembali.'
    ],
    [
      'an appointment one month before the 18th birthday',
      '199005102008041001',
      nipOnly,
      'nip_appointment_too_early',
      'Tahun pengangkatan pada NIP (digit 9–14) lebih awal dari usia 18 tahun pemiliknya (digit 1–8). Mohon periksa kembali.'
    ],
    [
      'an appointment years in the future',
      '198503152030011001',
      nipOnly,
      'nip_appointment_future',
      'Digit 9–14 NIP adalah tahun dan bulan pengangkatan CPNS, tetapi yang Anda kirim masih jauh di masa depan. Mohon periksa kembali.'
    ],
    [
      'a PPPK appointed before PPPK existed',
      '199312282015212001',
      nipOnly,
      'pppk_appointment_year',
      'Digit 9–12 NI PPPK adalah tahun pengangkatan PPPK (2019–2027); yang Anda kirim tidak sesuai. Mohon periksa kembali.'
    ],
    [
      'a PPPK appointed at 16',
      '200501012021211001',
      nipOnly,
      'nip_appointment_too_early',
      'Tahun pengangkatan pada NIP (digit 9–14) lebih awal dari usia 18 tahun pemiliknya (digit 1–8). Mohon periksa kembali.'
    ],
    [
      'gender digit 3',
      '198503152010013001',
      nipOnly,
      'nip_gender',
      'Digit ke-15 NIP adalah kode jenis kelamin dan hanya boleh 1 atau 2. Mohon periksa kembali.'
    ],
    [
      'gender digit 0',
      '198503152010010001',
      nipOnly,
      'nip_gender',
      'Digit ke-15 NIP adalah kode jenis kelamin dan hanya boleh 1 atau 2. Mohon periksa kembali.'
    ],
    [
      'sequence 000',
      '198503152010011000',
      nipOnly,
      'nip_sequence',
      'Tiga digit terakhir NIP adalah nomor urut dan tidak boleh 000. Mohon periksa kembali.'
    ],
    [
      'NIK province code 10',
      '1003121503850001',
      nipOrNik,
      'nik_province',
      'Dua digit pertama NIK adalah kode provinsi, tetapi kode yang Anda kirim tidak dikenal. Mohon periksa kembali.'
    ],
    [
      'NIK starting with 0',
      '0603121503850001',
      nipOrNik,
      'nik_province',
      'Dua digit pertama NIK adalah kode provinsi, tetapi kode yang Anda kirim tidak dikenal. Mohon periksa kembali.'
    ],
    [
      'NIK with the BPS-only code 97',
      '9703121503850001',
      nipOrNik,
      'nik_province',
      'Dua digit pertama NIK adalah kode provinsi, tetapi kode yang Anda kirim tidak dikenal. Mohon periksa kembali.'
    ],
    [
      'NIK regency 00',
      '3600121503850001',
      nipOrNik,
      'nik_regency',
      'Digit 3–4 NIK adalah kode kabupaten/kota dan tidak boleh 00. Mohon periksa kembali.'
    ],
    [
      'NIK district 00',
      '3603001503850001',
      nipOrNik,
      'nik_district',
      'Digit 5–6 NIK adalah kode kecamatan dan tidak boleh 00. Mohon periksa kembali.'
    ],
    [
      'NIK day 32',
      '3603123203850001',
      nipOrNik,
      'nik_birth_date',
      'Digit 7–12 NIK adalah tanggal lahir (TTBBTT; untuk perempuan tanggal ditambah 40), tetapi yang Anda kirim bukan tanggal yang ada. Mohon periksa kembali.'
    ],
    [
      'NIK day 40',
      '3603124003850001',
      nipOrNik,
      'nik_birth_date',
      'Digit 7–12 NIK adalah tanggal lahir (TTBBTT; untuk perempuan tanggal ditambah 40), tetapi yang Anda kirim bukan tanggal yang ada. Mohon periksa kembali.'
    ],
    [
      'NIK day 72',
      '3603127203850001',
      nipOrNik,
      'nik_birth_date',
      'Digit 7–12 NIK adalah tanggal lahir (TTBBTT; untuk perempuan tanggal ditambah 40), tetapi yang Anda kirim bukan tanggal yang ada. Mohon periksa kembali.'
    ],
    [
      'NIK month 13',
      '3603121513850001',
      nipOrNik,
      'nik_birth_date',
      'Digit 7–12 NIK adalah tanggal lahir (TTBBTT; untuk perempuan tanggal ditambah 40), tetapi yang Anda kirim bukan tanggal yang ada. Mohon periksa kembali.'
    ],
    [
      'NIK February 29 of 1985',
      '3603122902850001',
      nipOrNik,
      'nik_birth_date',
      'Digit 7–12 NIK adalah tanggal lahir (TTBBTT; untuk perempuan tanggal ditambah 40), tetapi yang Anda kirim bukan tanggal yang ada. Mohon periksa kembali.'
    ],
    [
      'NIK of a woman born February 30',
      '3603127002850001',
      nipOrNik,
      'nik_birth_date',
      'Digit 7–12 NIK adalah tanggal lahir (TTBBTT; untuk perempuan tanggal ditambah 40), tetapi yang Anda kirim bukan tanggal yang ada. Mohon periksa kembali.'
    ],
    [
      'NIK sequence 0000',
      '3603121503850000',
      nipOrNik,
      'nik_sequence',
      'Empat digit terakhir NIK adalah nomor urut dan tidak boleh 0000. Mohon periksa kembali.'
    ]
  ]
  it.each(cases)(
    'When the user sends %s, then it is rejected with the precise reason',
    (_label, input, options, code, message) => {
      expect(parseIdentity(input, options)).toEqual({ ok: false, error: { code, message } })
    }
  )
})
