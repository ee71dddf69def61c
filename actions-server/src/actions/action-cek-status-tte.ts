import type { HelpdeskDeps } from '../helpdesk/deps'
import { offerHumanAfterFailedIdentity } from '../helpdesk/identity-failure'
import { identityGate, resetRequestSlots } from '../helpdesk/slots'
import { tteSubject } from '../helpdesk/tte'
import { formatIndonesianDate, maskName, maskNik } from '@helpdesk/core'
import { defineAction, type Action } from '../sdk'

/**
 * `action_cek_status_tte`: the TTE status from the directory, or from the request the bot
 * recorded (BSrE has no public status API). Names appear masked only.
 */
export function createActionCekStatusTte (deps: HelpdeskDeps): Action {
  return defineAction({
    name: 'action_cek_status_tte',
    async run (dispatcher, tracker) {
      const gate = identityGate(tracker, { requireConfirmation: false })
      if (gate.kind === 'failed') return offerHumanAfterFailedIdentity(deps, dispatcher, tracker, gate.status, 'cek status TTE')
      const subject = gate.kind === 'valid' ? await tteSubject(deps, tracker) : undefined
      if (subject === undefined) {
        dispatcher.utterMessage({ text: 'Maaf, NIP/NIK belum kami terima, jadi status TTE belum bisa kami cek.' })
        return resetRequestSlots()
      }
      const texts = deps.knowledge.teks.status_tte
      const request = deps.store.tteRequests.latestFor(subject.identitas)
      const who = subject.employee === undefined ? `NIK ${maskNik(subject.identitas)}` : maskName(subject.employee.nama)
      const directoryStatus = subject.employee?.status_tte
      let text: string
      if (request !== undefined && request.status === 'diajukan' && (directoryStatus === undefined || directoryStatus !== 'aktif')) {
        text = `Status TTE atas nama ${who}: permohonan tanggal ${formatIndonesianDate(request.createdAt)} (tiket ${request.ticketNumber}) ${texts.diajukan}`
      } else if (directoryStatus !== undefined) {
        text = `Status TTE atas nama ${who}: ${texts[directoryStatus]}`
      } else if (!subject.directoryAvailable) {
        text = 'Maaf, data kepegawaian sedang tidak dapat kami akses. Silakan coba beberapa saat lagi.'
      } else {
        text = `Belum ada permohonan TTE untuk ${who}. Anda dapat mendaftar melalui menu Daftar TTE.`
      }
      dispatcher.utterMessage({ text })
      return resetRequestSlots()
    }
  })
}
