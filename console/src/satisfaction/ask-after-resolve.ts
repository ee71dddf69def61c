import { buildSurveyMessage, ticketSurveyKey, type SatisfactionRepository } from '@helpdesk/core'
import type { FastifyBaseLogger } from 'fastify'
import type { UserNotifier } from '../gateway-notifier'

export type SurveyAskOutcome = 'sent' | 'already_asked' | 'not_sent'

/**
 * After staff mark a ticket `selesai`: opens the survey 'tiket:<number>' and sends the rating
 * question with its five buttons to the user's chat, as a message of its own. Asked once per
 * ticket (reopening and resolving again asks nothing more); a survey that could not be delivered
 * is withdrawn, so it is not counted as asked and the next resolve may try again.
 */
export async function askForRatingAfterResolve(
  deps: {
    notifier: UserNotifier
    logger: Pick<FastifyBaseLogger, 'info' | 'warn'>
    satisfaction: SatisfactionRepository
  },
  ticket: { number: string; senderId: string }
): Promise<SurveyAskOutcome> {
  const conversationKey = ticketSurveyKey(ticket.number)
  const opened = await deps.satisfaction.open({
    conversationKey,
    senderId: ticket.senderId,
    source: 'tiket',
    ticketNumber: ticket.number
  })
  if (!opened) return 'already_asked'
  const result = await deps.notifier.send(
    buildSurveyMessage(ticket.senderId, { ticketNumber: ticket.number })
  )
  if (result.delivered) {
    deps.logger.info({ ticket: ticket.number }, 'satisfaction survey sent')
    return 'sent'
  }
  await deps.satisfaction.withdraw(conversationKey)
  deps.logger.warn(
    { ticket: ticket.number, reason: result.reason },
    'satisfaction survey not delivered'
  )
  return 'not_sent'
}
