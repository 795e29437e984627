import re

import pytest

from conditions.rendering import render_markdown, section_anchors


def test_tables_render():
    html = render_markdown("| Drug | Use |\n|:--|--|\n| cetirizine | itch |")

    assert "<table>" in html
    assert "<td" in html and "cetirizine" in html


def test_headings_in_a_body_get_prefixed_anchors():
    html = render_markdown("# When to seek help\n\ntext", anchor="symptoms")

    assert '<h3 id="symptoms-when-to-seek-help">When to seek help</h3>' in html


def test_citation_markers_link_to_numbered_references():
    html = render_markdown(
        "Flushing is common [1] and itching too [2, 3].", reference_count=3
    )

    assert '<sup class="citation">[<a href="#ref-1"' in html
    assert '>2</a>, <a href="#ref-3"' in html


def test_citation_ranges_expand():
    html = render_markdown("See [1-3].", reference_count=3)

    assert html.count('href="#ref-') == 3


def test_citation_to_missing_reference_stays_plain_text():
    html = render_markdown("Supported [1], unsupported [7].", reference_count=2)

    assert 'href="#ref-1"' in html
    assert "[7]" in html
    assert "#ref-7" not in html


def test_citation_before_a_colon_is_linked():
    html = render_markdown(
        "As the registry showed [2]: most attacks pass within hours.",
        reference_count=2,
    )

    assert 'showed <sup class="citation">[<a href="#ref-2"' in html
    assert "</sup>: most attacks" in html


def test_reference_style_link_definition_still_defines_a_link():
    html = render_markdown(
        "Read [the guideline][1] first, as advised [1]: it is short.\n"
        "\n"
        "[1]: https://example.org/guideline",
        reference_count=1,
    )

    assert (
        '<a href="https://example.org/guideline" rel="noopener noreferrer">'
        "the guideline</a>"
    ) in html
    assert 'advised <sup class="citation">[<a href="#ref-1"' in html
    # The definition line itself is consumed, not shown or linked.
    assert "https://example.org/guideline" not in html.split("</a>", 1)[1]


def test_markdown_links_are_not_mistaken_for_citations():
    html = render_markdown("[1](https://example.org)", reference_count=1)

    assert '<a href="https://example.org" rel="noopener noreferrer">1</a>' in html


HOSTILE = [
    "<script>alert('x')</script>",
    "<style>body{display:none}</style>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    '<a href="data:text/html;base64,PHNjcmlwdD4=">data</a>',
    "![pixel](data:image/png;base64,iVBORw0KGgo=)",
    '<iframe src="https://evil.example"></iframe>',
    '<p onclick="steal()" style="position:fixed">text</p>',
    "<svg><script>alert(1)</script></svg>",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_markdown_never_reaches_a_reader(payload):
    html = render_markdown(f"{payload}\n\nThe safe paragraph.").lower()

    assert "<p>the safe paragraph.</p>" in html

    for forbidden in [
        "<script",
        "<style",
        "onerror",
        "onclick",
        "javascript:",
        "data:",
        "<iframe",
        "style=",
        "alert(",
    ]:
        assert forbidden not in html


def test_section_anchors_are_unique_and_never_clash_with_page_ids():
    assert section_anchors(
        ["Symptoms", "Symptoms", "Ref 1", "References", "", "Main"]
    ) == [
        "s-symptoms",
        "s-symptoms-2",
        "s-ref-1",
        "s-references",
        "s-section",
        "s-main",
    ]


@pytest.mark.parametrize(
    "payload",
    [
        '<h3 id="csrfmiddlewaretoken">Heading</h3>',
        '<h3 id="main" class="x">Heading</h3>',
        '<p>Claim<sup class="citation">[<a href="#ref-1">1</a>]</sup></p>',
        '<p>Text <a id="ref-1" class="ref-url" href="https://example.org">a</a></p>',
        "### Heading {: #main .lead }",
    ],
)
def test_author_written_ids_and_classes_never_survive(payload):
    html = render_markdown(payload, reference_count=1, anchor="s-symptoms")

    # Only the renderer's own heading id, from the heading's text, is left.
    ids = re.findall(r'id="([^"]*)"', html)
    assert all(value.startswith("s-symptoms-") for value in ids)
    assert "class=" not in html


def test_the_renderers_own_ids_and_classes_survive_without_their_mark():
    html = render_markdown("# Main\n\nClaim [1].", reference_count=1, anchor="s-x")

    assert '<h3 id="s-x-main">Main</h3>' in html
    assert '<sup class="citation">[<a href="#ref-1"' in html
    assert "own" not in html


def test_a_heading_called_main_never_takes_the_pages_main_id():
    [anchor] = section_anchors(["Main"])

    html = render_markdown("# Main", anchor=anchor)

    assert anchor != "main"
    assert 'id="main"' not in html
