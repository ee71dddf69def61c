/** Reset routes a system can have (actions-server/README.md: knowledge base format). */
export const RESET_ROUTES = ['panduan', 'whatsapp', 'petugas'] as const
export type ResetRoute = (typeof RESET_ROUTES)[number]

export const TTE_STATUSES = [
  'belum_terdaftar',
  'diajukan',
  'aktif',
  'kedaluwarsa',
  'dicabut'
] as const
export type TteStatus = (typeof TTE_STATUSES)[number]

export interface Contact {
  nama: string
  /** International digits, no '+'. */
  whatsapp: string
}

export interface SystemEntry {
  /** Canonical value of the `sistem` entity. */
  id: string
  nama: string
  keterangan?: string
  sinonim: string[]
  rute_reset: ResetRoute
  portal: string
  langkah: string[]
  kontak: Contact
  /** Working hours staff have for a password-reset ticket of this system (staff console SLA). */
  sla_jam?: number
}

export interface HelpdeskInfo {
  nama: string
  whatsapp: string
  telepon?: string
  email?: string
  jam_layanan?: string
}

export interface StaffTexts {
  pemberitahuan_privasi: string
  panduan_lupa_email: string[]
  syarat_tte: string[]
  langkah_tte: string[]
  status_tte: Record<TteStatus, string>
}

/** Service targets of the staff console: working hours per ticket category, within office hours (WIB). */
export interface SlaSettings {
  jam_kerja: {
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    hari: number[]
    /** "08.00" or "08:00", WIB. */
    mulai: string
    selesai: string
  }
  kategori: Partial<Record<'handoff' | 'reset_password' | 'tte' | 'identitas_gagal', number>>
}

export interface KnowledgeBase {
  versi: number
  helpdesk: HelpdeskInfo
  sistem: SystemEntry[]
  sla?: SlaSettings
  teks: StaffTexts
}
