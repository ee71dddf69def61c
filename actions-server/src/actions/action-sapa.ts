import type { HelpdeskDeps } from '../composition'
import { SLOT, resetRequestSlots } from '../helpdesk/slots'
import { greetingReply, privacyNoticeReply, say } from '../replies'
import { defineAction, slotSet, type Action, type Tracker } from '../sdk'

/** True for /start (the gateway's `metadata.telegram.start`, or the text itself). */
function isStart(tracker: Tracker): boolean {
  const telegram = (
    tracker.latestMessage.metadata as { telegram?: { start?: unknown } } | undefined
  )?.telegram
  if (
    telegram !== undefined &&
    telegram !== null &&
    typeof telegram === 'object' &&
    telegram.start !== undefined
  )
    return true
  return /^\/start\b/.test(tracker.latestMessageText?.trim() ?? '')
}

/**
 * `action_sapa`: the greeting with the service buttons; on /start the personal-data notice first.
 * Resets `jumlah_fallback` (and, outside a form, the other request slots).
 */
export function createActionSapa(deps: Pick<HelpdeskDeps, 'knowledge'>): Action {
  return defineAction({
    name: 'action_sapa',
    run(dispatcher, tracker) {
      if (isStart(tracker)) say(dispatcher, privacyNoticeReply(deps.knowledge))
      say(dispatcher, greetingReply(deps.knowledge))
      // Outside a form a greeting is a fresh start: leftovers of an abandoned request are cleared.
      return tracker.activeLoopName === null
        ? resetRequestSlots()
        : [slotSet(SLOT.jumlahFallback, 0)]
    }
  })
}
