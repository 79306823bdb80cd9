#!/usr/bin/env python3
"""Chooses the consecutive version pairs of the shared histories to label, and shows a pair's word
diff for reading. Independent of Clausewatch on purpose: labels come from reading this diff, never
from the classifier being measured.

  pairs.py sample SHARED_DATA_DIR        prints the sampled pairs (JSON lines: id, split, bucket)
  pairs.py show SHARED_DATA_DIR PAIR_ID  prints the word diff of one pair
  pairs.py holdout SHARED_DATA_DIR       prints a second evaluation draw (seed 15): eval-split pairs
                                         that sample.jsonl does not hold, up to 16 per document

A pair id is "<history>/<platform>/<document>/<older file>..<newer file>". Sampling (seed 14): per
document, the consecutive pairs whose content differs are bucketed by how many words changed
(small <= 12, medium <= 150, large), and up to 6 (dev) or 14 (eval) are drawn, half from the small bucket where it has
them (the hard cases: typos, spacing, invisible characters, variants), the rest from all. The split
is by document (sha1 of the document path: first hex digit 0-7 dev, 8-f eval), so no document is in both.
"""
import difflib, hashlib, json, random, re, sys
from pathlib import Path

HISTORIES = ["ota-history", "pga-v1-history"]
PER_DOCUMENT = {"dev": 6, "eval": 14}  # the eval split is what the figures are reported on
VISIBLE = {"\u200b": "⟨ZWSP⟩", "\u200c": "⟨ZWNJ⟩", "\u200d": "⟨ZWJ⟩", "\u00a0": "⟨NBSP⟩", "\u00ad": "⟨SHY⟩",
           "\ufeff": "⟨BOM⟩", "\u2060": "⟨WJ⟩", "\u202f": "⟨NNBSP⟩", "\t": "⟨TAB⟩"}


def documents(root):
    for history in HISTORIES:
        for manifest in sorted((root / history).glob("*/*/manifest.json")):
            yield history, manifest


def pairs_of(root, history, manifest):
    versions = json.loads(manifest.read_text()).get("versions", [])
    doc = f"{history}/{manifest.parent.parent.name}/{manifest.parent.name}"
    out = []
    for older, newer in zip(versions, versions[1:]):
        if older["sha256"] == newer["sha256"]:
            continue
        out.append(f"{doc}/{older['file']}..{newer['file']}")
    return doc, out


def texts(root, pair):
    doc, files = pair.rsplit("/", 1)
    older, newer = files.split("..")
    return (root / doc / older).read_text(encoding="utf-8"), (root / doc / newer).read_text(encoding="utf-8")


def changed_words(a, b):
    wa, wb = a.split(), b.split()
    sm = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")


def bucket(n):
    return "small" if n <= 12 else "medium" if n <= 150 else "large"


def split_of(doc):
    return "dev" if hashlib.sha1(doc.encode()).hexdigest()[0] in "01234567" else "eval"


def sample(root):
    rnd = random.Random(14)
    for history, manifest in documents(root):
        doc, pairs = pairs_of(root, history, manifest)
        if not pairs:  # a declarations folder, or a single version
            continue
        sized = [(p, changed_words(*texts(root, p))) for p in pairs]
        small = [p for p, n in sized if bucket(n) == "small"]
        rnd.shuffle(small)
        quota = PER_DOCUMENT[split_of(doc)]
        chosen = small[: quota // 2]
        rest = [p for p, _ in sized if p not in chosen]
        rnd.shuffle(rest)
        chosen += rest[: quota - len(chosen)]
        size = dict(sized)
        for p in sorted(chosen):
            print(json.dumps({"id": p, "split": split_of(doc), "bucket": bucket(size[p]), "changedWords": size[p]}))


def holdout(root, taken_file):
    """A second evaluation draw, made after rules had been built against the first one's errors,
    so that the figures reported come from pairs nobody building the classifier had read."""
    taken = {json.loads(line)["id"] for line in open(taken_file)}
    rnd = random.Random(15)
    for history, manifest in documents(root):
        doc, pairs = pairs_of(root, history, manifest)
        if split_of(doc) != "eval":
            continue
        pairs = [p for p in pairs if p not in taken]
        if not pairs:
            continue
        sized = [(p, changed_words(*texts(root, p))) for p in pairs]
        small = [p for p, n in sized if bucket(n) == "small"]
        rnd.shuffle(small)
        chosen = small[:8]
        rest = [p for p, _ in sized if p not in chosen]
        rnd.shuffle(rest)
        chosen += rest[: 16 - len(chosen)]
        size = dict(sized)
        for p in sorted(chosen):
            print(json.dumps({"id": p, "split": "holdout", "bucket": bucket(size[p]), "changedWords": size[p]}))


def visible(s):
    for k, v in VISIBLE.items():
        s = s.replace(k, v)
    return s


def show(root, pair, limit=220):
    a, b = texts(root, pair)
    la, lb = a.splitlines(), b.splitlines()
    sm = difflib.SequenceMatcher(None, la, lb, autojunk=False)
    lines = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        old, new = "\n".join(la[i1:i2]), "\n".join(lb[j1:j2])
        lines.append(f"@@ old lines {i1 + 1}-{i2}, new lines {j1 + 1}-{j2}")
        ctx = la[i1 - 1] if i1 > 0 else ""
        if ctx.strip():
            lines.append("   (before: " + visible(ctx[:160]) + ")")
        wa, wb = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
        ws = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
        out = []
        for o, x1, x2, y1, y2 in ws.get_opcodes():
            if o == "equal":
                seg = "".join(wa[x1:x2])
                out.append(seg if len(seg) < 300 else seg[:140] + " … " + seg[-140:])
            else:
                if x2 > x1:
                    out.append("[-" + "".join(wa[x1:x2]) + "-]")
                if y2 > y1:
                    out.append("{+" + "".join(wb[y1:y2]) + "+}")
        lines.extend(visible("".join(out)).splitlines() or [""])
    total = len(lines)
    print(f"# {pair}\n# {len(a)} -> {len(b)} characters, {changed_words(a, b)} words changed, {total} diff lines")
    print("\n".join(lines[:limit]))
    if total > limit:
        print(f"… {total - limit} more diff lines")


if __name__ == "__main__":
    root = Path(sys.argv[2])
    if sys.argv[1] == "sample":
        sample(root)
    elif sys.argv[1] == "holdout":
        holdout(root, Path(__file__).parent / "sample.jsonl")
    else:
        show(root, sys.argv[3])
