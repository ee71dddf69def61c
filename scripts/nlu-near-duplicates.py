"""Reports near-duplicates between the Rasa training data and the held-out NLU sets.

Usage: nlu-near-duplicates.py [--threshold T] [--top N] [--write-overlap]
  (no options)      exits 1 when a held-out example is a near-duplicate of a training example
                    (for the independent set: one not listed in OVERLAP_FILE)
  --top N           prints the N most similar held-out/training pairs (measuring, no failure)
  --write-overlap   records the independent set's current near-duplicates in OVERLAP_FILE
                    (done once, when the set was copied in, against the training data of then)

The project's own held-out file (tests/nlu-heldout.yml) must have no near-duplicate at all. The
independent set (tests/nlu-heldout-independent.yml) was written blind, so some of its everyday
messages ("halo min", "bye") were already in the training data when it arrived; those are kept
(they are what people write) and listed in OVERLAP_FILE, and the evaluation also reports the
accuracy without them. Any other independent example that becomes a near-duplicate means a
held-out message leaked into the training data, and fails the check.

Similarity: cosine of character 3-gram count vectors, each word padded with spaces (the
`char_wb` analyzer the pipeline uses), after removing entity annotations, lower-casing,
collapsing punctuation, dropping address terms and particles (FILLERS) and writing every
number as the one word 0 (two NIPs in the same sentence frame count as the same text). An exact match is 1.0; "lupa password simasn kak" vs "lupa password simasn" is
0.90; "status tte saya gimana kak" vs "status tte sy gmn kak" is 0.66. A held-out example at
or above THRESHOLD (default 0.80, docs/nlu-evaluation.md) against any training example is
reported as a near-duplicate. Standard library only: runs with any Python 3.
"""
import math
import re
import sys
from collections import Counter
from pathlib import Path

THRESHOLD = 0.80
ROOT = Path(__file__).resolve().parent.parent
PROJECT = ROOT / "rasa-project"
HELDOUT_GLOB = "nlu-heldout*.yml"
INDEPENDENT = "nlu-heldout-independent.yml"
OVERLAP_FILE = ROOT / "scripts" / "nlu-heldout-independent-overlap.txt"

# address terms and particles people add to any message: "pagi min" is the training example
# "pagi" again, so they are left out before comparing
FILLERS = {"min", "mimin", "kak", "ka", "pak", "bu", "bapak", "ibu", "gan", "mas", "mbak", "bang",
           "ya", "yah", "yaa", "dong", "deh", "nih", "sih", "kok", "lho", "loh", "tuh"}

ANNOTATION = re.compile(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})")


def examples(path: Path) -> list:
    """(intent, raw line) of every example of a Rasa YAML NLU file (intents only)."""
    out = []
    intent = None
    in_block = False
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        m = re.match(r"^-\s+(intent|synonym|regex|lookup):\s*(\S+)", stripped)
        if m:
            intent = m.group(2) if m.group(1) == "intent" else None
            in_block = False
            continue
        if stripped.startswith("examples: |"):
            in_block = intent is not None
            continue
        if in_block and stripped.startswith("- "):
            out.append((intent, stripped[2:]))
        elif stripped and not line.startswith("      "):
            in_block = False
    return out


def normalise(text: str) -> str:
    text = ANNOTATION.sub(r"\1", text).lower()
    # a NIP/NIK (any grouping) counts as one word: the words around it decide the similarity
    text = re.sub(r"\d(?:[\d .-]*\d)?", " 0 ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(w for w in text.split() if w not in FILLERS)


def grams(text: str) -> Counter:
    out = Counter()
    for word in text.split():
        padded = f" {word} "
        if len(padded) < 3:
            out[padded] += 1
        for i in range(len(padded) - 2):
            out[padded[i:i + 3]] += 1
    return out


def cosine(a: Counter, b: Counter) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    return dot / (math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values())))


def pairs(threshold: float):
    """Yields (similarity, held-out file, held-out intent, held-out text, training intent, training text)."""
    train = []
    for f in sorted((PROJECT / "data").glob("*.yml")):
        for intent, text in examples(f):
            train.append((intent, text, grams(normalise(text))))
    for f in sorted((PROJECT / "tests").glob(HELDOUT_GLOB)):
        for intent, text in examples(f):
            g = grams(normalise(text))
            best = max(((cosine(g, tg), ti, tt) for ti, tt, tg in train), default=(0.0, "", ""))
            if best[0] >= threshold:
                yield best[0], f.name, intent, text, best[1], best[2]


def known_overlap() -> set:
    if not OVERLAP_FILE.exists():
        return set()
    return {line.strip() for line in OVERLAP_FILE.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def main() -> int:
    args = sys.argv[1:]
    if "--write-overlap" in args:
        found = sorted({ht for _, f, _, ht, _, _ in pairs(THRESHOLD) if f == INDEPENDENT})
        OVERLAP_FILE.write_text(
            "# Examples of rasa-project/tests/nlu-heldout-independent.yml that were already near-duplicates\n"
            f"# (character 3-gram cosine >= {THRESHOLD}) of the training data when the set was copied in.\n"
            "# Written once by `scripts/nlu-near-duplicates.py --write-overlap`; never add lines by hand.\n"
            + "".join(f"{t}\n" for t in found), encoding="utf-8")
        print(f"nlu-near-duplicates: {len(found)} known overlaps written to {OVERLAP_FILE.name}")
        return 0
    threshold = float(args[args.index("--threshold") + 1]) if "--threshold" in args else THRESHOLD
    if "--top" in args:
        n = int(args[args.index("--top") + 1])
        found = sorted(pairs(0.0), reverse=True)[:n]
        for sim, f, hi, ht, ti, tt in found:
            print(f"{sim:.3f}  {f}  [{hi}] {ht}   ~   [{ti}] {tt}")
        return 0
    known = known_overlap()
    found = sorted((p for p in pairs(threshold) if not (p[1] == INDEPENDENT and p[3] in known)), reverse=True)
    for sim, f, hi, ht, ti, tt in found:
        print(f"{sim:.3f}  {f}  [{hi}] {ht}   ~   [{ti}] {tt}")
    if found:
        print(f"nlu-near-duplicates: {len(found)} held-out example(s) with similarity >= {threshold} "
              "to a training example; remove them from the held-out file or reword the training "
              "example", file=sys.stderr)
        return 1
    print(f"nlu-near-duplicates: no held-out example reaches similarity {threshold} with training data")
    return 0


if __name__ == "__main__":
    sys.exit(main())
