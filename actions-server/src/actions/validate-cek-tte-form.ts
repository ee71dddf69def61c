import type { HelpdeskDeps } from '../composition'
import {
  createIdentityValidators,
  withoutConfirmationWhenFailed
} from '../helpdesk/identity-validation'
import { isSharedChat, requiredSlotsInSharedChat } from '../helpdesk/private-chat'
import { SLOT } from '../helpdesk/slots'
import { defineFormValidation, type Action } from '../sdk'

/**
 * `validate_cek_tte_form`: an NIP in the directory, or a NIK (a non-ASN request may exist for it),
 * then the same confirmation and limits as the other identity flows.
 */
export function createValidateCekTteForm(
  deps: Pick<HelpdeskDeps, 'store' | 'limits' | 'logger' | 'directory' | 'clock'>
): Action {
  const identity = createIdentityValidators(deps, {
    form: 'cek_tte_form',
    acceptNik: true,
    allowUnknownNik: true
  })
  return defineFormValidation({
    formName: 'cek_tte_form',
    slots: { [SLOT.identitas]: identity.identitas, [SLOT.konfirmasi]: identity.konfirmasi },
    requiredSlots: (domainSlots, { tracker }) =>
      isSharedChat(tracker)
        ? requiredSlotsInSharedChat(domainSlots)
        : withoutConfirmationWhenFailed(domainSlots, tracker.getSlot(SLOT.status))
  })
}
