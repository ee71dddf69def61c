"""Summarises `rasa test nlu` on the held-out sets and enforces the quality bar.

Usage: rasa-nlu-summary.py <results dir> <markdown doc> [--write-doc]
<results dir> holds one sub-directory per held-out set (SETS below), each the --out of one
`rasa test nlu` run. Writes <results dir>/summary.md; with --write-doc also the generated part
of the committed doc (everything before KEEP_MARKER; what follows the marker is kept as is:
cross-validation figures, method notes). Exits 1 when the project's held-out file shares an
example with the training data or a metric of either set is below its threshold.
Runs with the Rasa venv's Python (standard library only).
"""
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

INTENT_MIN = float(os.environ.get("NLU_MIN_INTENT_ACCURACY", "0.95"))
ENTITY_MIN = float(os.environ.get("NLU_MIN_ENTITY_F1", "0.95"))
# which extractor's output the slots use for each entity (config.yml: the regex extractor
# runs after DIET, and Rasa fills a slot from the last value of an entity)
ENTITY_SOURCE = {"nip": "RegexEntityExtractor", "nik": "RegexEntityExtractor", "sistem": "DIETClassifier"}
# (results sub-directory, file in rasa-project/tests, title)
SETS = [
    ("heldout", "nlu-heldout.yml", "project held-out (de-duplicated)"),
    ("independent", "nlu-heldout-independent.yml", "independent held-out (written blind)"),
]
KEEP_MARKER = "<!-- everything below this line is kept by scripts/rasa-nlu-summary.py -->"
OVERLAP_FILE = Path(__file__).resolve().parent / "nlu-heldout-independent-overlap.txt"

ANNOTATION = re.compile(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})")


def examples(path: Path) -> list:
    """Plain example texts of a Rasa YAML NLU file (annotations removed, lower-cased)."""
    out = []
    in_block = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("examples: |"):
            in_block = True
            continue
        if in_block and line.strip().startswith("- ") and line.startswith("      "):
            out.append(ANNOTATION.sub(r"\1", line.strip()[2:]).strip().lower())
        elif line.strip() and not line.startswith("      "):
            in_block = False
    return out


