import type { IdentityFlow } from '../helpdesk/identity-flow'
import type { FailedIdentityStatus } from '../helpdesk/slots'
import { helpdeskButton, officeHours, type HelpdeskContact, type Reply } from './reply'
import { serviceName } from './service-names'

/** Why a typed NIP/NIK was not accepted. */
export type IdentityRejection =
  /** It broke a structure rule; `message` is the core's precise Indonesian reason. */
  | { kind: 'invalid'; message: string }
  /** Well-formed, but not in the directory (or inactive). */
  | { kind: 'not_found'; identityKind: 'nip' | 'pppk' | 'nik' }

/** A rejected number; the `attempt`-th failure, `exhausted` when it was the last one allowed. */
export function identityRejectedReply(
  rejection: IdentityRejection,
  attempt: { count: number; exhausted: boolean }
): Reply {
  const reason =
    rejection.kind === 'invalid'
      ? rejection.message
      : rejection.identityKind === 'nik'
        ? 'NIK tersebut tidak ditemukan di data kepegawaian kami. Mohon periksa kembali, atau kirim NIP 18 digit Anda.'
        : `${rejection.identityKind === 'pppk' ? 'NI PPPK' : 'NIP'} tersebut tidak ditemukan di data kepegawaian kami. Mohon periksa kembali.`
  if (!attempt.exhausted) return { text: reason }
  return {
    text: `${reason}\n\nAnda sudah ${attempt.count} kali mencoba, jadi pemeriksaan melalui chat ini kami hentikan dan kami sambungkan ke petugas.`
  }
}

/** "Tidak" at the confirmation: the data is dropped, or after the last attempt a human takes over. */
export function confirmationDeclinedReply(attempt: { count: number; exhausted: boolean }): Reply {
  return attempt.exhausted
    ? {
        text: `Baik. Karena data belum sesuai setelah ${attempt.count} kali percobaan, kami sambungkan ke petugas.`
      }
    : { text: 'Baik, data tersebut tidak kami pakai.' }
}

/**
 * A lookup limit was reached (`rule` as the store names it: sender, subject, global). None of the
 * texts says whether the number exists: the limits are checked before the directory is asked.
 */
export function lookupLimitedReply(rule: string, limits: { lookupsPerHour: number }): Reply {
  switch (rule) {
    case 'subject':
      return {
        text:
          'Demi keamanan data pegawai, NIP/NIK tersebut sudah terlalu sering diperiksa hari ini sehingga pemeriksaannya kami hentikan sementara. ' +
          'Silakan coba lagi besok, atau kami sambungkan ke petugas.'
      }
    case 'global':
      return {
        text: 'Pemeriksaan NIP/NIK sedang sangat ramai sehingga untuk sementara kami batasi. Silakan coba beberapa menit lagi, atau kami sambungkan ke petugas.'
      }
    default:
      return {
        text:
          `Demi keamanan data pegawai, pemeriksaan NIP/NIK dari satu akun dibatasi ${limits.lookupsPerHour} kali per jam, dan batas itu sudah tercapai. ` +
          'Silakan coba lagi nanti, atau kami sambungkan ke petugas.'
      }
  }
}

/** The directory could not be asked while checking the identity: the request goes to staff. */
export function identityCheckUnavailableReply(): Reply {
  return {
    text: 'Maaf, data kepegawaian sedang tidak dapat kami akses, jadi identitas Anda belum bisa kami periksa. Permintaan Anda akan kami teruskan ke petugas.'
  }
}

/** After a failed or limited identity: the ticket for staff and the wa.me button. */
export function offerHumanReply(
  contact: HelpdeskContact,
  failure: { status: FailedIdentityStatus; flow: IdentityFlow; ticketNumber: string }
): Reply {
  const opening =
    failure.status === 'dibatasi'
      ? 'Untuk sementara kami tidak dapat memeriksa NIP/NIK melalui chat ini.'
      : 'Kami belum dapat memverifikasi identitas Anda melalui chat ini.'
  return {
    text:
      `${opening} Permintaan ${serviceName(failure.flow)} Anda sudah kami catat dengan nomor tiket ${failure.ticketNumber}; petugas akan membantu. ` +
      `Tekan tombol di bawah untuk chat dengan petugas di WhatsApp.${officeHours(contact)}`,
    buttons: [helpdeskButton(contact, failure.ticketNumber)]
  }
}

/** The identity of a flow was not confirmed: the request is cancelled. */
export function identityUnconfirmedReply(flow: IdentityFlow): Reply {
  switch (flow.kind) {
    case 'reset_password':
      return {
        text: `Permintaan reset password ${flow.systemName} kami batalkan karena identitas belum dikonfirmasi.`
      }
    case 'daftar_tte':
      return { text: 'Pendaftaran TTE kami batalkan karena identitas belum dikonfirmasi.' }
    case 'cek_status_tte':
      return { text: 'Pengecekan status TTE kami batalkan karena identitas belum dikonfirmasi.' }
  }
}

/** The one line a group gets instead of an identity flow. */
export function privateChatOnlyReply(): Reply {
  return {
    text: 'Demi menjaga kerahasiaan data pribadi, layanan ini hanya kami layani lewat chat pribadi. Silakan kirim pesan langsung ke bot ini, bukan di grup.'
  }
}

/** A ticket number arrived where the NIP/NIK was asked: it is not used and costs no attempt. */
export function ticketNumberIsNotIdentityReply(): Reply {
  return {
    text: 'Itu nomor tiket, bukan NIP/NIK, jadi tidak kami pakai sebagai identitas. Untuk mengecek tiket, ketik: status tiket, lalu nomornya.'
  }
}
