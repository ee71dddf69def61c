import { LIMIT_BUCKET, identitySubject, type LimitRule } from '@helpdesk/core'
import type { IdentityLimits } from '../composition'

const MINUTE_MS = 60 * 1000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

/**
 * The limits one directory lookup counts against: this chat (per hour), this NIP/NIK from every
 * chat together (per day, so new Telegram accounts or groups do not reset it) and everyone
 * together (per minute, so enumerating many numbers is slow). Checked and counted at once.
 */
export function lookupLimitRules(
  limits: Pick<
    IdentityLimits,
    'lookupsPerHour' | 'lookupsPerSubjectPerDay' | 'lookupsGlobalPerMinute'
  >,
  senderId: string,
  digits: string
): LimitRule[] {
  return [
    {
      name: 'sender',
      bucket: LIMIT_BUCKET.lookupBySender(senderId),
      limit: limits.lookupsPerHour,
      windowMs: HOUR_MS
    },
    {
      name: 'subject',
      bucket: LIMIT_BUCKET.lookupBySubject(identitySubject(digits)),
      limit: limits.lookupsPerSubjectPerDay,
      windowMs: DAY_MS
    },
    {
      name: 'global',
      bucket: LIMIT_BUCKET.lookupGlobal,
      limit: limits.lookupsGlobalPerMinute,
      windowMs: MINUTE_MS
    }
  ]
}
