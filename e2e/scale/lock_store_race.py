"""Races Rasa lock stores on the real test Redis (run by e2e/scale/run.sh before the jest suite).

Several clients, each with its own Redis connection like separate Rasa processes, change one
conversation's lock at the same instant (a barrier releases them together):

1. four clients issue a ticket each: the four ticket numbers must differ (two equal tickets mean
   two processes handle the conversation at once);
2. the client holding the only ticket cleans up while another issues a ticket: the new ticket
   must still be in the lock afterwards (if the lock is deleted under it, its message fails with
   "Could not acquire lock").

The project's AtomicRedisLockStore (rasa-project/addons) must pass every round; Rasa's own
RedisLockStore is raced the same way and its failures are printed, to show the check bites.
Needs TEST_REDIS_URL and rasa-project/ on PYTHONPATH. Exit 1 when the project's store fails.
"""
import os
import sys
import threading
from typing import Callable, List
from urllib.parse import urlparse

from rasa.core.lock_store import LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from addons.atomic_redis_lock_store import AtomicRedisLockStore

ROUNDS = 100
redis_url = urlparse(os.environ["TEST_REDIS_URL"])
prefix = f"race{os.getpid()}"


def rasa_store() -> LockStore:
    return RedisLockStore(host=redis_url.hostname, port=redis_url.port, db=0, key_prefix=prefix)


def atomic_store() -> LockStore:
    config = EndpointConfig(
        type="addons.atomic_redis_lock_store.AtomicRedisLockStore",
        url=redis_url.hostname,
        port=redis_url.port,
        db=0,
        key_prefix=prefix,
    )
    return AtomicRedisLockStore(endpoint_config=config)


def together(jobs: List[Callable[[], None]]) -> None:
    barrier = threading.Barrier(len(jobs))

    def run(job: Callable[[], None]) -> None:
        barrier.wait()
        job()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def duplicate_tickets(make: Callable[[], LockStore], name: str) -> int:
    failures = 0
    for n in range(ROUNDS):
        stores = [make() for _ in range(4)]
        conversation = f"{name}-issue-{n}"
        tickets: List[int] = []
        together([lambda s=s: tickets.append(s.issue_ticket(conversation, 60)) for s in stores])
        if len(set(tickets)) != len(tickets):
            failures += 1
    return failures


def lost_tickets(make: Callable[[], LockStore], name: str) -> int:
    failures = 0
    for n in range(ROUNDS):
        holder, newcomer = make(), make()
        conversation = f"{name}-cleanup-{n}"
        held = holder.issue_ticket(conversation, 60)
        issued: List[int] = []
        together(
            [
                lambda: holder.cleanup(conversation, held),
                lambda: issued.append(newcomer.issue_ticket(conversation, 60)),
            ]
        )
        lock = newcomer.get_lock(conversation)
        numbers = [ticket.number for ticket in lock.tickets] if lock else []
        if issued[0] not in numbers:
            failures += 1
        newcomer.cleanup(conversation, issued[0])
    return failures


rasa_duplicates = duplicate_tickets(rasa_store, "rasa")
rasa_lost = lost_tickets(rasa_store, "rasa")
atomic_duplicates = duplicate_tickets(atomic_store, "atomic")
atomic_lost = lost_tickets(atomic_store, "atomic")
print(
    f"lock store race, {ROUNDS} rounds each: Rasa's RedisLockStore gave equal tickets in "
    f"{rasa_duplicates} and lost a ticket in {rasa_lost}; AtomicRedisLockStore "
    f"{atomic_duplicates} and {atomic_lost}"
)
sys.exit(1 if atomic_duplicates or atomic_lost else 0)
