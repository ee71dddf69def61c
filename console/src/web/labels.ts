/** Indonesian labels for stored codes. */
export const STATUS_LABEL: Record<string, string> = {
  baru: 'Baru',
  ditangani: 'Ditangani',
  menunggu_pengguna: 'Menunggu pengguna',
  selesai: 'Selesai',
  ditutup: 'Ditutup'
}

export const CATEGORY_LABEL: Record<string, string> = {
  handoff: 'Minta petugas',
  reset_password: 'Reset password',
  tte: 'TTE',
  identitas_gagal: 'Identitas gagal diverifikasi'
}

export const TTE_STATUS_LABEL: Record<string, string> = {
  diajukan: 'Diajukan',
  disetujui: 'Disetujui',
  ditolak: 'Ditolak',
  belum_terdaftar: 'Belum terdaftar',
  aktif: 'Aktif',
  kedaluwarsa: 'Kedaluwarsa',
  dicabut: 'Dicabut'
}

export const OUTBOX_STATUS_LABEL: Record<string, string> = {
  pending: 'Menunggu kirim',
  sending: 'Sedang dikirim',
  sent: 'Terkirim',
  failed: 'Gagal',
  uncertain: 'Belum pasti'
}

export const ACTION_LABEL: Record<string, string> = {
  login: 'Masuk',
  login_failed: 'Gagal masuk',
  login_locked: 'Masuk diblokir sementara',
  logout: 'Keluar',
  profile_viewed: 'Melihat profil pemohon',
  ticket_claimed: 'Mengambil tiket',
  ticket_assigned: 'Menugaskan tiket',
  ticket_status: 'Mengubah status tiket',
  ticket_note: 'Menambah catatan',
  tte_approved: 'Menyetujui permohonan TTE',
  tte_rejected: 'Menolak permohonan TTE',
  outbox_marked_sent: 'Menandai pesan WhatsApp terkirim',
  outbox_resent: 'Mengirim ulang pesan WhatsApp',
  account_created: 'Membuat akun',
  account_disabled: 'Menonaktifkan akun',
  password_changed: 'Mengganti kata sandi',
  audit_exported: 'Mengekspor log audit',
  takeover_started: 'Mengambil alih percakapan',
  takeover_ended: 'Mengakhiri pengambilalihan',
  transcript_viewed: 'Membaca transkrip percakapan',
  conversation_reviewed: 'Meninjau percakapan',
  review_example_added: 'Menambah contoh ke berkas tinjauan NLU',
  test_story_exported: 'Mengekspor percakapan sebagai test story'
}

/** Labels of the review tags a reviewer picks from (free tags show as typed). */
export const REVIEW_TAG_LABEL: Record<string, string> = {
  salah_intent: 'Intent salah',
  intent_baru: 'Perlu intent baru',
  jawaban_kurang: 'Jawaban kurang tepat',
  perlu_petugas: 'Seharusnya ke petugas',
  bagus: 'Percakapan baik'
}

const dateTime = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit'
})

/** "15 Jun 2026 09.30" in WIB. */
export const formatDateTime = (iso: string): string => `${dateTime.format(new Date(iso))} WIB`

/** "3 jam", "2 hari" since `iso`. */
export function formatAge(iso: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 60_000))
  if (minutes < 60) return `${minutes} menit`
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} jam`
  return `${Math.floor(minutes / 1440)} hari`
}
