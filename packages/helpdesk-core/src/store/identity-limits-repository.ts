import { createHash } from 'node:crypto'
import type { Clock } from '../time/clock'
import type { Db } from './database'

/** One limit: at most `limit` counted events in `bucket` during the last `windowMs`. */
export interface LimitRule {
  /** Which limit this is, reported back when it is the one reached (e.g. `subject`). */
  name: string
  /** What is counted, and for whom: see the bucket helpers below. */
  bucket: string
  limit: number
  windowMs: number
}

export type LimitDecision = { allowed: true } | { allowed: false; rule: string }

/** Outcome of asking to record a reset request for one NIP and system. */
export type ResetClaim<T> =
  | { kind: 'claimed'; value: T }
  /** The same NIP and system asked within the repeat window: the earlier request stands. */
  | { kind: 'repeat'; ref: string; at: string }
  /** The NIP reached its reset requests for the day (all systems together). */
  | { kind: 'limited' }

export interface ResetClaimRequest<T> {
  /** Pseudonym of the NIP (identitySubject). */
  subject: string
  system: string
  repeatWindowMs: number
  perDay: number
  /** Runs inside the same transaction once the claim is granted (opens the ticket); its
   * `ref` is stored so a repeat can name the earlier ticket. */
  record: () => { ref: string; value: T }
}

const DAY_MS = 24 * 60 * 60 * 1000
/** Nothing older than the longest window (one day) is needed; a margin keeps clock skew harmless. */
const KEEP_MS = 2 * DAY_MS

/**
 * A pseudonym of a NIP/NIK for the limit table: the limits need "the same person", never the
 * number. (An unkeyed hash of an 18-digit structured number is not anonymous, so the rows are
 * also kept only as long as a window needs them.)
 */
export function identitySubject(digits: string): string {
  return createHash('sha256').update(`identity:${digits}`).digest('hex').slice(0, 32)
}

/** Bucket names, in one place so every process counts the same thing. */
export const LIMIT_BUCKET = {
  lookupBySender: (senderId: string) => `lookup:sender:${senderId}`,
  lookupBySubject: (subject: string) => `lookup:subject:${subject}`,
  lookupGlobal: 'lookup:global',
  resetBySubject: (subject: string) => `reset:subject:${subject}`,
  resetBySubjectAndSystem: (subject: string, system: string) =>
    `reset:subject-system:${subject}:${system}`
} as const

/**
 * Identity limits kept in the store, so they hold across chats, Telegram accounts and several
 * action-server processes sharing one database. Every check-and-count runs in one IMMEDIATE
 * transaction: SQLite's write lock makes two processes queue instead of both reading "4 of 5"
 * and both going ahead.
 */
export interface IdentityLimitsRepository {
  /** Counts one event against every rule, or none when any rule is already at its limit. */
  consume: (rules: readonly LimitRule[]) => LimitDecision
  /**
   * Grants a reset request for this NIP and system unless one was made within the repeat
   * window (→ `repeat` with the earlier ticket) or the NIP's daily limit is reached.
   */
  claimReset: <T>(request: ResetClaimRequest<T>) => ResetClaim<T>
}

export function createIdentityLimitsRepository(db: Db, clock: Clock): IdentityLimitsRepository {
  const countSince = db.prepare(
    'SELECT COUNT(*) AS n FROM identity_limit_events WHERE bucket = ? AND at >= ?'
  )
  const latestSince = db.prepare(
    'SELECT at, ref FROM identity_limit_events WHERE bucket = ? AND at >= ? ORDER BY id DESC LIMIT 1'
  )
  const insert = db.prepare('INSERT INTO identity_limit_events (bucket, at, ref) VALUES (?, ?, ?)')
  const prune = db.prepare('DELETE FROM identity_limit_events WHERE at < ?')

  const since = (now: Date, windowMs: number): string =>
    new Date(now.getTime() - windowMs).toISOString()
  const reached = (now: Date, rule: LimitRule): boolean =>
    (countSince.get(rule.bucket, since(now, rule.windowMs)) as { n: number }).n >= rule.limit

  const consume = db.transaction((rules: readonly LimitRule[]): LimitDecision => {
    const now = clock.now()
    prune.run(since(now, KEEP_MS))
    const hit = rules.find((rule) => reached(now, rule))
    if (hit !== undefined) return { allowed: false, rule: hit.name }
    for (const rule of rules) insert.run(rule.bucket, now.toISOString(), null)
    return { allowed: true }
  })

  const claim = db.transaction((request: ResetClaimRequest<unknown>): ResetClaim<unknown> => {
    const now = clock.now()
    prune.run(since(now, KEEP_MS))
    const pairBucket = LIMIT_BUCKET.resetBySubjectAndSystem(request.subject, request.system)
    const earlier = latestSince.get(pairBucket, since(now, request.repeatWindowMs)) as
      { at: string; ref: string | null } | undefined
    if (earlier !== undefined) return { kind: 'repeat', ref: earlier.ref ?? '', at: earlier.at }
    const subjectBucket = LIMIT_BUCKET.resetBySubject(request.subject)
    if (
      reached(now, {
        name: 'per-day',
        bucket: subjectBucket,
        limit: request.perDay,
        windowMs: DAY_MS
      })
    )
      return { kind: 'limited' }
    const { ref, value } = request.record()
    insert.run(pairBucket, now.toISOString(), ref)
    insert.run(subjectBucket, now.toISOString(), ref)
    return { kind: 'claimed', value }
  })

  return {
    consume: (rules) => consume.immediate(rules),
    claimReset: <T>(request: ResetClaimRequest<T>): ResetClaim<T> =>
      claim.immediate(request) as ResetClaim<T>
  }
}
