import random
import time

from reviews.diff import MAX_WORD_TOKENS, TOO_LONG_NOTE, diff_parts, diff_words


def _words(count: int, seed: int) -> str:
    rng = random.Random(seed)
    vocabulary = [f"word{n}" for n in range(500)]
    lines = []
    for _ in range(count // 10):
        lines.append(" ".join(rng.choice(vocabulary) for _ in range(10)))
    return "\n".join(lines)


def test_short_parts_are_compared_word_by_word():
    html = diff_words("flushing and itching", "flushing and hives")

    assert html == "flushing and <del>itching</del> <ins>hives</ins>"


def test_parts_report_their_status_and_no_note_when_short():
    [part] = diff_parts([("Symptoms", "a b")], [("Symptoms", "a c")])

    assert part.status == "changed"
    assert part.note == ""


def test_a_long_part_is_compared_by_line_with_a_note():
    old = _words(20_000, seed=1)  # about 100 KB
    lines = old.splitlines()
    lines[100] = "an inserted <b>line</b>"
    new = "\n".join(lines)

    [part] = diff_parts([("Body", old)], [("Body", new)])

    assert part.note == TOO_LONG_NOTE
    assert "<ins>an inserted &lt;b&gt;line&lt;/b&gt;" in part.html
    assert part.html.count("<del>") == 1
    assert part.html.count("<ins>") == 1


def test_a_long_part_diff_takes_bounded_time():
    """Two unrelated 1 MB texts: once minutes of difflib, now well under 10 s
    (bench/rendering_limits.py measures it)."""
    old, new = _words(200_000, seed=1), _words(200_000, seed=2)
    assert len(old.split()) > MAX_WORD_TOKENS

    start = time.perf_counter()
    html = diff_words(old, new)

    assert time.perf_counter() - start < 10
    assert html.startswith("<del>")
    assert "<ins>" in html
