import { createHash } from 'node:crypto'
import type { Clock } from '../time/clock'
import type { SqlDb, SqlExecutor } from './sql/sql-db'

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
  /** Runs inside the same transaction once the claim is granted (opens the ticket through
   * `tx`); its `ref` is stored so a repeat can name the earlier ticket. */
  record: (tx: SqlExecutor) => Promise<{ ref: string; value: T }>
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
 * Any constant: the PostgreSQL advisory lock every check-and-count of the identity limits takes,
 * so two action servers queue instead of both reading "4 of 5" and both going ahead.
 */
const IDENTITY_LIMITS_LOCK = 7_350_002

/**
 * Identity limits kept in the store, so they hold across chats, Telegram accounts and several
 * action-server processes sharing one database. Every check-and-count runs in one transaction
 * that first takes a write lock: SQLite's database lock (BEGIN IMMEDIATE), on PostgreSQL a
 * transaction-scoped advisory lock (READ COMMITTED alone would let two counts pass together).
 * The lock is held only for a few statements; identity lookups are rare next to chat turns.
 */
export interface IdentityLimitsRepository {
  /** Counts one event against every rule, or none when any rule is already at its limit. */
  consume: (rules: readonly LimitRule[]) => Promise<LimitDecision>
  /**
   * Grants a reset request for this NIP and system unless one was made within the repeat
   * window (→ `repeat` with the earlier ticket) or the NIP's daily limit is reached.
   */
  claimReset: <T>(request: ResetClaimRequest<T>) => Promise<ResetClaim<T>>
}

export function createIdentityLimitsRepository(sql: SqlDb, clock: Clock): IdentityLimitsRepository {
  const since = (now: Date, windowMs: number): string =>
    new Date(now.getTime() - windowMs).toISOString()

  /** Takes the limits' write lock and drops rows no window needs any more. */
  const begin = async (tx: SqlExecutor, now: Date): Promise<void> => {
    if (tx.dialect === 'postgres') {
      await tx.run('SELECT pg_advisory_xact_lock(?)', [IDENTITY_LIMITS_LOCK])
    }
    await tx.run('DELETE FROM identity_limit_events WHERE at < ?', [since(now, KEEP_MS)])
  }
  const reached = async (tx: SqlExecutor, now: Date, rule: LimitRule): Promise<boolean> => {
    const row = await tx.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM identity_limit_events WHERE bucket = ? AND at >= ?',
      [rule.bucket, since(now, rule.windowMs)]
    )
    return (row?.n ?? 0) >= rule.limit
  }
  const insert = async (
    tx: SqlExecutor,
    bucket: string,
    at: string,
    ref: string | null
  ): Promise<void> => {
    await tx.run('INSERT INTO identity_limit_events (bucket, at, ref) VALUES (?, ?, ?)', [
      bucket,
      at,
      ref
    ])
  }

  return {
    consume: (rules) =>
      sql.transaction(async (tx): Promise<LimitDecision> => {
        const now = clock.now()
        await begin(tx, now)
        for (const rule of rules) {
          if (await reached(tx, now, rule)) return { allowed: false, rule: rule.name }
        }
        for (const rule of rules) await insert(tx, rule.bucket, now.toISOString(), null)
        return { allowed: true }
      }),

    claimReset: <T>(request: ResetClaimRequest<T>): Promise<ResetClaim<T>> =>
      sql.transaction(async (tx): Promise<ResetClaim<T>> => {
        const now = clock.now()
        await begin(tx, now)
        const pairBucket = LIMIT_BUCKET.resetBySubjectAndSystem(request.subject, request.system)
        const earlier = await tx.get<{ at: string; ref: string | null }>(
          'SELECT at, ref FROM identity_limit_events WHERE bucket = ? AND at >= ? ORDER BY id DESC LIMIT 1',
          [pairBucket, since(now, request.repeatWindowMs)]
        )
        if (earlier !== undefined) return { kind: 'repeat', ref: earlier.ref ?? '', at: earlier.at }
        const subjectBucket = LIMIT_BUCKET.resetBySubject(request.subject)
        const perDay = {
          name: 'per-day',
          bucket: subjectBucket,
          limit: request.perDay,
          windowMs: DAY_MS
        }
        if (await reached(tx, now, perDay)) return { kind: 'limited' }
        const { ref, value } = await request.record(tx)
        await insert(tx, pairBucket, now.toISOString(), ref)
        await insert(tx, subjectBucket, now.toISOString(), ref)
        return { kind: 'claimed', value }
      })
  }
}
