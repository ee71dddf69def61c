import type { EmployeeDirectory } from '@helpdesk/core'
import { ActionRejectedError, defineAction, slotSet, type Action } from '../src/sdk'

/** `action_status_tte_singkat`: the TTE status of the NIP in `identitas`, as a domain response. */
export function createActionStatusTteSingkat(deps: { directory: EmployeeDirectory }): Action {
  return defineAction({
    name: 'action_status_tte_singkat', // byte for byte as in domain.yml
    async run(dispatcher, tracker) {
      const nip = tracker.getSlot('identitas')
      // → HTTP 400: Rasa treats the action as rejected and predicts again
      if (typeof nip !== 'string') throw new ActionRejectedError('action_status_tte_singkat')
      const employee = await deps.directory.findByNip(nip)
      // the other keys become template variables: {status} in utter_status_tte
      dispatcher.utterMessage({
        response: 'utter_status_tte',
        status: employee?.status_tte ?? 'belum_terdaftar'
      })
      return [slotSet('identitas', null)]
    }
  })
}
