"""Plays rasa-project/addons/action_call_retry.py against a loopback action server that fails in
each way Rasa can meet, through Rasa's own RemoteAction and aiohttp (run by
e2e/rest/test/action-call-retry.test.ts with rasa-project/ on PYTHONPATH).

Each case is a path of the fake server; the server counts the calls of each path. A path that
starts with "validate-" is called as a form's validation action. Prints one JSON object:
case -> {"calls": n, "outcome": …}, the outcome being "answered" (the action server's events),
"notice" (the addon's message to the user) or the class name of the exception Rasa gets.
"""
import asyncio
import json
from collections import Counter
from typing import Dict

import addons  # noqa: F401  (installs the retry, as loading the model does)
from addons import action_call_retry
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

# The repeats' rhythm is not what is checked here: keep the run short.
action_call_retry.RETRY_DELAYS_SECONDS = (0.01, 0.01, 0.01, 0.01, 0.01)

ANSWER = b'{"events": [], "responses": []}'
REJECTION = b'{"action_name": "action_x", "error": "rejected"}'

# path -> what the server does on call 1, 2, 3, ... ("drop" closes the connection unanswered)
PLANS: Dict[str, list] = {
    "drop-twice": ["drop", "drop", 200],
    "drop-always": ["drop"] * 10,
    "proxy-503-twice": [503, 503, 200],
    "error-500": [500, 200],
    "rejected-400": [400, 200],
    "validate-drop-always": ["drop"] * 10,
    "validate-error-500": [500, 200],
}
calls: Counter = Counter()


async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    await reader.readexactly(length)
    path = head.split(b" ", 2)[1].decode().strip("/")
    plan = PLANS[path]
    step = plan[min(calls[path], len(plan) - 1)]
    calls[path] += 1
    if step == "drop":
        writer.close()
        return
    body = ANSWER if step == 200 else REJECTION if step == 400 else b"{}"
    writer.write(
        b"HTTP/1.1 %d X\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
        b"Connection: close\r\n\r\n%s" % (step, len(body), body)
    )
    await writer.drain()
    writer.close()


async def main() -> None:
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    domain = Domain.empty()
    outcomes = {}
    for path in PLANS:
        name = "validate_x_form" if path.startswith("validate-") else "action_x"
        action = RemoteAction(name, EndpointConfig(f"http://127.0.0.1:{port}/{path}"))
        try:
            events = await action.run(
                CollectingOutputChannel(),
                TemplatedNaturalLanguageGenerator({}),
                DialogueStateTracker("check", []),
                domain,
            )
            texts = [getattr(event, "text", None) for event in events]
            outcome = "notice" if texts == [action_call_retry.FAILED_ACTION_NOTICE] else "answered"
        except Exception as error:  # the class name is the result
            outcome = type(error).__name__
        outcomes[path] = {"calls": calls[path], "outcome": outcome}
    server.close()
    print(json.dumps(outcomes))


asyncio.run(main())
