"""The index-of-authors benchmark: a conference with 10,000 people -> the booklet, and what the index costs.

    .venv/bin/python bench/index_bench.py [--people 10000] [--talks 300] [--size A5] [-o bench/out/index.pdf]

The conference is bench/generate.py's (`--talks` talks, with their programme, sessions and chairs) with its
posters replaced: bench/people.py's distinct people (a dozen naming traditions, diacritics, particles,
Greek and Cyrillic) as poster authors, four to six a poster, the first presenting, until every one of
`--people` is an author (about one in five on a second poster too, so entries have several pages).

Two builds are timed: the booklet with the index (the default sections), and the same without it
(theme.yaml's `sections` leaving it out); the difference is what the index costs (laying out its
entries in columns; the names' marks are in both). Printed: people, index entries and pages, total pages,
both times. The PDF with the index is kept (`-o`) to look at its first and last index pages.
It reports and never fails.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import yaml  # noqa: E402

from booklet.build import build_booklet  # noqa: E402
from generate import generate  # noqa: E402
from people import people as make_people  # noqa: E402
from pypdf import PdfReader  # noqa: E402

NO_INDEX = "sections: [committees, programme, abstracts, tutorials, posters, practical]\n"


def write_posters(folder: Path, count: int, seed: int = 0) -> int:
    """posters.yaml with `count` distinct people as authors; returns the number of posters."""
    rng = random.Random(seed)
    found, _ = make_people(count, seed=seed, variants=0.0)
    order = list(range(len(found)))
    order += rng.sample(order, len(order) // 5)  # a fifth on two posters
    posters, at = [], 0
    while at < len(order):
        size = rng.randint(4, 6)
        group = order[at:at + size]
        at += size
        authors = [{"name": found[i][0], "affiliation": found[i][1]} for i in group]
        authors[0]["presenting"] = True
        posters.append({"number": len(posters) + 1, "title": f"Poster number {len(posters) + 1}",
                        "authors": authors})
    (folder / "posters.yaml").write_text(yaml.safe_dump(posters, allow_unicode=True, sort_keys=False),
                                         encoding="utf-8")
    return len(posters)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--talks", type=int, default=300)
    parser.add_argument("--size", default="A5")
    parser.add_argument("-o", "--out", type=Path, default=ROOT / "bench" / "out" / "index.pdf")
    args = parser.parse_args()
    folder = ROOT / "bench" / "out" / "index-conference"
    generate(folder, args.talks, 0)
    posters = write_posters(folder, args.people)
    args.out.parent.mkdir(parents=True, exist_ok=True)

    start = time.perf_counter()
    result = build_booklet(folder, args.out, args.size)
    with_index = time.perf_counter() - start
    (folder / "theme.yaml").write_text(NO_INDEX, encoding="utf-8")
    start = time.perf_counter()
    without = build_booklet(folder, args.out.with_name("without-index.pdf"), args.size)
    without_index = time.perf_counter() - start
    (folder / "theme.yaml").unlink()

    reader = PdfReader(str(args.out))
    first = result.anchors["index"]
    index_pages = [n for n in range(first, len(reader.pages) + 1) if reader.pages[n - 1].get("/Annots")]
    entries = sum(1 for key in result.anchors if key.startswith("person-"))
    print(f"{args.people} poster authors on {posters} posters, {args.talks} talks; {args.size}")
    print(f"booklet: {result.pages} pages (without the index: {without.pages}); index: pages {index_pages[0]}-"
          f"{index_pages[-1]} ({len(index_pages)} pages), {entries} page numbers")
    print(f"build with the index {with_index:.1f} s, without {without_index:.1f} s: the index costs "
          f"{with_index - without_index:.1f} s")
    print(f"kept {args.out} (first index page {index_pages[0]}, last {index_pages[-1]})")


if __name__ == "__main__":
    main()
