import { SLOT } from '../helpdesk/slots'
import { fallbackReply, say } from '../replies'
import { defineAction, slotSet, type Action } from '../sdk'

/** `action_fallback`: asks to rephrase; from the second consecutive miss also offers a human. */
export const actionFallback: Action = defineAction({
  name: 'action_fallback',
  run(dispatcher, tracker) {
    const previous = Number(tracker.getSlot(SLOT.jumlahFallback))
    const count = (Number.isFinite(previous) && previous > 0 ? previous : 0) + 1
    say(dispatcher, fallbackReply(count))
    return [slotSet(SLOT.jumlahFallback, count)]
  }
})
