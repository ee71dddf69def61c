import { TICKET_CATEGORIES } from '../store/tickets-repository'
import { RESET_ROUTES, TTE_STATUSES } from './types'

const nonEmpty = { type: 'string', minLength: 1 }
const waDigits = { type: 'string', pattern: '^62\\d{8,13}$' }
const textList = { type: 'array', minItems: 1, items: nonEmpty }
const slaHours = { type: 'number', exclusiveMinimum: 0, maximum: 2000 }

/** JSON Schema of KNOWLEDGE_FILE; keys are the ones staff edit (Indonesian, like the directory). */
export const knowledgeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['versi', 'helpdesk', 'sistem', 'teks'],
  properties: {
    versi: { type: 'integer', const: 1 },
    helpdesk: {
      type: 'object',
      additionalProperties: false,
      required: ['nama', 'whatsapp'],
      properties: {
        nama: nonEmpty,
        whatsapp: waDigits,
        telepon: nonEmpty,
        email: { type: 'string', format: 'email' },
        jam_layanan: nonEmpty
      }
    },
    sistem: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'nama', 'sinonim', 'rute_reset', 'portal', 'langkah', 'kontak'],
        properties: {
          id: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' },
          nama: nonEmpty,
          keterangan: nonEmpty,
          // Rasa reads synonyms verbatim from a block scalar, so keep them plain.
          sinonim: {
            type: 'array',
            items: { type: 'string', pattern: '^[\\p{L}\\d][\\p{L}\\d .\\-]*$' }
          },
          rute_reset: { type: 'string', enum: [...RESET_ROUTES] },
          portal: { type: 'string', pattern: '^https?://' },
          langkah: textList,
          kontak: {
            type: 'object',
            additionalProperties: false,
            required: ['nama', 'whatsapp'],
            properties: { nama: nonEmpty, whatsapp: waDigits }
          },
          // Working hours staff have for a password-reset ticket of this system (overrides sla.kategori).
          sla_jam: slaHours
        }
      }
    },
    // Service targets of the staff console: working hours per ticket category within office hours.
    sla: {
      type: 'object',
      additionalProperties: false,
      required: ['jam_kerja', 'kategori'],
      properties: {
        jam_kerja: {
          type: 'object',
          additionalProperties: false,
          required: ['hari', 'mulai', 'selesai'],
          properties: {
            hari: {
              type: 'array',
              minItems: 1,
              uniqueItems: true,
              items: { type: 'integer', minimum: 1, maximum: 7 }
            },
            mulai: { type: 'string', pattern: '^([01]\\d|2[0-3])[.:][0-5]\\d$' },
            selesai: { type: 'string', pattern: '^([01]\\d|2[0-3])[.:][0-5]\\d$' }
          }
        },
        kategori: {
          type: 'object',
          additionalProperties: false,
          properties: Object.fromEntries(TICKET_CATEGORIES.map((c) => [c, slaHours]))
        }
      }
    },
    teks: {
      type: 'object',
      additionalProperties: false,
      required: [
        'pemberitahuan_privasi',
        'panduan_lupa_email',
        'syarat_tte',
        'langkah_tte',
        'status_tte'
      ],
      properties: {
        pemberitahuan_privasi: nonEmpty,
        panduan_lupa_email: textList,
        syarat_tte: textList,
        langkah_tte: textList,
        status_tte: {
          type: 'object',
          additionalProperties: false,
          required: [...TTE_STATUSES],
          properties: Object.fromEntries(TTE_STATUSES.map((s) => [s, nonEmpty]))
        }
      }
    }
  }
} as const
