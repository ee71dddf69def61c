import { parseIdentity, type Clock } from '@helpdesk/core'
import { defineFormValidation, type Action } from '../src/sdk'

/** `validate_nip_singkat_form`: accepts an NIP; otherwise says why (in Indonesian) and asks again. */
export function createValidateNipSingkatForm(deps: { clock: Clock }): Action {
  return defineFormValidation({
    formName: 'nip_singkat_form',
    slots: {
      identitas(value, { dispatcher }) {
        const result = parseIdentity(value, { acceptNik: false, now: deps.clock.now() })
        if (result.ok) return { identitas: result.identity.digits }
        dispatcher.utterMessage({ text: result.error.message }) // "NIP harus 18 digit; …"
        return { identitas: null }
      }
    }
  })
}
