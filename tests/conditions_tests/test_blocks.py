"""Structured blocks in a body: expert quotes, FAQs and "when to get help"
call-outs, rendered by the one rendering module and sanitised."""

import re

import pytest

from conditions.rendering import (
    MAX_BLOCKS,
    MAX_PROBLEMS,
    body_problems,
    render_markdown,
)

QUOTE = """:::quote
Most attacks settle within **hours** [1].

Keep a diary of triggers.
-- Dr Ada Byron | MD, PhD | City Hospital
:::"""

FAQ = """:::faq
? Is it contagious?
No: it cannot pass from one person to another.
? Can children have it?
Yes, but rarely.

- It is milder
- It often passes
:::"""


def test_a_quote_is_a_figure_with_blockquote_and_caption():
    html = render_markdown(QUOTE, reference_count=1)

    assert html.startswith('<figure class="expert-quote"><blockquote><p>Most')
    assert "<strong>hours</strong>" in html
    assert 'href="#ref-1"' in html
    assert (
        '<figcaption><span class="quote-name">Dr Ada Byron</span>, '
        '<span class="quote-credentials">MD, PhD</span>, '
        '<span class="quote-affiliation">City Hospital</span></figcaption>'
    ) in html
    assert "-- Dr Ada" not in html


def test_a_quote_may_name_only_its_speaker():
    html = render_markdown(":::quote\nSaid.\n-- A Patient\n:::")

    assert '<figcaption><span class="quote-name">A Patient</span></figcaption>' in html


def test_an_faq_is_a_list_of_disclosures():
    html = render_markdown(FAQ)

    assert html.count('<details class="faq-item">') == 2
    assert "<summary>Is it contagious?</summary>" in html
    assert '<div class="faq-answer"><p>Yes, but rarely.</p>\n<ul>' in html


@pytest.mark.parametrize(
    ("level", "heading"),
    [
        ("emergency", "Call 999 / your emergency number now"),
        ("urgent", "Get an urgent appointment"),
        ("routine", "See a GP"),
    ],
)
def test_each_help_level_has_its_class_icon_and_heading(level, heading):
    html = render_markdown(f":::help {level}\nIf it gets worse.\n:::")

    assert html.startswith(f'<div class="help help-{level}"><h3 class="help-heading">')
    assert '<svg class="help-icon"' in html and 'aria-hidden="true"' in html
    assert f"</svg>{heading}</h3>" in html
    assert '<div class="help-body"><p>If it gets worse.</p></div>' in html


def test_help_headings_follow_the_bodys_heading_level():
    html = render_markdown(":::help routine\nBook.\n:::", top_heading=2)

    assert '<h2 class="help-heading">' in html


def test_tel_links_work_in_help_blocks_only():
    html = render_markdown(
        "[Ring us](tel:+441234)\n\n:::help emergency\n[Call 999](tel:999)\n:::"
    )

    assert '<a href="tel:999"' in html
    assert "tel:+441234" not in html
    assert "Ring us" in html


@pytest.mark.parametrize(
    "body",
    [
        ':::quote\n<p class="x" onclick="y()">Hi</p><script>z()</script>\n-- N\n:::',
        ":::faq\n? Q\n<b onclick=1>A</b><img src=x onerror=alert(1)>\n:::",
        ":::help urgent\n<a href=\"javascript:alert(1)\" class='help'>go</a>\n:::",
        ":::help urgent\n[data](data:text/html;base64,PHNjcmlwdD4=)\n:::",
    ],
)
def test_author_markup_inside_blocks_is_sanitised(body):
    html = render_markdown(body).lower()

    for forbidden in ["<script", "onclick", "onerror", "javascript:", "data:", "<img"]:
        assert forbidden not in html
    # The only classes are the renderer's own.
    assert set(re.findall(r'class="([^"]*)"', html)) <= {
        "expert-quote",
        "quote-name",
        "faq",
        "faq-item",
        "faq-answer",
        "help help-urgent",
        "help-heading",
        "help-icon",
        "help-body",
    }


def test_questions_are_plain_text():
    html = render_markdown(":::faq\n? Is <b>this</b> *bold*?\nNo.\n:::")

    assert "<summary>Is &lt;b&gt;this&lt;/b&gt; *bold*?</summary>" in html


def test_author_written_block_classes_are_dropped_outside_blocks():
    html = render_markdown('<div class="help help-emergency">Fake alarm</div>')

    assert "class=" not in html
    assert "Fake alarm" in html


MALFORMED = {
    "not closed": (":::quote\nSaid.\n-- N", "Line 1: the “:::quote” block is not"),
    "unknown level": (":::help soon\nGo.\n:::", "needs a level: emergency, urgent"),
    "no level": (":::help\nGo.\n:::", "needs a level"),
    "empty quote": (":::quote\n\n:::", "Line 1: the “:::quote” block is empty."),
    "quote without speaker": (":::quote\nSaid.\n:::", "the quote needs a last line"),
    "quote with only a speaker": (":::quote\n-- N\n:::", "the quote needs a last line"),
    "faq without question": (":::faq\nJust text.\n:::", "an FAQ block is questions"),
    "question without answer": (":::faq\n? Q?\n:::", "an FAQ block is questions"),
    "unknown block": (":::warning\nHot.\n:::", "“:::warning” is not a block"),
    "stray closer": ("Text.\n:::", "Line 2: “:::” closes no block."),
    "inline image": ("See ![x](image:3) here.", "must stand on a line of its own"),
}


@pytest.mark.parametrize(("body", "problem"), MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_block_shows_as_text_and_is_reported(body, problem):
    html = render_markdown(body)
    [found] = body_problems(body)

    assert problem in found
    assert "<figure" not in html and "<details" not in html
    assert 'class="help' not in html
    assert html.startswith("<p>")


def test_a_block_opened_inside_another_reports_the_first_unclosed():
    body = ":::faq\n? Q?\n:::help urgent\nGo.\n:::"

    html = render_markdown(body)

    assert body_problems(body) == [
        "Line 1: the “:::faq” block is not closed by a line “:::”."
    ]
    assert '<div class="help help-urgent">' in html
    assert "<p>:::faq\n? Q?</p>" in html


def test_well_formed_blocks_have_no_problems():
    assert (
        body_problems(f"Intro.\n\n{QUOTE}\n\n{FAQ}\n\n:::help routine\nGo.\n:::") == []
    )


def test_problems_are_capped():
    problems = body_problems(":::faq\n" * 1000)

    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1] == f"… and {1000 - MAX_PROBLEMS} more problems."


def test_blocks_past_the_limit_show_as_text():
    body = ":::help routine\nGo.\n:::\n" * (MAX_BLOCKS + 1)

    html = render_markdown(body)

    assert html.count('class="help help-routine"') == MAX_BLOCKS
    assert html.rstrip().endswith(":::</p>")
    assert "can hold 200 blocks" in body_problems(body)[0]


def test_found_blocks_are_given_as_data():
    found = []

    render_markdown(f"{QUOTE}\n\n{FAQ}", reference_count=1, found=found)

    assert found[0] == {
        "type": "quote",
        "text": "Most attacks settle within hours [1]. Keep a diary of triggers.",
        "name": "Dr Ada Byron",
        "credentials": "MD, PhD",
        "affiliation": "City Hospital",
    }
    assert found[1]["items"][1] == {
        "question": "Can children have it?",
        "answer": "Yes, but rarely. It is milder It often passes",
    }
