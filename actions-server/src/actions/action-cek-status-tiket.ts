import { formatIndonesianDate, formatWibDateTime, type TicketStatus } from '@helpdesk/core'
import type { HelpdeskDeps } from '../helpdesk/deps'
import { findTicketNumber } from '../helpdesk/ticket-number'
import { defineAction, slotSet, type Action, type Tracker } from '../sdk'

/** The slot (and entity) holding what the user typed or pressed as a ticket number. */
const NOMOR_TIKET = 'nomor_tiket'
/** How many of the chat's own tickets are offered as buttons when no number was given. */
const RECENT_TICKETS = 3

/** Every text this action sends (kept together so wording can be reviewed in one place). */
export const TICKET_STATUS_TEXT = {
  status: {
    baru: 'baru diterima dan menunggu petugas',
    ditangani: 'sedang ditangani petugas',
    menunggu_pengguna: 'menunggu tanggapan dari Anda',
    selesai: 'selesai',
    ditutup: 'ditutup'
  } satisfies Record<TicketStatus, string>,
  found: (number: string, status: string, openedOn: string): string =>
    `Status tiket ${number}: ${status}.\nTiket ini dibuat pada ${openedOn}.`,
  lastNote: (at: string, body: string): string =>
    `Catatan terakhir dari petugas untuk Anda (${at}):\n${body}`,
  noNoteYet: 'Belum ada catatan dari petugas untuk Anda.',
  waitingForUser: 'Petugas menunggu tanggapan Anda; silakan balas sesuai catatan di atas.',
  /** The same answer for a number that does not exist and for another chat's ticket. */
  notFound: (number: string): string =>
    `Tiket ${number} tidak kami temukan untuk chat ini. Mohon periksa kembali nomornya. Status tiket hanya dapat dicek dari chat yang dipakai saat tiket dibuat.`,
  chooseOwn:
    'Tiket mana yang ingin Anda cek? Pilih salah satu tiket dari chat ini, atau kirim nomornya, misalnya: status tiket TIK-20261129-0001.',
  askNumber:
    'Kami belum menemukan tiket yang dibuat dari chat ini. Jika Anda punya nomor tiket, kirim seperti ini: status tiket TIK-20261129-0001.',
  button: (number: string, status: string): string => `${number} (${status})`
} as const

/** The status in words; a value this version does not know is shown as stored. */
const statusWords = (status: string): string =>
  (TICKET_STATUS_TEXT.status as Record<string, string>)[status] ?? status

/**
 * The ticket number in this turn: a pressed button or the entity, else the typed text. Not the
 * slot: a number mentioned in an earlier message must not answer "status tiket" without one.
 */
function requestedNumber(tracker: Tracker): string | undefined {
  const typed = [...tracker.getLatestEntityValues(NOMOR_TIKET), tracker.latestMessageText].filter(
    (v): v is string => typeof v === 'string'
  )
  for (const candidate of typed) {
    const number = findTicketNumber(candidate, { prefixOptional: true })
    if (number !== undefined) return number
  }
  return undefined
}

/**
 * `action_cek_status_tiket`: the status (in Indonesian words) and the last note for the user of a
 * ticket opened from this chat (same sender id). A ticket of another chat gets the very answer a
 * number that does not exist gets, so the bot cannot be used to learn which numbers exist.
 * Without a number it offers this chat's latest tickets as buttons, or asks for the number.
 */
export function createActionCekStatusTiket(deps: Pick<HelpdeskDeps, 'store' | 'logger'>): Action {
  return defineAction({
    name: 'action_cek_status_tiket',
    run(dispatcher, tracker) {
      const text = TICKET_STATUS_TEXT
      const number = requestedNumber(tracker)
      if (number === undefined) {
        const own = deps.store.tickets.recentOf(tracker.senderId, RECENT_TICKETS)
        if (own.length === 0) dispatcher.utterMessage({ text: text.askNumber })
        else
          dispatcher.utterMessage({
            text: text.chooseOwn,
            buttons: own.map((t) => ({
              title: text.button(t.number, statusWords(t.status)),
              payload: `/cek_status_tiket${JSON.stringify({ [NOMOR_TIKET]: t.number })}`
            }))
          })
        return [slotSet(NOMOR_TIKET, null)]
      }
      const ticket = deps.store.tickets.statusOf(number)
      const own = ticket !== undefined && ticket.senderId === tracker.senderId
      deps.store.audit.record(tracker.senderId, 'ticket_status_checked', {
        ticket: number,
        shown: own
      })
      deps.logger.info({ ticket: number, shown: own }, 'ticket status asked')
      if (!own) {
        dispatcher.utterMessage({ text: text.notFound(number) })
        return [slotSet(NOMOR_TIKET, null)]
      }
      const lines = [
        text.found(
          ticket.number,
          statusWords(ticket.status),
          formatIndonesianDate(ticket.createdAt)
        ),
        ticket.lastNoteForUser === undefined
          ? text.noNoteYet
          : text.lastNote(formatWibDateTime(ticket.lastNoteForUser.at), ticket.lastNoteForUser.body)
      ]
      if (ticket.status === 'menunggu_pengguna' && ticket.lastNoteForUser !== undefined)
        lines.push(text.waitingForUser)
      dispatcher.utterMessage({ text: lines.join('\n\n') })
      return [slotSet(NOMOR_TIKET, null)]
    }
  })
}
