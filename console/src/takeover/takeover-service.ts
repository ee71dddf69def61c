import { buildSurveyMessage, formatWibDateTime, type SatisfactionRepository } from '@helpdesk/core'
import type { FastifyBaseLogger } from 'fastify'
import type { Clock } from '../data/db'
import { addWorkingHours, isWorkingTime, type WorkingCalendar } from '../data/sla'
import type { StaffAudit } from '../data/staff-audit'
import type { Takeover, TakeoverEndReason, Takeovers } from '../data/takeovers'
import type { TicketDetail, TicketWork } from '../data/tickets'
import type { DeliveryResult, UserNotifier } from '../gateway-notifier'
import { RasaApiError, type RasaApi, type RasaEvent } from '../rasa/rasa-api'
import type { LiveFeed } from './live-feed'
import { restartedSince } from './restarted-since'
import { TAKEOVER_TEXT } from './user-messages'

export type StartResult =
  | { ok: true; takeover: Takeover }
  | { ok: false; reason: 'busy'; heldBy: string }
  | { ok: false; reason: 'rasa' | 'gateway'; message: string }

/** A staff reply's fate, as the conversation page shows it. */
export type ReplyStatus = 'terkirim' | 'gagal' | 'diblokir'

export interface TakeoverServiceDeps {
  takeovers: Takeovers
  tickets: TicketWork
  audit: StaffAudit
  rasa: RasaApi
  notifier: UserNotifier
  feed: LiveFeed
  clock: Clock
  logger: FastifyBaseLogger
  calendar: WorkingCalendar
  idleMinutes: number
  /** The satisfaction survey (csat): asked once after each takeover that staff or idleness ended. */
  satisfaction?: SatisfactionRepository
}

/** The latest event time of a tracker (seconds), so the monitor only reports what is new. */
const latestTime = (events: RasaEvent[]): number =>
  events.reduce((max, e) => Math.max(max, e.timestamp ?? 0), 0)

/**
 * Live takeover of a conversation: staff pause the bot, talk to the user through the gateway,
 * and hand back. Every step keeps three places consistent: the takeovers row (who, since when),
 * Rasa's tracker (pause / agent / resume, so the transcript is complete) and the user's chat.
 */
