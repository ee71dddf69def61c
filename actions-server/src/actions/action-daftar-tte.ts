import { bulleted, formatIndonesianDate, numbered } from '@helpdesk/core'
import type { HelpdeskDeps } from '../helpdesk/deps'
import { officeHours } from '../helpdesk/handoff'
import { offerHumanAfterFailedIdentity } from '../helpdesk/identity-failure'
import { isSharedChat, refuseInSharedChat } from '../helpdesk/private-chat'
import { requestKey } from '../helpdesk/request-key'
import { identityGate, resetRequestSlots } from '../helpdesk/slots'
import { notifyOwner } from '../helpdesk/owner-notice'
import { openTicket } from '../helpdesk/tickets'
import { tteSubject } from '../helpdesk/tte'
import { defineAction, type Action } from '../sdk'

/**
 * `action_daftar_tte`: records the TTE registration request (ticket + TTE request row) and
 * guides the next steps. An active certificate or a request already in progress is reported
 * instead of a duplicate request.
 */
export function createActionDaftarTte(deps: HelpdeskDeps): Action {
  return defineAction({
    name: 'action_daftar_tte',
    async run(dispatcher, tracker) {
      if (isSharedChat(tracker))
        return refuseInSharedChat(deps, dispatcher, tracker, 'pendaftaran TTE')
      const gate = identityGate(tracker, { requireConfirmation: true })
      if (gate.kind === 'failed')
        return offerHumanAfterFailedIdentity(
          deps,
          dispatcher,
          tracker,
          gate.status,
          'pendaftaran TTE'
        )
      const subject = gate.kind === 'valid' ? await tteSubject(deps, tracker) : undefined
      if (subject === undefined) {
        dispatcher.utterMessage({
          text: 'Pendaftaran TTE kami batalkan karena identitas belum dikonfirmasi.'
        })
        return resetRequestSlots()
      }
      const texts = deps.knowledge.teks
      const directoryStatus = subject.employee?.status_tte
      if (directoryStatus === 'aktif') {
        dispatcher.utterMessage({
          text: `TTE Anda ${texts.status_tte.aktif} Anda tidak perlu mendaftar lagi.`
        })
        return resetRequestSlots()
      }
      const pending = deps.store.tteRequests.latestFor(subject.identitas)
      if (pending !== undefined && pending.status === 'diajukan') {
        dispatcher.utterMessage({
          text: `Permohonan TTE Anda sudah tercatat sejak ${formatIndonesianDate(pending.createdAt)} dengan nomor tiket ${pending.ticketNumber} dan ${texts.status_tte.diajukan}`
        })
        return resetRequestSlots()
      }
      if (directoryStatus === 'diajukan') {
        dispatcher.utterMessage({ text: `Permohonan TTE Anda ${texts.status_tte.diajukan}` })
        return resetRequestSlots()
      }

      const renewal = directoryStatus === 'kedaluwarsa'
      const ticket = openTicket(deps, tracker, {
        category: 'tte',
        summary: renewal ? 'Perpanjangan TTE' : 'Pendaftaran TTE',
        data: {
          identitas: subject.identitas,
          ...(subject.employee === undefined
            ? { pegawai: false }
            : {
                pegawai: true,
                nama: subject.employee.nama,
                unit_kerja: subject.employee.unit_kerja,
                status_tte: subject.employee.status_tte
              }),
          ...(subject.directoryAvailable ? {} : { direktori: 'tidak dapat diakses' })
        },
        requestKey: requestKey('tte', tracker)
      })
      deps.store.tteRequests.record({
        ticketNumber: ticket.number,
        senderId: tracker.senderId,
        jenisIdentitas: subject.jenis,
        identitas: subject.identitas
      })
      deps.store.audit.record(tracker.senderId, 'tte_requested', {
        ticket: ticket.number,
        jenis: subject.jenis
      })
      if (subject.employee !== undefined) {
        await notifyOwner(deps, tracker, {
          service: renewal ? 'perpanjangan TTE' : 'pendaftaran TTE',
          employee: subject.employee,
          purpose: 'tte',
          ticketNumber: ticket.number,
          identityLabel: subject.jenis === 'nik' ? 'NIK' : 'NIP'
        })
      }
      dispatcher.utterMessage({
        text:
          `Permohonan ${renewal ? 'perpanjangan ' : ''}TTE Anda sudah kami catat dengan nomor tiket ${ticket.number}.\n\n` +
          `Persyaratan:\n${bulleted(texts.syarat_tte)}\n\nLangkah selanjutnya:\n${numbered(texts.langkah_tte)}\n\n` +
          `Simpan nomor tiket untuk mengecek status melalui menu Cek status TTE.${officeHours(deps)}`
      })
      return resetRequestSlots()
    }
  })
}
