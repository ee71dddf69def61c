import type { HelpdeskDeps } from '../composition'
import {
  createIdentityValidators,
  withoutConfirmationWhenFailed
} from '../helpdesk/identity-validation'
import { isSharedChat, requiredSlotsInSharedChat } from '../helpdesk/private-chat'
import { SLOT, failedIdentityStatus } from '../helpdesk/slots'
import { say, unknownSystemInFormReply } from '../replies'
import { findSystem, type KnowledgeBase, type SystemEntry } from '@helpdesk/core'
import { defineFormValidation, type Action } from '../sdk'

/** A system by id, display name or synonym, case-insensitive (the NLU normally sends the id). */
export function resolveSystem(kb: KnowledgeBase, value: unknown): SystemEntry | undefined {
  if (typeof value !== 'string') return undefined
  const wanted = value.trim().toLowerCase()
  return (
    findSystem(kb, wanted) ??
    kb.sistem.find(
      (s) =>
        s.nama.toLowerCase() === wanted || s.sinonim.some((alias) => alias.toLowerCase() === wanted)
    )
  )
}

/**
 * `validate_lupa_password_form`: `sistem` must be a knowledge-base system; the route decides the
 * rest — `panduan` needs only the system, `whatsapp`/`petugas` need a confirmed NIP (private chats only).
 */
export function createValidateLupaPasswordForm(
  deps: Pick<HelpdeskDeps, 'knowledge' | 'store' | 'limits' | 'logger' | 'directory' | 'clock'>
): Action {
  const identity = createIdentityValidators(deps, {
    form: 'lupa_password_form',
    acceptNik: false,
    allowUnknownNik: false
  })
  return defineFormValidation({
    formName: 'lupa_password_form',
    slots: {
      [SLOT.sistem]: (value, { dispatcher }) => {
        const system = resolveSystem(deps.knowledge, value)
        if (system !== undefined) return { [SLOT.sistem]: system.id }
        say(dispatcher, unknownSystemInFormReply())
        return { [SLOT.sistem]: null }
      },
      [SLOT.identitas]: identity.identitas,
      [SLOT.konfirmasi]: identity.konfirmasi
    },
    requiredSlots(domainSlots, { tracker }) {
      // In a group only the system is asked: the guide needs nothing personal; any other route ends here.
      if (isSharedChat(tracker)) return requiredSlotsInSharedChat(domainSlots, [SLOT.sistem])
      const status = tracker.getSlot(SLOT.status)
      if (failedIdentityStatus(status) !== undefined)
        return withoutConfirmationWhenFailed(domainSlots, status)
      if (findSystem(deps.knowledge, tracker.getSlot(SLOT.sistem))?.rute_reset === 'panduan') {
        return domainSlots.filter((slot) => slot === SLOT.sistem)
      }
      return domainSlots
    }
  })
}
