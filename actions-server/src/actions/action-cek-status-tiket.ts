import { formatIndonesianDate, formatWibDateTime } from '@helpdesk/core'
import type { HelpdeskDeps } from '../composition'
import { findTicketNumber } from '../helpdesk/ticket-number'
import { TICKET_STATUS_TEXT, ticketStatusWords as statusWords } from '../replies'
import { defineAction, slotSet, type Action, type Tracker } from '../sdk'

/** The slot (and entity) holding what the user typed or pressed as a ticket number. */
const NOMOR_TIKET = 'nomor_tiket'
/** How many of the chat's own tickets are offered as buttons when no number was given. */
const RECENT_TICKETS = 3

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
    async run(dispatcher, tracker) {
      const text = TICKET_STATUS_TEXT
      const number = requestedNumber(tracker)
      if (number === undefined) {
        const own = await deps.store.tickets.recentOf(tracker.senderId, RECENT_TICKETS)
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
      const ticket = await deps.store.tickets.statusOf(number)
      const own = ticket !== undefined && ticket.senderId === tracker.senderId
      await deps.store.audit.record(tracker.senderId, 'ticket_status_checked', {
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
