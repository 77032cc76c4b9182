"""Every sentence of an old README is still in the new README or in the docs it moved to.

For moving text out of README.md without losing any (exit 1 and each missing sentence):
    git show REV:README.md > /tmp/old.md
    python3 scripts/check_moved_sentences.py /tmp/old.md README.md docs/*.md
Sentences are compared with whitespace collapsed and link targets dropped
(`[text](target)` -> `[text]`), so a re-pointed link or a re-wrapped line counts as the same.
"""
import re
import sys
from pathlib import Path


def norm(text):
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return re.sub(r"\s+", " ", text).strip()

def sentences(text):
    out = []
    for block in re.split(r"\n\s*\n", text):
        flat = norm(block)
        if flat.startswith("|") or flat.startswith("#"):  # table rows, headings: line by line
            out += [norm(line) for line in block.splitlines() if norm(line)]
            continue
        out += [s for s in re.split(r"(?<=[.!?:)])\s+(?=[A-Z*(`\-])", flat) if s]
    return out


def main(old_path: str, *new_paths: str) -> int:
    old = Path(old_path).read_text(encoding="utf-8")
    texts = [Path(p).read_text(encoding="utf-8") for p in new_paths]
    new = norm(" ".join(texts))
    rows = {norm(line) for text in texts for line in text.splitlines()}
    missing = [s for s in sentences(old) if s not in new and s not in rows]
    for s in missing:
        print("MISSING:", s[:200])
    print(f"{len(sentences(old))} sentences of {old_path}; {len(missing)} not found in",
          ", ".join(new_paths))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
