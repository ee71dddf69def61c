import { bulleted, formatIndonesianDate, maskName, maskNik, numbered } from '@helpdesk/core'
import type { TteHolder, TteRegistrationOutcome, TteStatusOutcome } from '../helpdesk/tte'
import { officeHours, type HelpdeskContact, type Reply } from './reply'

const APPROVED_NEXT =
  'Sertifikat elektronik Anda sedang diterbitkan; ikuti petunjuk aktivasi yang dikirim ke e-mail dinas Anda.'
const REJECTED_NEXT =
  'Silakan lengkapi persyaratannya, lalu ajukan kembali melalui menu Daftar TTE.'

/** The reply of `action_daftar_tte`; the status sentences are the knowledge base's `teks.status_tte`. */
export function tteRegistrationReply(
  contact: HelpdeskContact,
  outcome: TteRegistrationOutcome
): Reply {
  const texts = contact.knowledge.teks
  switch (outcome.kind) {
    case 'already_active':
      return { text: `TTE Anda ${texts.status_tte.aktif} Anda tidak perlu mendaftar lagi.` }
    case 'already_requested':
      return {
        text: `Permohonan TTE Anda sudah tercatat sejak ${formatIndonesianDate(outcome.request.createdAt)} dengan nomor tiket ${outcome.request.ticketNumber} dan ${texts.status_tte.diajukan}`
      }
    case 'in_progress':
      return { text: `Permohonan TTE Anda ${texts.status_tte.diajukan}` }
    case 'recorded':
      return {
        text:
          `Permohonan ${outcome.renewal ? 'perpanjangan ' : ''}TTE Anda sudah kami catat dengan nomor tiket ${outcome.ticketNumber}.\n\n` +
          `Persyaratan:\n${bulleted(texts.syarat_tte)}\n\nLangkah selanjutnya:\n${numbered(texts.langkah_tte)}\n\n` +
          `Simpan nomor tiket untuk mengecek status melalui menu Cek status TTE.${officeHours(contact)}`
      }
  }
}

/** Names appear masked only. */
const holderName = (holder: TteHolder): string =>
  holder.kind === 'nik' ? `NIK ${maskNik(holder.nik)}` : maskName(holder.name)

const requestLine = (request: { createdAt: string; ticketNumber: string }): string =>
  `permohonan tanggal ${formatIndonesianDate(request.createdAt)} (tiket ${request.ticketNumber})`

/** The reply of `action_cek_status_tte`. */
export function tteStatusReply(contact: HelpdeskContact, outcome: TteStatusOutcome): Reply {
  const texts = contact.knowledge.teks.status_tte
  switch (outcome.kind) {
    case 'no_identity':
      return { text: 'Maaf, NIP/NIK belum kami terima, jadi status TTE belum bisa kami cek.' }
    case 'request_pending':
      return {
        text: `Status TTE atas nama ${holderName(outcome.holder)}: ${requestLine(outcome.request)} ${texts.diajukan}`
      }
    case 'request_approved':
      return {
        text: `Status TTE atas nama ${holderName(outcome.holder)}: ${requestLine(outcome.request)} telah disetujui petugas. ${APPROVED_NEXT}`
      }
    case 'request_rejected': {
      const reason =
        outcome.request.decisionReason === undefined
          ? ''
          : ` Alasan: ${outcome.request.decisionReason}.`
      return {
        text: `Status TTE atas nama ${holderName(outcome.holder)}: ${requestLine(outcome.request)} ditolak petugas.${reason} ${REJECTED_NEXT}`
      }
    }
    case 'directory_status':
      return {
        text: `Status TTE atas nama ${holderName(outcome.holder)}: ${texts[outcome.status]}`
      }
    case 'directory_unavailable':
      return {
        text: 'Maaf, data kepegawaian sedang tidak dapat kami akses. Silakan coba beberapa saat lagi.'
      }
    case 'no_request':
      return {
        text: `Belum ada permohonan TTE untuk ${holderName(outcome.holder)}. Anda dapat mendaftar melalui menu Daftar TTE.`
      }
  }
}
