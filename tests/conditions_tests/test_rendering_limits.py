"""Any body renders, in bounded time: no input crashes or stalls the renderer.

Speed is measured in bench/rendering_limits.py; here a generous alarm only
catches a return of the quadratic (minutes-long) cases.
"""

import signal
from contextlib import contextmanager

import pytest

from conditions.rendering import (
    CHUNK_SIZE,
    MAX_MARKDOWN_CHARS,
    MAX_NESTING,
    render_markdown,
)

MB = 1_000_000

PATHOLOGICAL = {
    "nested ordered lists": "1. " * 500,
    "nested bullet lists": "* " * 1000,
    "nested dash lists": "- " * 1000 + "x",
    "nested lists by indent": "".join("    " * i + "- a\n" for i in range(300)),
    "nested blockquotes": "> " * 1000,
    "blockquotes and lists": "> 1. * " * 400,
    "open brackets 50k": "[" * 50_000,
    "open brackets 1 MB": "[" * MB,
    "unclosed links": "[a](" * 20_000,
    "image openers": "![" * 20_000,
    "nested brackets": "[" * 5_000 + "]" * 5_000,
    "citations in one paragraph": "[1] " * 50_000,
    "nested emphasis": "**_" * 20_000 + "x" + "_**" * 20_000,
    "unclosed emphasis": "*a" * 50_000,
    "unclosed autolinks": "<http://a" * 20_000,
    "unclosed tags": "<b>" * 20_000,
    "huge table": "| a | b |\n|---|---|\n" + "| x [1] | y |\n" * 20_000,
    "wide table": "|" + "a|" * 5_000 + "\n|" + "-|" * 5_000 + "\n|" + "x|" * 5_000,
    "rules in one block": "---\n" * 50_000,
    "setext headings in one block": "a\n=\n" * 20_000,
    "plain text 1 MB": ("Flushing is common and itching too. " * 30 + "\n\n") * 950,
    "one line 1 MB": "word " * 200_000,
    "unclosed blocks": ":::faq\n" * 10_000,
    "unclosed blocks in one paragraph": ":::quote " * 10_000,
    "blocks never closed, each with text": ":::help urgent\ntext\n" * 10_000,
    "many small blocks": ":::faq\n? Q?\nA.\n:::\n" * 10_000,
    "stray closers": ":::\n" * 20_000,
}


@contextmanager
def time_limit(seconds: int):
    def stalled(signum, frame):
        raise TimeoutError(f"rendering took over {seconds} s")

    previous = signal.signal(signal.SIGALRM, stalled)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("body", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_body_renders_in_bounded_time(body):
    with time_limit(10):
        html = render_markdown(body, reference_count=3, anchor="s")

    assert isinstance(html, str)


def test_nesting_is_cut_at_the_limit_and_the_rest_kept_as_text():
    html = render_markdown("1. " * 100 + "deep")

    assert html.count("<ol>") == MAX_NESTING
    assert "1. 1. 1." in html and "deep" in html


def test_normal_nesting_is_unchanged():
    body = "- a\n    - b\n        - c\n\n> quote\n> > inner"

    html = render_markdown(body)

    assert html.count("<ul>") == 3
    assert html.count("<blockquote>") == 2


def test_brackets_beyond_the_limit_stay_as_text():
    html = render_markdown("[" * 2_000 + " then [1]", reference_count=1)

    assert html.count("[") == 2_001
    assert "\ue000" not in html


def test_a_long_body_keeps_its_links_tables_and_citations():
    paragraph = "Flushing is common [1], see [the guide][g].\n\n"
    table = "| Drug | Use |\n|:--|--|\n" + "| cetirizine | itch [1] |\n" * 400
    body = paragraph * 300 + table + "\n[g]: https://example.org/guide\n"
    assert len(body) > 2 * CHUNK_SIZE

    html = render_markdown(body, reference_count=1)

    assert html.count('<a href="https://example.org/guide"') == 300
    assert html.count('href="#ref-1"') == 700
    # The table is cut into several, each with its header.
    assert html.count("</th>") == 2 * html.count("<table>") > 2
    assert html.count("cetirizine") == 400


def test_heading_ids_stay_unique_across_chunks():
    body = "# Same\n\n" + ("text " * 100 + "\n\n") * 50 + "# Same\n"
    assert len(body) > CHUNK_SIZE

    html = render_markdown(body, anchor="s")

    assert 'id="s-same"' in html
    assert 'id="s-same_1"' in html


def test_a_private_use_character_in_input_does_not_become_a_bracket():
    html = render_markdown("a \ue000 b")

    assert "[" not in html


def test_text_beyond_the_markdown_limit_is_shown_as_plain_paragraphs():
    formatted = ("A *claim* [1].\n\n" * (MAX_MARKDOWN_CHARS // 16 + CHUNK_SIZE))[
        : MAX_MARKDOWN_CHARS + 2 * CHUNK_SIZE
    ]
    body = formatted + "\n\nThe *last* <b>word</b> [1]."

    html = render_markdown(body, reference_count=1)

    assert html.startswith("<p>A <em>claim</em>")
    assert html.endswith("<p>The *last* &lt;b&gt;word&lt;/b&gt; [1].</p>")
