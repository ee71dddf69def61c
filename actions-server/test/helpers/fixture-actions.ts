/** Actions used only by the HTTP tests; each exercises one protocol behaviour. */
import {
  ActionRejectedError,
  defineAction,
  defineFormValidation,
  slotSet,
  type Action,
  type Event
} from '../../src/sdk'

export const greetAction = defineAction({
  name: 'action_sapa',
  run(dispatcher, tracker) {
    dispatcher.utterMessage({ response: 'utter_greet', nama: 'Budi' })
    return [slotSet('jumlah_fallback', 0), slotSet('sender_seen', tracker.senderId)]
  }
})

/** Echoes what it read from the tracker/domain, so tests can see how the call was understood. */
export const echoAction = defineAction({
  name: 'action_echo',
  run(dispatcher, tracker, domain) {
    dispatcher.utterMessage({
      text: tracker.latestMessageText,
      json_message_keys: Object.keys(domain),
      nip: tracker.getLatestEntityValues('nip'),
      loop: tracker.activeLoopName,
      events_seen: tracker.events.length
    })
    return []
  }
})

export const validateLupaPasswordForm = defineFormValidation({
  formName: 'lupa_password_form',
  slots: {
    identitas(value, { dispatcher }) {
      const digits = String(value).replace(/\D/g, '')
      if (digits.length === 18) return { identitas: digits }
      dispatcher.utterMessage({
        text: `NIP harus 18 digit; yang Anda kirim ${digits.length} digit.`
      })
      return { identitas: null }
    }
  }
})

export const rejectingAction = defineAction({
  name: 'action_tolak',
  run() {
    throw new ActionRejectedError('action_tolak', 'Slot sistem belum diisi.')
  }
})

export const throwingAction = defineAction({
  name: 'action_rusak',
  async run(_dispatcher, tracker) {
    throw new Error(
      `directory lookup failed for NIP ${String(tracker.getSlot('identitas'))} (phone 081234567890)`
    )
  }
})

/** Returns a slot event without `value`: Rasa would drop the whole reply. */
export const badEventAction: Action = {
  name: 'action_event_rusak',
  run() {
    return [{ event: 'slot', timestamp: null, name: 'identitas' } as unknown as Event]
  }
}

export const fixtureActions: Action[] = [
  greetAction,
  echoAction,
  validateLupaPasswordForm,
  rejectingAction,
  throwingAction,
  badEventAction
]
