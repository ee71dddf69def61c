import { createHash } from 'node:crypto'

/**
 * What the analytics tables keep instead of a chat id: enough to count distinct users and to
 * find one chat's rows for an erasure, without the id itself in the table.
 */
export function analyticsSenderKey(senderId: string): string {
  return createHash('sha256').update(`analytics:${senderId}`).digest('hex').slice(0, 32)
}
