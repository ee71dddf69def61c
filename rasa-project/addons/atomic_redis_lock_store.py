"""Rasa's RedisLockStore with every change of a conversation's lock done atomically.

Several Rasa processes serialise the messages of one conversation with a ticket lock kept in
Redis (rasa/core/lock_store.py). Rasa 3.6's RedisLockStore changes that lock by read-modify-write
without any Redis transaction: `issue_ticket` GETs the lock, adds a ticket and SETs it back, and
`cleanup` removes a ticket and deletes the lock in three separate commands. When two messages of
one user reach two Rasa processes at the same moment, both read "no lock", both write a lock
holding only their own ticket 0, and both handle their message at once: the SQL tracker store
then keeps one message's events and silently drops the other's (seen in e2e/scale; Rasa issue
#9213; the ConcurrentRedisLockStore that was to fix it was reverted from Rasa Open Source in
PR #11428 and exists only in Rasa Pro).

This subclass keeps Rasa's ticket algorithm, key layout and configuration (`url`, `port`, `db`,
`password`, `key_prefix`, ...) and only runs each read-modify-write inside a Redis optimistic
transaction (WATCH the key, MULTI/EXEC; redis-py retries when another process changed the key
in between). endpoints: `lock_store: {type: addons.atomic_redis_lock_store.AtomicRedisLockStore,
url: ..., port: ..., db: ..., key_prefix: ...}`.
"""
import json
import logging
from typing import Any, Callable, Optional, Text, Tuple, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

Result = TypeVar("Result")


class AtomicRedisLockStore(RedisLockStore):
    """RedisLockStore whose ticket changes are Redis transactions (safe across processes)."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        # Rasa builds a custom lock store with `cls(endpoint_config=...)`; the built-in one is
        # built with `RedisLockStore(host=config.url, **config.kwargs)`: the same keys here.
        super().__init__(host=endpoint_config.url or "localhost", **endpoint_config.kwargs)

    def _change(
        self,
        conversation_id: Text,
        change: Callable[[Optional[TicketLock]], Tuple[Optional[TicketLock], Result]],
    ) -> Result:
        """Applies `change` to the stored lock in one transaction; a None lock deletes the key."""
        key = self.key_prefix + conversation_id

        def work(pipe: Any) -> Result:
            serialised = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(serialised)) if serialised else None
            new_lock, result = change(lock)
            pipe.multi()
            if new_lock is None:
                pipe.delete(key)
            else:
                pipe.set(key, new_lock.dumps())
            return result

        return self.red.transaction(work, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Adds a ticket to the conversation's lock (creating it) in one transaction."""

        def add_ticket(lock: Optional[TicketLock]) -> Tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, add_ticket)
        except Exception as e:
            raise LockError(f"Error while acquiring lock. Error:\n{e}")

    def update_lock(self, conversation_id: Text) -> None:
        """Drops expired tickets; a lock that is gone stays gone."""

        def drop_expired(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        """Removes one ticket from the lock."""

        def remove(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._change(conversation_id, remove)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        """Removes the ticket and deletes the lock only if no ticket is left, in one step.

        Rasa's version deletes the key after checking "nobody waits" in a separate command, so a
        ticket issued in between by another process vanishes with it.
        """

        def remove_and_maybe_delete(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._change(conversation_id, remove_and_maybe_delete)
