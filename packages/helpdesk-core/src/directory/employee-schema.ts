import { TTE_STATUSES } from '../knowledge/types'

/** JSON Schema of one directory record (file provider and HTTP provider answers alike). */
export const employeeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['nip', 'nama', 'email_dinas', 'whatsapp', 'unit_kerja', 'status_tte', 'aktif'],
  properties: {
    nip: { type: 'string', pattern: '^\\d{18}$' },
    nama: { type: 'string', minLength: 1 },
    nik: { type: 'string', pattern: '^\\d{16}$' },
    email_dinas: { type: 'string', format: 'email' },
    whatsapp: { type: 'string', pattern: '^\\d{8,15}$' },
    unit_kerja: { type: 'string', minLength: 1 },
    status_tte: { type: 'string', enum: [...TTE_STATUSES] },
    aktif: { type: 'boolean' }
  }
} as const

export const directorySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['pegawai'],
  properties: { pegawai: { type: 'array', items: employeeSchema } }
} as const