def known_overlap() -> set:
    """Independent examples that were near-duplicates of the training data when copied in."""
    if not OVERLAP_FILE.exists():
        return set()
    return {ANNOTATION.sub(r"\1", line.strip()).strip().lower()
            for line in OVERLAP_FILE.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def evaluate(results: Path, name: str, title: str, failures: list) -> dict:
    intents = json.loads((results / "intent_report.json").read_text())
    acc = intents["accuracy"]
    if acc < INTENT_MIN:
        failures.append(f"{name}: intent accuracy {acc:.3f} < {INTENT_MIN}")
    per_intent = {k: v for k, v in intents.items()
                  if isinstance(v, dict) and "support" in v and not k.endswith("avg")}
    entities = {}
    for entity, extractor in ENTITY_SOURCE.items():
        report = json.loads((results / f"{extractor}_report.json").read_text())
        m = report.get(entity)
        if m is None:
            failures.append(f"{name}: no {entity} examples evaluated")
            continue
        if m["f1-score"] < ENTITY_MIN:
            failures.append(f"{name}: {entity} F1 {m['f1-score']:.3f} < {ENTITY_MIN}")
        entities[entity] = m
    errors = json.loads((results / "intent_errors.json").read_text())
    successes_file = results / "intent_successes.json"
    successes = json.loads(successes_file.read_text()) if successes_file.exists() else []
    return {"name": name, "title": title, "acc": acc, "intents": per_intent, "entities": entities,
            "errors": errors, "successes": successes, "total": len(errors) + len(successes)}


def main() -> int:
    results = Path(sys.argv[1])
    doc = Path(sys.argv[2])
    write_doc = "--write-doc" in sys.argv[3:]
    project = results.parent.parent
    train = set()
    for f in sorted((project / "data").glob("*.yml")):
        train.update(examples(f))
    heldout = examples(project / "tests" / "nlu-heldout.yml")
    exact_overlap = sorted(set(heldout) & train)

    failures = []
    sets = [evaluate(results / sub, sub, title, failures) for sub, _, title in SETS]
    if exact_overlap:
        failures.append(f"{len(exact_overlap)} held-out examples also in data/: {exact_overlap[:5]}")

    # the independent set without the messages that were already in the training data
    overlap = known_overlap()
    ind = next(s for s in sets if s["name"] == "independent")
    novel = [e for e in ind["errors"] + ind["successes"] if e["text"].strip().lower() not in overlap]
    novel_errors = [e for e in ind["errors"] if e["text"].strip().lower() not in overlap]
    novel_acc = 1 - len(novel_errors) / len(novel) if novel else 0.0

    summary_rows = []
    for s in sets:
        ents = " / ".join(f"{s['entities'][e]['f1-score']:.3f} ({s['entities'][e]['support']})"
                          if e in s["entities"] else "n/a" for e in ENTITY_SOURCE)
        summary_rows.append(f"| {s['title']} | {s['total']} | **{s['acc']:.3f}** "
                            f"({s['total'] - len(s['errors'])}/{s['total']}) | {ents} |")
    summary_rows.append(f"| independent, only messages not already in the training data | {len(novel)} | "
                        f"{novel_acc:.3f} ({len(novel) - len(novel_errors)}/{len(novel)}) | (not computed) |")

    names = sorted(set().union(*(s["intents"].keys() for s in sets)))
    intent_rows = []
    for n in names:
        cells = []
        for s in sets:
            m = s["intents"].get(n)
            cells.append(f"{m['precision']:.2f} / {m['recall']:.2f} / {m['support']}" if m else "–")
        intent_rows.append(f"| {n} | " + " | ".join(cells) + " |")

    confusion = Counter()
    for s in sets:
        for e in s["errors"]:
            confusion[(e["intent"], e["intent_prediction"]["name"], s["name"])] += 1
    pairs = Counter()
    for (exp, pred, _), c in confusion.items():
        pairs[(exp, pred)] += c
    confusion_rows = [
        f"| {exp} | {pred} | {confusion[(exp, pred, 'heldout')]} | {confusion[(exp, pred, 'independent')]} |"
        for (exp, pred), _ in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))]

    error_rows = []
    for s in sets:
        for e in s["errors"]:
            conf = e["intent_prediction"].get("confidence") or 0.0
            error_rows.append(f"| {s['name']} | {e['text']} | {e['intent']} | "
                              f"{e['intent_prediction']['name']} ({conf:.2f}) |")

    md = "\n".join([
        "# NLU evaluation on two held-out sets",
        "",
        "Generated by `UPDATE_NLU_DOC=1 npm run rasa:test-nlu` (`scripts/rasa.sh test-nlu`): the trained",
        "model (`rasa-project/models/helpdesk.tar.gz`) is evaluated with `rasa test nlu` on each",
        "held-out file of `rasa-project/tests/`. Raw reports: `rasa-project/results/nlu/<set>/`",
        "(git-ignored). The stage fails below intent accuracy "
        f"{INTENT_MIN} or entity F1 {ENTITY_MIN} (nip, nik, sistem) on either set, and when a held-out",
        "example is a near-duplicate of a training example (`scripts/nlu-near-duplicates.py`, below).",
        "",
        "| held-out set | examples | intent accuracy | entity F1 (support): nip / nik / sistem |",
        "| --- | --- | --- | --- |",
        *summary_rows,
        "",
        "Per intent, precision / recall / support:",
        "",
        "| intent | " + " | ".join(s["title"] for s in sets) + " |",
        "| --- | " + " | ".join("---" for _ in sets) + " |",
        *intent_rows,
        "",
        "Confusion pairs (expected → predicted, number of held-out messages):",
        "",
        "| expected | predicted | project held-out | independent |",
        "| --- | --- | --- | --- |",
        *(confusion_rows or ["| (none) | | | |"]),
        "",
        "Misclassified held-out messages (prediction and its confidence; `nlu_fallback` means the",
        "bot answers \"coba ulangi\"):",
        "",
        "| set | text | expected | predicted |",
        "| --- | --- | --- | --- |",
        *(error_rows or ["| (none) | | | |"]),
        "",
    ])
    (results / "summary.md").write_text(md, encoding="utf-8")
    if write_doc:
        kept = ""
        if doc.exists():
            old = doc.read_text(encoding="utf-8")
            if KEEP_MARKER in old:
                kept = old[old.index(KEEP_MARKER):]
        doc.write_text(md + "\n" + (kept or KEEP_MARKER + "\n"), encoding="utf-8")
    print(md)
    if failures:
        print("NLU evaluation FAILED: " + "; ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
