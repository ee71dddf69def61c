import { dump } from 'js-yaml'

/** What one Rasa process of the scale stack talks to. */
export interface ScaleEndpoints {
  /** The action server's webhook, e.g. http://127.0.0.1:5055/webhook. */
  actionUrl: string
  actionsToken: string
  /** postgres://user[:password]@host:port/db of Rasa's SQL tracker store (shared by every Rasa). */
  trackerDatabaseUrl: string
  /** redis://host:port[/db] of Rasa's lock store (shared by every Rasa). */
  redisUrl: string
  /** Alphanumeric prefix of the lock keys, so runs sharing a Redis never see each other's locks. */
  lockKeyPrefix: string
  /**
   * `atomic` (default): rasa-project/addons/atomic_redis_lock_store.py, Rasa's RedisLockStore with
   * each lock change in a Redis transaction. `redis`: Rasa's own RedisLockStore, which lets two
   * processes handle one conversation at once (kept to show the scale test catching that).
   */
  lockStore?: 'atomic' | 'redis'
}

export const ATOMIC_LOCK_STORE = 'addons.atomic_redis_lock_store.AtomicRedisLockStore'

/**
 * An endpoints.yml for one Rasa process of a scaled deployment: Rasa's own SQLTrackerStore on
 * PostgreSQL (`dialect: postgresql`, psycopg2) and a Redis lock store, so every Rasa process
 * reads and writes the same conversations and takes the same per-conversation lock. Values are written
 * literally (no ${VAR}): the file is generated per run and never committed.
 */
export function scaleEndpointsYaml(endpoints: ScaleEndpoints): string {
  const tracker = new URL(endpoints.trackerDatabaseUrl)
  if (!/^postgres(ql)?:$/.test(tracker.protocol))
    throw new Error('the tracker store URL must start with postgres:// or postgresql://')
  const redis = new URL(endpoints.redisUrl)
  if (redis.protocol !== 'redis:') throw new Error('the lock store URL must start with redis://')
  if (!/^[A-Za-z0-9]+$/.test(endpoints.lockKeyPrefix))
    throw new Error('Rasa ignores a lock key prefix that is not alphanumeric')
  const redisDb = redis.pathname.replace(/^\//, '')
  const config = {
    action_endpoint: { url: endpoints.actionUrl, token: endpoints.actionsToken },
    tracker_store: {
      type: 'SQL',
      dialect: 'postgresql',
      url: tracker.hostname,
      port: Number(tracker.port || 5432),
      db: decodeURIComponent(tracker.pathname.replace(/^\//, '')),
      username: decodeURIComponent(tracker.username),
      ...(tracker.password === '' ? {} : { password: decodeURIComponent(tracker.password) })
    },
    lock_store: {
      type: endpoints.lockStore === 'redis' ? 'redis' : ATOMIC_LOCK_STORE,
      url: redis.hostname,
      port: Number(redis.port || 6379),
      db: redisDb === '' ? 0 : Number(redisDb),
      key_prefix: endpoints.lockKeyPrefix,
      ...(redis.password === '' ? {} : { password: decodeURIComponent(redis.password) })
    }
  }
  return dump(config, { lineWidth: -1 })
}
