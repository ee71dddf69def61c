import {
  DirectoryUnavailableError,
  type Employee,
  maskNik,
  maskNip,
  type ParsedIdentity,
  parseIdentity
} from '@helpdesk/core'
import type { HelpdeskDeps } from '../composition'
import {
  confirmationDeclinedReply,
  employeeSummary,
  identityCheckUnavailableReply,
  identityRejectedReply,
  lookupLimitedReply,
  nikSummary,
  say,
  ticketNumberIsNotIdentityReply,
  type IdentityRejection
} from '../replies'
import type { SlotValidator, SlotValues, ValidationContext } from '../sdk'
import { lookupLimitRules } from './identity-limits'
import { NO_IDENTITY, SLOT, attempts, failedIdentityStatus } from './slots'
import { withoutTicketNumbers } from './ticket-number'

export interface IdentityPolicy {
  /** Form name, for the audit trail. */
  form: string
  /** Whether a NIK is an acceptable identity (TTE) or only an NIP is. */
  acceptNik: boolean
  /** Whether a NIK missing from the directory is accepted (non-ASN staff registering for TTE). */
  allowUnknownNik: boolean
}

const masked = (identity: ParsedIdentity): string =>
  identity.kind === 'nik' ? maskNik(identity.digits) : maskNip(identity.digits)

/**
 * Validators for the `identitas` and `konfirmasi` slots shared by the three forms: structural
 * check with the precise Indonesian reason, lookup limits (per chat, per NIP/NIK, global; see
 * identity-limits.ts), directory lookup, masked
 * summary for the confirmation, limited attempts (then `status_identitas = gagal`).
 */
export function createIdentityValidators(
  deps: Pick<HelpdeskDeps, 'store' | 'limits' | 'logger' | 'directory' | 'clock'>,
  policy: IdentityPolicy
): { identitas: SlotValidator; konfirmasi: SlotValidator } {
  const { store, limits, logger } = deps

  async function failAttempt(
    rejection: IdentityRejection,
    code: string,
    { dispatcher, tracker }: ValidationContext
  ): Promise<SlotValues> {
    const count = attempts(tracker) + 1
    await store.audit.record(tracker.senderId, 'identity_failed', {
      form: policy.form,
      reason: code,
      attempt: count
    })
    const exhausted = count >= limits.maxAttempts
    say(dispatcher, identityRejectedReply(rejection, { count, exhausted }))
    if (exhausted) {
      return {
        [SLOT.identitas]: NO_IDENTITY,
        [SLOT.status]: 'gagal',
        [SLOT.percobaan]: count,
        [SLOT.ringkasan]: null,
        [SLOT.jenisIdentitas]: null
      }
    }
    return {
      [SLOT.identitas]: null,
      [SLOT.percobaan]: count,
      [SLOT.ringkasan]: null,
      [SLOT.jenisIdentitas]: null
    }
  }

  const valid = (identity: ParsedIdentity, summary: string): SlotValues => ({
    [SLOT.identitas]: identity.digits,
    [SLOT.jenisIdentitas]: identity.kind,
    [SLOT.ringkasan]: summary,
    [SLOT.status]: 'valid'
  })

  async function lookup(identity: ParsedIdentity): Promise<Employee | undefined> {
    const employee =
      identity.kind === 'nik'
        ? await deps.directory.findByNik(identity.digits)
        : await deps.directory.findByNip(identity.digits)
    return employee?.aktif === true ? employee : undefined
  }

  const identitas: SlotValidator = async (value, ctx) => {
    const { dispatcher, tracker } = ctx
    if (value === NO_IDENTITY) return { [SLOT.identitas]: NO_IDENTITY }
    // A ticket number is never an identity: it is left out, and a message with nothing else is
    // not looked up and uses up no attempt (issue 15).
    const rest = typeof value === 'string' ? withoutTicketNumbers(value) : undefined
    if (rest !== undefined && !/\d/.test(rest)) {
      say(dispatcher, ticketNumberIsNotIdentityReply())
      return { [SLOT.identitas]: null }
    }
    const parsed = parseIdentity(rest ?? value, {
      acceptNik: policy.acceptNik,
      now: deps.clock.now()
    })
    if (!parsed.ok)
      return failAttempt({ kind: 'invalid', message: parsed.error.message }, parsed.error.code, ctx)
    const identity = parsed.identity

    const decision = await store.identityLimits.consume(
      lookupLimitRules(limits, tracker.senderId, identity.digits)
    )
    if (!decision.allowed) {
      await store.audit.record(tracker.senderId, 'identity_lookup_limited', {
        form: policy.form,
        limit: decision.rule
      })
      logger.warn({ form: policy.form, limit: decision.rule }, 'identity lookup limit reached')
      say(dispatcher, lookupLimitedReply(decision.rule, limits))
      return {
        [SLOT.identitas]: NO_IDENTITY,
        [SLOT.status]: 'dibatasi',
        [SLOT.ringkasan]: null,
        [SLOT.jenisIdentitas]: null
      }
    }
    await store.audit.record(tracker.senderId, 'identity_lookup', {
      form: policy.form,
      jenis: identity.kind,
      identitas: masked(identity)
    })

    let employee: Employee | undefined
    try {
      employee = await lookup(identity)
    } catch (err) {
      if (!(err instanceof DirectoryUnavailableError)) throw err
      logger.warn(
        { form: policy.form, reason: err.message },
        'directory unavailable during identity check'
      )
      say(dispatcher, identityCheckUnavailableReply())
      return {
        [SLOT.identitas]: NO_IDENTITY,
        [SLOT.status]: 'gagal',
        [SLOT.ringkasan]: null,
        [SLOT.jenisIdentitas]: identity.kind
      }
    }
    if (employee !== undefined) return valid(identity, employeeSummary(employee, identity))
    if (identity.kind === 'nik' && policy.allowUnknownNik)
      return valid(identity, nikSummary(identity))
    return failAttempt({ kind: 'not_found', identityKind: identity.kind }, 'not_found', ctx)
  }

  const konfirmasi: SlotValidator = async (value, { dispatcher, tracker }) => {
    if (value === true || value === 'true') return { [SLOT.konfirmasi]: true }
    if (value !== false && value !== 'false') return { [SLOT.konfirmasi]: null }
    const count = attempts(tracker) + 1
    await store.audit.record(tracker.senderId, 'identity_failed', {
      form: policy.form,
      reason: 'not_confirmed',
      attempt: count
    })
    const exhausted = count >= limits.maxAttempts
    say(dispatcher, confirmationDeclinedReply({ count, exhausted }))
    if (exhausted) {
      return {
        [SLOT.konfirmasi]: false,
        [SLOT.identitas]: NO_IDENTITY,
        [SLOT.status]: 'gagal',
        [SLOT.percobaan]: count,
        [SLOT.ringkasan]: null
      }
    }
    return {
      [SLOT.konfirmasi]: null,
      [SLOT.identitas]: null,
      [SLOT.ringkasan]: null,
      [SLOT.jenisIdentitas]: null,
      [SLOT.status]: null,
      [SLOT.percobaan]: count
    }
  }

  return { identitas, konfirmasi }
}

/** Required slots without `konfirmasi` once the identity failed or was limited (design doc). */
export function withoutConfirmationWhenFailed(slots: string[], status: unknown): string[] {
  return failedIdentityStatus(status) !== undefined
    ? slots.filter((s) => s !== SLOT.konfirmasi)
    : slots
}
