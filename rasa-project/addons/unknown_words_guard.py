"""A gibberish guard for the NLU pipeline: a message with no known word falls back.

DIET always spreads its confidence over the 14 intents, and keyboard mashing ("asdf qwerty",
"qwertyuiop") shares enough character n-grams with short training messages ("tq", "ty") to be
given one of them with high confidence. This component learns the vocabulary of the training
examples and, at prediction time, sets the intent confidence to 0 when no word of the message is
known, so the FallbackClassifier that follows turns it into `nlu_fallback` ("coba ulangi").

A word counts as known when it is in the training vocabulary, is at most `max_edit_distance`
edits away from a vocabulary word of at least `min_fuzzy_length` letters (typos: "pasword",
"lupaa"), or contains a digit (NIP/NIK, wrong-length numbers: the form validators answer those).
A message with no word at all ("???", emoji only) is unknown too. Registered as an intent
classifier so that it runs after DIETClassifier and before FallbackClassifier (config.yml).
"""
import json
import re
from typing import Any, Dict, List, Optional, Set, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

VOCABULARY_FILE = "vocabulary.json"
WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(text: Text) -> List[Text]:
    return WORD.findall(text.lower())


def within_edits(a: Text, b: Text, limit: int) -> bool:
    """Levenshtein distance of a and b is at most limit (early exit per row)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class UnknownWordsGuard(GraphComponent):
    """Sets the intent confidence to 0 for messages without any known word."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"max_edit_distance": 1, "min_fuzzy_length": 4}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 vocabulary: Optional[Set[Text]] = None) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._vocabulary: Set[Text] = vocabulary or set()
        self._fuzzy_pool = [w for w in self._vocabulary if len(w) >= self._config["min_fuzzy_length"]]

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "UnknownWordsGuard":
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "UnknownWordsGuard":
        try:
            with model_storage.read_from(resource) as directory:
                vocabulary = set(json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8")))
        except ValueError:
            # not trained (e.g. a core-only model): guard nothing rather than fail every message
            vocabulary = set()
        return cls(config, model_storage, resource, vocabulary)

    def train(self, training_data: TrainingData) -> Resource:
        vocabulary: Set[Text] = set()
        for example in training_data.training_examples:
            vocabulary.update(words(example.get(TEXT) or ""))
        for synonym, value in training_data.entity_synonyms.items():
            vocabulary.update(words(synonym))
            vocabulary.update(words(value))
        for table in training_data.lookup_tables:
            for element in table.get("elements", []):
                vocabulary.update(words(str(element)))
        with self._model_storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text(json.dumps(sorted(vocabulary)), encoding="utf-8")
        self._vocabulary = vocabulary
        self._fuzzy_pool = [w for w in vocabulary if len(w) >= self._config["min_fuzzy_length"]]
        return self._resource

    def _known(self, word: Text) -> bool:
        if word in self._vocabulary or any(c.isdigit() for c in word):
            return True
        if len(word) < self._config["min_fuzzy_length"]:
            return False
        limit = self._config["max_edit_distance"]
        return any(within_edits(word, known, limit) for known in self._fuzzy_pool)

    def process(self, messages: List[Message]) -> List[Message]:
        if not self._vocabulary:
            return messages
        for message in messages:
            intent = message.get(INTENT)
            if not intent or not intent.get("name"):
                continue
            if any(self._known(w) for w in words(message.get(TEXT) or "")):
                continue
            message.set(INTENT, {**intent, "confidence": 0.0}, add_to_output=True)
            ranking = message.get(INTENT_RANKING_KEY)
            if ranking:
                message.set(INTENT_RANKING_KEY, [{**r, "confidence": 0.0} for r in ranking],
                            add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
