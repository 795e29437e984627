"""RSS and Atom feeds of newly approved and updated articles."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from reviews.services import review_record_edit
from tests.factories import make_article, publish

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_rss_lists_approved_articles_with_link_and_summary(client, published):
    response = client.get(reverse("conditions:feed_rss"))

    channel = ET.fromstring(response.content).find("channel")
    [item] = channel.findall("item")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert item.findtext("title") == "Overview"
    assert item.findtext("link").endswith(published.get_absolute_url())
    assert item.findtext("description") == "A summary of Overview."
    categories = [c.text for c in item.findall("category")]
    assert "Condition overview" in categories and "D89.41" in categories


def test_atom_feed_carries_the_same_entries(client, published):
    response = client.get(reverse("conditions:feed_atom"))

    feed = ET.fromstring(response.content)
    [entry] = feed.findall(f"{ATOM}entry")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert entry.findtext(f"{ATOM}title") == "Overview"
    assert entry.findtext(f"{ATOM}summary") == "A summary of Overview."


def test_drafts_are_not_in_the_feed(client, published, condition, editor):
    make_article(condition=condition, by=editor, title="Unapproved")

    channel = ET.fromstring(client.get(reverse("conditions:feed_rss")).content)

    titles = [item.findtext("title") for item in channel.iter("item")]
    assert titles == ["Overview"]


def test_approving_a_revision_is_a_new_feed_item_newest_first(
    client, published, editor, reviewer, condition
):
    other = publish(
        make_article(condition=condition, by=editor, title="Second"),
        editor=editor,
        reviewer=reviewer,
    )
    published.title = "Overview revised"
    published.save()
    review_record_edit(obj=published, by=editor)
    publish(published, editor=editor, reviewer=reviewer)

    channel = ET.fromstring(client.get(reverse("conditions:feed_rss")).content)
    items = channel.find("channel").findall("item")

    assert [i.findtext("title") for i in items] == ["Overview revised", "Second"]
    assert items[0].findtext("guid").endswith("#version-2")
    assert other


def test_every_page_links_both_feeds(client):
    page = client.get(reverse("conditions:home")).content.decode()

    rss = reverse("conditions:feed_rss")
    assert 'type="application/rss+xml" title="Newly approved articles (RSS)" ' in page
    assert f'href="{rss}"' in page
    assert reverse("conditions:feed_atom") in page


HOSTILE_SUMMARY = "Flushing <img src=x onerror=alert(1)> & itching"


@pytest.fixture
def hostile_summary(draft, editor, reviewer):
    draft.summary = HOSTILE_SUMMARY
    draft.save()
    publish(draft, editor=editor, reviewer=reviewer)
    return draft


def test_rss_sends_the_summary_as_escaped_text(client, hostile_summary):
    content = client.get(reverse("conditions:feed_rss")).content

    [item] = ET.fromstring(content).find("channel").findall("item")
    # Readers decode the description as HTML: it must show the tag as text.
    assert item.findtext("description") == (
        "Flushing &lt;img src=x onerror=alert(1)&gt; &amp; itching"
    )
    assert b"<img" not in content


def test_atom_sends_the_summary_as_text(client, hostile_summary):
    content = client.get(reverse("conditions:feed_atom")).content

    [entry] = ET.fromstring(content).findall(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "text"
    assert summary.text == HOSTILE_SUMMARY
    assert b"<img" not in content
    assert b'type="html"' not in content
