import type { HelpdeskDeps } from '../composition'
import {
  createIdentityValidators,
  withoutConfirmationWhenFailed
} from '../helpdesk/identity-validation'
import { isSharedChat, requiredSlotsInSharedChat } from '../helpdesk/private-chat'
import { SLOT } from '../helpdesk/slots'
import { defineFormValidation, type Action } from '../sdk'

/** `validate_daftar_tte_form`: NIP (in the directory) or NIK (directory or non-ASN), then confirmation. */
export function createValidateDaftarTteForm(
  deps: Pick<HelpdeskDeps, 'store' | 'limits' | 'logger' | 'directory' | 'clock'>
): Action {
  const identity = createIdentityValidators(deps, {
    form: 'daftar_tte_form',
    acceptNik: true,
    allowUnknownNik: true
  })
  return defineFormValidation({
    formName: 'daftar_tte_form',
    slots: { [SLOT.identitas]: identity.identitas, [SLOT.konfirmasi]: identity.konfirmasi },
    requiredSlots: (domainSlots, { tracker }) =>
      isSharedChat(tracker)
        ? requiredSlotsInSharedChat(domainSlots)
        : withoutConfirmationWhenFailed(domainSlots, tracker.getSlot(SLOT.status))
  })
}
