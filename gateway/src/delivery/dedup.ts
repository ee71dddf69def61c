/**
 * Remembers the last `capacity` update ids. Webhook redeliveries and restarts can repeat an
 * update; the second copy must not reach Rasa.
 */
export function createDeduplicator(capacity: number): { seen: (id: number) => boolean } {
  const ids = new Set<number>()
  return {
    seen(id) {
      if (ids.has(id)) return true
      ids.add(id)
      if (ids.size > capacity) {
        const oldest = ids.values().next().value
        if (oldest !== undefined) ids.delete(oldest)
      }
      return false
    }
  }
}
