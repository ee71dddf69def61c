import { readFileSync } from 'node:fs'
import yaml from 'js-yaml'
import { createFileDirectory, DataFileError, parseDirectory } from '@helpdesk/core'
import { EXAMPLE_DIRECTORY_FILE } from '../../src/paths'

const now = new Date('2026-06-15T08:00:00Z')
const example = (): { pegawai: Array<Record<string, unknown>> } =>
  yaml.load(readFileSync(EXAMPLE_DIRECTORY_FILE, 'utf8')) as {
    pegawai: Array<Record<string, unknown>>
  }

describe('file directory', () => {
  it('When the shipped example loads, then it has at least 30 people across units and every TTE status', async () => {
    const data = example()
    const directory = createFileDirectory(EXAMPLE_DIRECTORY_FILE, now)
    expect(directory.size).toBeGreaterThanOrEqual(30)
    expect(new Set(data.pegawai.map((p) => p.unit_kerja)).size).toBeGreaterThanOrEqual(6)
    expect(new Set(data.pegawai.map((p) => p.status_tte))).toEqual(
      new Set(['belum_terdaftar', 'diajukan', 'aktif', 'kedaluwarsa', 'dicabut'])
    )
    expect(data.pegawai.filter((p) => p.nik !== undefined).length).toBeGreaterThanOrEqual(5)
    expect(data.pegawai.every((p) => /^62856000000\d\d$/.test(String(p.whatsapp)))).toBe(true)
  })

  it('When looked up by NIP or NIK, then the employee is found; unknown numbers are not', async () => {
    const directory = createFileDirectory(EXAMPLE_DIRECTORY_FILE, now)
    expect(await directory.findByNip('198503152010011001')).toEqual({
      nip: '198503152010011001',
      nama: 'Budi Santoso',
      nik: '3603121503850001',
      email_dinas: 'budi.santoso@example.go.id',
      whatsapp: '6285600000001',
      unit_kerja: 'Dinas Komunikasi dan Informatika',
      status_tte: 'belum_terdaftar',
      aktif: true
    })
    expect((await directory.findByNik('3603121503850001'))?.nama).toBe('Budi Santoso')
    expect(await directory.findByNip('198609262015051001')).toBeUndefined()
  })

  it('When a record breaks the schema, then the start stops with its index, field and rule and without the value', () => {
    const data = example()
    data.pegawai[4]!.whatsapp = '+62 856 0000 0005'
    const attempt = (): unknown => parseDirectory(data, 'directory test.yml', now)
    expect(attempt).toThrow(
      new DataFileError(
        'directory test.yml invalid: record 4, field whatsapp: must match ^\\d{8,15}$'
      )
    )
  })

  it('When a record lacks a required field or has an unknown TTE status, then the rule is named', () => {
    const missing = example()
    delete missing.pegawai[2]!.email_dinas
    expect(() => parseDirectory(missing, 'd', now)).toThrow(
      'd invalid: record 2: missing required field "email_dinas"'
    )
    const status = example()
    status.pegawai[0]!.status_tte = 'pending'
    expect(() => parseDirectory(status, 'd', now)).toThrow(
      'd invalid: record 0, field status_tte: must be one of belum_terdaftar, diajukan, aktif, kedaluwarsa, dicabut'
    )
  })

  it('When an NIP is well-formed but impossible, then the identity rule is named', () => {
    const data = example()
    data.pegawai[7]!.nip = '198502302010011001'
    expect(() => parseDirectory(data, 'd', now)).toThrow(
      'd invalid: record 7, field nip: breaks the NIP rule nip_birth_date'
    )
  })

  it('When two records share an NIP, then the duplicate is reported', () => {
    const data = example()
    data.pegawai[9]!.nip = data.pegawai[1]!.nip
    expect(() => parseDirectory(data, 'd', now)).toThrow(
      'd invalid: record 9, field nip: duplicate of record 1'
    )
  })

  it('When the root is not a directory, then the error says so', () => {
    expect(() => parseDirectory({ employees: [] }, 'd', now)).toThrow(
      'd invalid at (root): missing required field "pegawai"'
    )
  })
})
