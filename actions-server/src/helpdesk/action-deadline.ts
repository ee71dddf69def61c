import { runWithDeadline } from '@helpdesk/core'
import type { Logger } from 'pino'
import { deadlinePassedReply, say } from '../replies'
import { CollectingDispatcher, slotSet, type Action, type ActionResult } from '../sdk'
import { resetRequestSlots } from './slots'

/** Time the safety net adds after the deadline before it answers instead of the action. */
const SAFETY_MARGIN_MS = 250

/**
 * Gives `action` an overall deadline (ACTION_DEADLINE_MS, shorter than the gateway's Rasa
 * timeout). Outbound clients see it (clients/deadline.ts) and fit their attempts and retries
 * inside it, so the action normally finishes in time by itself. If it still runs past the
 * deadline (e.g. a database lock), the user gets an honest answer now and the action finishes in
 * the background: its side effects are kept (a reset still happens, once), its chat output is
 * dropped and logged.
 * - a form validation answers by rejecting the slots it was asked to check (the form asks again,
 *   nothing unchecked is kept);
 * - any other action clears the request slots.
 */
export function withActionDeadline(action: Action, deadlineMs: number, logger: Logger): Action {
  const isValidation = action.name.startsWith('validate_')
  return {
    name: action.name,
    async run(dispatcher, tracker, domain) {
      // Read before the action runs: the action adds its own slot events to this tracker.
      const candidates = Object.keys(tracker.slotsToValidate())
      const own = new CollectingDispatcher()
      const work = runWithDeadline(deadlineMs, async () => await action.run(own, tracker, domain))
      let timer: NodeJS.Timeout | undefined
      const expired = new Promise<'expired'>((resolve) => {
        timer = setTimeout(() => resolve('expired'), deadlineMs + SAFETY_MARGIN_MS)
      })
      const started = Date.now()
      let outcome: ActionResult | 'expired'
      try {
        outcome = await Promise.race([work, expired])
      } finally {
        clearTimeout(timer)
      }
      if (outcome !== 'expired') {
        dispatcher.messages.push(...own.messages)
        return outcome
      }

      logger.warn(
        { action_name: action.name, deadline_ms: deadlineMs },
        'action ran past its deadline; answered without it, it finishes in the background'
      )
      work.then(
        () => {
          logger.warn(
            { action_name: action.name, duration_ms: Date.now() - started },
            'late action finished; its reply was not shown'
          )
        },
        (err: unknown) => {
          logger.error({ action_name: action.name, err }, 'late action failed')
        }
      )
      if (isValidation) {
        say(dispatcher, deadlinePassedReply('validation'))
        return candidates.map((name) => slotSet(name, null))
      }
      say(dispatcher, deadlinePassedReply('action'))
      return resetRequestSlots()
    }
  }
}
