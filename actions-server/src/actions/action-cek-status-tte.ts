import type { HelpdeskDeps } from '../helpdesk/deps'
import { offerHumanAfterFailedIdentity } from '../helpdesk/identity-failure'
import { isSharedChat, refuseInSharedChat } from '../helpdesk/private-chat'
import { notifyOwner } from '../helpdesk/owner-notice'
import { identityGate, resetRequestSlots } from '../helpdesk/slots'
import { tteSubject } from '../helpdesk/tte'
import { formatIndonesianDate, maskName, maskNik } from '@helpdesk/core'
import { defineAction, type Action } from '../sdk'

const TTE_APPROVED_NEXT =
  'Sertifikat elektronik Anda sedang diterbitkan; ikuti petunjuk aktivasi yang dikirim ke e-mail dinas Anda.'
const TTE_REJECTED_NEXT =
  'Silakan lengkapi persyaratannya, lalu ajukan kembali melalui menu Daftar TTE.'

/**
 * `action_cek_status_tte`: the TTE status from the directory, or from the request the bot
 * recorded (BSrE has no public status API). Names appear masked only. Like the other identity
 * flows it needs a confirmed identity, and the owner of the number is told of the check by WhatsApp.
 */
export function createActionCekStatusTte(deps: HelpdeskDeps): Action {
  return defineAction({
    name: 'action_cek_status_tte',
    async run(dispatcher, tracker) {
      if (isSharedChat(tracker))
        return refuseInSharedChat(deps, dispatcher, tracker, 'cek status TTE')
      const gate = identityGate(tracker, { requireConfirmation: true })
      if (gate.kind === 'failed')
        return offerHumanAfterFailedIdentity(
          deps,
          dispatcher,
          tracker,
          gate.status,
          'cek status TTE'
        )
      if (gate.kind === 'unconfirmed') {
        dispatcher.utterMessage({
          text: 'Pengecekan status TTE kami batalkan karena identitas belum dikonfirmasi.'
        })
        return resetRequestSlots()
      }
      const subject = await tteSubject(deps, tracker)
      if (subject === undefined) {
        dispatcher.utterMessage({
          text: 'Maaf, NIP/NIK belum kami terima, jadi status TTE belum bisa kami cek.'
        })
        return resetRequestSlots()
      }
      if (subject.employee !== undefined) {
        await notifyOwner(deps, tracker, {
          service: 'cek status TTE',
          employee: subject.employee,
          purpose: 'tte-status',
          identityLabel: subject.jenis === 'nik' ? 'NIK' : 'NIP'
        })
      }
      const texts = deps.knowledge.teks.status_tte
      const request = deps.store.tteRequests.latestFor(subject.identitas)
      const who =
        subject.employee === undefined
          ? `NIK ${maskNik(subject.identitas)}`
          : maskName(subject.employee.nama)
      const directoryStatus = subject.employee?.status_tte
      let text: string
      const requestLine =
        request === undefined
          ? ''
          : `permohonan tanggal ${formatIndonesianDate(request.createdAt)} (tiket ${request.ticketNumber})`
      if (
        request !== undefined &&
        request.status === 'diajukan' &&
        (directoryStatus === undefined || directoryStatus !== 'aktif')
      ) {
        text = `Status TTE atas nama ${who}: ${requestLine} ${texts.diajukan}`
      } else if (
        request !== undefined &&
        request.status === 'disetujui' &&
        directoryStatus !== 'aktif'
      ) {
        // The staff decision from the console (stored on the request; the directory file is read-only).
        text = `Status TTE atas nama ${who}: ${requestLine} telah disetujui petugas. ${TTE_APPROVED_NEXT}`
      } else if (
        request !== undefined &&
        request.status === 'ditolak' &&
        directoryStatus !== 'aktif'
      ) {
        const reason =
          request.decisionReason === undefined ? '' : ` Alasan: ${request.decisionReason}.`
        text = `Status TTE atas nama ${who}: ${requestLine} ditolak petugas.${reason} ${TTE_REJECTED_NEXT}`
      } else if (directoryStatus !== undefined) {
        text = `Status TTE atas nama ${who}: ${texts[directoryStatus]}`
      } else if (!subject.directoryAvailable) {
        text =
          'Maaf, data kepegawaian sedang tidak dapat kami akses. Silakan coba beberapa saat lagi.'
      } else {
        text = `Belum ada permohonan TTE untuk ${who}. Anda dapat mendaftar melalui menu Daftar TTE.`
      }
      dispatcher.utterMessage({ text })
      return resetRequestSlots()
    }
  })
}