export function createTakeoverService(deps: TakeoverServiceDeps) {
  const { takeovers, tickets, audit, rasa, notifier, feed, logger } = deps
  /** Takeovers between claim and the user being told: the monitor leaves them alone. */
  const starting = new Set<number>()

  function replyStatus(result: DeliveryResult): { status: ReplyStatus; reason?: string } {
    if (result.delivered) return { status: 'terkirim' }
    return { status: result.blocked === true ? 'diblokir' : 'gagal', reason: result.reason }
  }

  /** Records what the user got in Rasa's tracker; a failure is logged (the user has it anyway). */
  async function recordInTracker(takeover: Takeover, text: string, staff: string): Promise<void> {
    try {
      await rasa.recordAgentMessage(takeover.senderId, text, {
        staff,
        takeover: takeover.id
      })
    } catch (err) {
      logger.warn(
        { takeover: takeover.id, reason: (err as Error).message },
        'staff message not recorded in the tracker'
      )
    }
  }

  /** Outside office hours: when staff will answer, for the user. */
  function outsideHoursNote(): string | undefined {
    const now = deps.clock.now()
    // Not "the next opening is later than now": that rounds up to the next whole minute, so it
    // was later than now at almost every moment of office hours too.
    if (isWorkingTime(now, deps.calendar)) return undefined
    const opening = addWorkingHours(now, 0, deps.calendar)
    return TAKEOVER_TEXT.outsideHours(formatWibDateTime(opening.toISOString()))
  }

  /**
   * The satisfaction survey 'ambil_alih:<takeover id>' (contracts: csat), once per takeover; a
   * survey that did not reach the user is withdrawn. Recorded in the tracker as a bot message, so
   * the transcript shows what the user was asked; the bot's `beri_nilai` rule stores the answer.
   */
  async function askForRating(takeover: Takeover, ticketNumber: string): Promise<void> {
    const satisfaction = deps.satisfaction
    if (satisfaction === undefined) return
    const conversationKey = `ambil_alih:${takeover.id}`
    const opened = await satisfaction.open({
      conversationKey,
      senderId: takeover.senderId,
      source: 'ambil_alih',
      ...(ticketNumber === '' ? {} : { ticketNumber })
    })
    if (!opened) return
    const survey = buildSurveyMessage(takeover.senderId)
    const result = await notifier.sendAndWait(takeover.senderId, [
      { text: survey.text, buttons: survey.buttons }
    ])
    if (!result.delivered) {
      await satisfaction.withdraw(conversationKey)
      logger.warn({ takeover: takeover.id }, 'satisfaction survey after a takeover not delivered')
      return
    }
    try {
      await rasa.appendEvents(takeover.senderId, [
        {
          event: 'bot',
          text: survey.text,
          timestamp: Date.now() / 1000,
          data: { buttons: survey.buttons },
          metadata: { takeover: takeover.id, survey: conversationKey }
        }
      ])
    } catch (err) {
      logger.warn(
        { takeover: takeover.id, reason: (err as Error).message },
        'survey not recorded in the tracker'
      )
    }
  }

  async function handBack(
    takeover: Takeover,
    by: string,
    reason: TakeoverEndReason
  ): Promise<{ ended: boolean; told: DeliveryResult | undefined }> {
    if (!(await takeovers.end(takeover.id, by, reason))) return { ended: false, told: undefined }
    const ticket = await tickets.findById(takeover.ticketId)
    const number = ticket?.number ?? ''
    // The bot listens again first, so whatever the user answers to the goodbye reaches it.
    if (reason !== 'percakapan_diulang') {
      try {
        await rasa.resume(takeover.senderId, { staff: by, takeover: takeover.id })
      } catch (err) {
        logger.error(
          { takeover: takeover.id, reason: (err as Error).message },
          'resume failed: the bot stays paused for this conversation until Rasa answers'
        )
      }
    }
    let told: DeliveryResult | undefined
    if (reason !== 'percakapan_diulang') {
      const lines =
        reason === 'menganggur'
          ? [TAKEOVER_TEXT.idle(number, deps.idleMinutes), outsideHoursNote()]
          : [TAKEOVER_TEXT.handedBack(number)]
      const text = lines.filter((l): l is string => l !== undefined).join('\n\n')
      told = await notifier.sendAndWait(takeover.senderId, [{ text }])
      if (told.delivered) {
        await recordInTracker(takeover, text, by)
        await askForRating(takeover, number)
      }
    }
    if (ticket !== undefined)
      await tickets.addEvent(ticket.id, by, 'takeover_ended', '', {
        takeover: takeover.id,
        reason,
        ...(told === undefined
          ? {}
          : { delivered: told.delivered, ...(told.delivered ? {} : { why: told.reason }) })
      })
    await audit.record(by, 'takeover_ended', number, { reason })
    feed.publish(takeover.id, { type: 'ended', reason })
    return { ended: true, told }
  }

  async function startClaimed(
    ticket: TicketDetail,
    staff: { id: number; username: string },
    takeover: Takeover
  ): Promise<StartResult> {
    try {
      await rasa.pause(ticket.senderId, { staff: staff.username, takeover: takeover.id })
    } catch (err) {
      await takeovers.discard(takeover.id)
      return {
        ok: false,
        reason: 'rasa',
        message: err instanceof RasaApiError ? err.message : 'Rasa tidak dapat dihubungi'
      }
    }
    const text = TAKEOVER_TEXT.started(staff.username, ticket.number)
    const told = await notifier.sendAndWait(ticket.senderId, [{ text }])
    if (!told.delivered) {
      try {
        await rasa.resume(ticket.senderId, { staff: staff.username, takeover: takeover.id })
      } catch (err) {
        logger.error(
          { takeover: takeover.id, reason: (err as Error).message },
          'undoing a takeover: resume failed'
        )
      }
      await takeovers.discard(takeover.id)
      return { ok: false, reason: 'gateway', message: told.reason }
    }
    await recordInTracker(takeover, text, staff.username)
    await tickets.addEvent(ticket.id, staff.username, 'takeover_started', '', {
      takeover: takeover.id
    })
    await audit.record(staff.username, 'takeover_started', ticket.number)
    return { ok: true, takeover }
  }

  return {
    /**
     * Takes the conversation of `ticket` over for `staff`: claim (atomic) → pause in Rasa → tell
     * the user. A failure at any step undoes the earlier ones, so nothing is left half-done.
     */
    async start(
      ticket: TicketDetail,
      staff: { id: number; username: string }
    ): Promise<StartResult> {
      let before: number
      try {
        before = latestTime((await rasa.tracker(ticket.senderId)).events)
      } catch (err) {
        return { ok: false, reason: 'rasa', message: (err as Error).message }
      }
      const claim = await takeovers.claim(ticket, staff, before)
      if (!claim.claimed) return { ok: false, reason: 'busy', heldBy: claim.heldBy }
      const takeover = claim.takeover
      starting.add(takeover.id)
      try {
        return await startClaimed(ticket, staff, takeover)
      } finally {
        starting.delete(takeover.id)
      }
    },

    /**
     * Sends a staff reply: stored first (so a failure is never silent and can be retried), then
     * delivered through the gateway (waiting for Telegram's answer), then recorded in the tracker.
     */
    async reply(
      takeover: Takeover,
      staff: string,
      body: string
    ): Promise<{ eventId: number; status: ReplyStatus; reason?: string }> {
      const eventId = await tickets.addEvent(takeover.ticketId, staff, 'takeover_reply', body, {
        takeover: takeover.id,
        status: 'mengirim'
      })
      await takeovers.touch(takeover.id)
      return await this.deliverReply(takeover, eventId, staff, body)
    },

    async deliverReply(
      takeover: Takeover,
      eventId: number,
      staff: string,
      body: string
    ): Promise<{ eventId: number; status: ReplyStatus; reason?: string }> {
      const text = TAKEOVER_TEXT.reply(staff, body)
      const outcome = replyStatus(await notifier.sendAndWait(takeover.senderId, [{ text }]))
      await tickets.setEventDetail(eventId, {
        takeover: takeover.id,
        status: outcome.status,
        ...(outcome.reason === undefined ? {} : { reason: outcome.reason })
      })
      if (outcome.status === 'terkirim') await recordInTracker(takeover, text, staff)
      else
        logger.warn({ takeover: takeover.id, status: outcome.status }, 'staff reply not delivered')
      feed.publish(takeover.id, {
        type: 'delivery',
        eventId,
        status: outcome.status,
        ...(outcome.reason === undefined ? {} : { reason: outcome.reason })
      })
      return { eventId, ...outcome }
    },

    handBack,

    /**
     * One round of the monitor: new tracker events of every active takeover go to the pages
     * watching it; a user message counts as activity; an idle takeover hands back by itself; a
     * conversation the user restarted (`/reset` unpauses Rasa) ends its takeover.
     */
    async poll(): Promise<void> {
      const now = deps.clock.now().getTime()
      for (const takeover of await takeovers.allActive()) {
        if (starting.has(takeover.id)) continue
        try {
          const tracker = await rasa.tracker(takeover.senderId)
          const fresh = tracker.events.filter((e) => (e.timestamp ?? 0) > takeover.lastEventTime)
          if (fresh.length > 0) {
            await takeovers.markSeen(takeover.id, latestTime(fresh))
            if (fresh.some((e) => e.event === 'user')) await takeovers.touch(takeover.id)
            feed.publish(takeover.id, { type: 'events', events: fresh })
          }
          if (!tracker.paused && restartedSince(tracker, takeover.startedAt)) {
            await handBack(takeover, 'bot', 'percakapan_diulang')
            continue
          }
        } catch (err) {
          logger.warn(
            { takeover: takeover.id, reason: (err as Error).message },
            'takeover monitor: tracker not readable'
          )
        }
        const current = await takeovers.find(takeover.id)
        if (current === undefined || current.endedAt !== null) continue
        if (now - Date.parse(current.lastActivityAt) >= deps.idleMinutes * 60_000)
          await handBack(current, 'bot', 'menganggur')
      }
    }
  }
}

export type TakeoverService = ReturnType<typeof createTakeoverService>
