"""Reads a file the console exported with Rasa 3.6's own readers and prints what Rasa sees (JSON).

Usage: python rasa-read.py nlu <file>             -> [{"text", "intent", "metadata"}]
       python rasa-read.py story <file> <domain>  -> [{"story", "steps": [...]}]
Exits non-zero when Rasa rejects the file (schema error), or when a story names an intent or action
the domain does not have (Rasa itself would only warn, and `rasa test` would then fail).
"""
import json
import logging
import sys
import warnings

logging.disable(logging.CRITICAL)
warnings.simplefilter("ignore")

from rasa.shared.core.domain import Domain  # noqa: E402
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered  # noqa: E402
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader  # noqa: E402
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader  # noqa: E402


def nlu(path):
    data = RasaYAMLReader().read(path)
    return [
        {"text": m.get("text"), "intent": m.get("intent"), "metadata": m.get("metadata")}
        for m in data.training_examples
    ]


def story(path, domain_path):
    domain = Domain.load(domain_path)
    known_actions = set(domain.action_names_or_texts)
    out = []
    for step in YAMLStoryReader(domain, source_name=path).read_from_file(path):
        steps = []
        for e in step.events:
            if isinstance(e, UserUttered):
                if e.intent_name not in domain.intents:
                    raise SystemExit(f"unknown intent {e.intent_name}")
                steps.append({"user": e.text, "intent": e.intent_name})
            elif isinstance(e, ActionExecuted):
                if e.action_name not in known_actions:
                    raise SystemExit(f"unknown action {e.action_name}")
                steps.append({"action": e.action_name})
            elif isinstance(e, ActiveLoop):
                steps.append({"active_loop": e.name})
            elif isinstance(e, SlotSet):
                steps.append({"slot": e.key, "value": e.value})
        out.append({"story": step.block_name, "steps": steps})
    if not out:
        raise SystemExit("no story read")
    return out


if __name__ == "__main__":
    kind = sys.argv[1]
    result = nlu(sys.argv[2]) if kind == "nlu" else story(sys.argv[2], sys.argv[3])
    print(json.dumps(result))
