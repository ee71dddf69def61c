"""Writes conversations into a tracker store with Rasa's own SQLTrackerStore (Rasa 3.6).

Used by the console's tests so the `events` table is exactly what a running Rasa writes.
Usage: python seed-rasa-tracker.py <sqlite file | postgresql://user:password@host:port/db>   (JSON on stdin)
stdin: [{"sender_id": "...", "events": [<Event.as_dict() JSON>, ...]}, ...] -- batches in the order
Rasa would save them; a batch continues the sender's tracker as Rasa does (retrieve, update, save).
"""
import asyncio
import json
import logging
import sys
from urllib.parse import unquote, urlparse

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker


async def seed(path: str, batches: list) -> None:
    if path.startswith(("postgres://", "postgresql://")):
        url = urlparse(path)
        store = SQLTrackerStore(
            domain=Domain.empty(),
            dialect="postgresql",
            host=url.hostname,
            port=url.port,
            db=url.path.lstrip("/"),
            username=unquote(url.username or ""),
            password=unquote(url.password or ""),
        )
    else:
        store = SQLTrackerStore(domain=Domain.empty(), dialect="sqlite", db=path)
    for batch in batches:
        sender = batch["sender_id"]
        tracker = await store.retrieve(sender) or DialogueStateTracker(sender, [])
        for data in batch["events"]:
            tracker.update(Event.from_parameters(data))
        await store.save(tracker)
    store.engine.dispose()


if __name__ == "__main__":
    logging.disable(logging.CRITICAL)
    asyncio.run(seed(sys.argv[1], json.load(sys.stdin)))
