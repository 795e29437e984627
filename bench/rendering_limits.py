"""Benchmark: how long hostile input takes to render and to diff.

Each case runs in its own process with a time limit, so a stall shows as
"> limit" rather than hanging the run, and a crash shows its exception.
Usage: .venv/bin/python bench/rendering_limits.py [seconds per case, default 60]
Set BENCH_CODE=/path/to/a/checkout to time another version of the code.
"""

import multiprocessing
import os
import random
import sys
import time
from pathlib import Path

CODE = os.environ.get("BENCH_CODE", str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, CODE)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "condition_site.settings")

MB = 1_000_000


def _words(count: int, seed: int) -> str:
    rng = random.Random(seed)
    vocabulary = [f"word{n}" for n in range(500)]
    return "\n".join(
        " ".join(rng.choice(vocabulary) for _ in range(10)) for _ in range(count // 10)
    )


RENDER_CASES = {
    "nested ordered lists '1. ' * 500": "1. " * 500,
    "nested bullets '* ' * 1000": "* " * 1000,
    "nested dashes '- ' * 1000 + 'x'": "- " * 1000 + "x",
    "nested blockquotes '> ' * 1000": "> " * 1000,
    "open brackets '[' * 50000": "[" * 50_000,
    "unclosed links '[a](' * 20000": "[a](" * 20_000,
    "open brackets 1 MB": "[" * MB,
    "unclosed links 1 MB": "[a](" * (MB // 4),
    "image openers 1 MB": "![" * (MB // 2),
    "citations 1 MB, one paragraph": "[1] " * (MB // 4),
    "nested emphasis 1 MB": "**_" * (MB // 6) + "x" + "_**" * (MB // 6),
    "unclosed autolinks 1 MB": "<http://a" * (MB // 9),
    "table 1 MB": "| a | b |\n|---|---|\n" + "| x [1] | y |\n" * (MB // 14),
    "rules in one block 1 MB": "---\n" * (MB // 4),
    "setext headings 1 MB": "a\n=\n" * (MB // 4),
    "headings 1 MB": "# h\n\n" * (MB // 5),
    "plain text 1 MB": ("Flushing is common and itching too. " * 30 + "\n\n") * 950,
    "one line of words 1 MB": "word " * (MB // 5),
    "unclosed ':::faq' * 10000": ":::faq\n" * 10_000,
    "blocks 1 MB": (
        ":::faq\n? Q [1]?\nA.\n:::\n\n:::help urgent\nGo.\n:::\n\n"
        ":::quote\nSaid.\n-- N | C | A\n:::\n\n"
    )
    * (MB // 80),
    "one block 1 MB": ":::help routine\n" + "word " * (MB // 5) + "\n:::",
}
DIFF_CASES = {
    "diff 100 KB, one line changed": (20_000, True),
    "diff 100 KB, all changed": (20_000, False),
    "diff 1 MB, all changed": (200_000, False),
}


def _run(kind: str, name: str, queue) -> None:
    import django

    django.setup()
    if kind == "render":
        from conditions.rendering import render_markdown

        def job():
            render_markdown(RENDER_CASES[name], reference_count=3, anchor="s")
    else:
        from reviews.diff import diff_words

        words, one_line = DIFF_CASES[name]
        old = _words(words, seed=1)
        if one_line:
            lines = old.splitlines()
            lines[len(lines) // 2] = "one changed line"
            new = "\n".join(lines)
        else:
            new = _words(words, seed=2)

        def job():
            diff_words(old, new)

    start = time.perf_counter()
    try:
        job()
    except BaseException as error:  # noqa: BLE001 - reported, not handled
        queue.put(type(error).__name__)
        return
    queue.put(f"{time.perf_counter() - start:.2f}")


def measure(kind: str, name: str, limit: float) -> str:
    queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=_run, args=(kind, name, queue))
    process.start()
    process.join(limit)
    if process.is_alive():
        process.kill()
        process.join()
        return f"> {limit:.0f}"
    return queue.get()


def main(limit: float) -> None:
    print(f"{'case':<36} {'size':>9} {'seconds':>8}")
    for name, text in RENDER_CASES.items():
        print(f"{name:<36} {len(text):>9} {measure('render', name, limit):>8}")
    for name, (words, _) in DIFF_CASES.items():
        size = len(_words(words, seed=1))
        print(f"{name:<36} {size:>9} {measure('diff', name, limit):>8}")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 60)
