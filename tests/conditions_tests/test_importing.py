"""Importing documents as drafts: one service for every format."""

import io

import docx
import PIL.Image
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from conditions.importing.service import ImportRefused, import_document
from conditions.models import Article
from images.models import Image
from reviews.models import ReviewState
from reviews.services import TransitionRefused, review_submit
from tests.factories import sign_in, word_file_with_pictures
from tests.skips import seeds_dir

pytestmark = pytest.mark.django_db

SAVED_PAGE = """<!doctype html><html><head><title>Cold sores | Example Clinic</title>
<script>trackVisitor()</script></head><body>
<header><a href="/">Example Clinic</a> <a href="/call">Click to call</a></header>
<nav><ul><li><a href="/a">Conditions</a></li>
<li><a href="/b">Our doctors</a></li></ul></nav>
<main><article>
<h1>Cold sores</h1>
<p>Cold sores are small blisters round the mouth, caused by a common virus.</p>
<h2>Symptoms</h2>
<p>Most people feel tingling around the lips for a day before blisters show.</p>
<ul><li>Tingling or itching</li><li>Small blisters that weep and crust</li></ul>
<h3>In newborn babies</h3>
<p>A baby under four weeks with a cold sore needs a
<a href="https://example.org/gp">doctor</a> straight away.</p>
<h2>Treatment</h2>
<p>Creams shorten an episode a little when started early enough.</p>
<table><tr><th>Medicine</th><th>Form</th></tr><tr><td>Aciclovir</td><td>Cream</td></tr></table>
<blockquote><p>Most cold sores clear on their own within ten days.</p></blockquote>
<p><img src="/media/lip.png" alt="A cold sore at the edge of the lip"></p>
<h2>How long does one last?</h2><p>About a week to ten days in most adults.</p>
<h2>Can I go to work?</h2><p>Yes, if you keep from touching it and wash your hands.</p>
</article></main>
<form><label>Name <input name="n"></label><button>Get Free Consultation</button></form>
<footer>We use cookies. Copyright Example Clinic</footer>
</body></html>"""


def word_file() -> bytes:
    document = docx.Document()
    document.add_heading("Living with hay fever", level=0)
    document.add_paragraph(
        "Hay fever is an allergy to pollen that comes back each year."
    )
    document.add_heading("Symptoms", level=1)
    document.add_paragraph("Sneezing and a runny nose", style="List Bullet")
    document.add_paragraph("Itchy, watering eyes", style="List Bullet")
    document.add_heading("At night", level=2)
    document.add_paragraph(
        "Symptoms are often worse when pollen settles in the evening."
    )
    document.add_heading("Treatment", level=1)
    table = document.add_table(rows=2, cols=2)
    for cell, text in zip(
        table.rows[0].cells + table.rows[1].cells,
        ["Medicine", "Use", "Antihistamine", "Tablets daily"],
        strict=True,
    ):
        cell.text = text
    document.add_paragraph(
        '"Start the tablets before the season begins," says Dr Ana Ruiz, allergist.'
    )
    document.add_heading("Questions", level=1)
    document.add_heading("Will it come back next year?", level=2)
    document.add_paragraph("Usually, when the same pollen is in the air.")
    document.add_heading("Can children have it?", level=2)
    document.add_paragraph("Yes, it often starts in childhood.")
    document.add_heading("References", level=1)
    document.add_paragraph(
        "Smith J, Lee K. Pollen and the nose. Allergy Journal. 2019. doi:10.1000/xyz123"
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def run(name, content, condition, editor):
    return import_document(
        name, content, condition=condition, kind="overview", editor=editor
    )


def sections_of(article):
    return [(s.heading, s.kind, s.body) for s in article.sections.all()]


def test_word_file_becomes_a_draft_with_sections_lists_tables_and_quotes(
    condition, editor
):
    article = run("hay-fever.docx", word_file(), condition, editor).article
    assert article.title == "Living with hay fever"
    assert article.review_state == ReviewState.DRAFT
    assert article.created_by == editor
    assert article.summary.startswith("Hay fever is an allergy")
    headings = [(h, k) for h, k, _ in sections_of(article)]
    assert headings == [
        ("Symptoms", "symptoms"),
        ("Treatment", "treatment"),
        ("Questions", "faq"),
    ]
    symptoms, treatment, questions = (b for _, _, b in sections_of(article))
    assert questions == (
        ":::faq\n? Will it come back next year?\n\n"
        "Usually, when the same pollen is in the air.\n\n"
        "? Can children have it?\n\nYes, it often starts in childhood.\n:::"
    )
    assert "- Sneezing and a runny nose" in symptoms
    assert "# At night" in symptoms.splitlines()
    assert "| Medicine | Use |" in treatment
    assert ":::quote\nStart the tablets before the season begins\n" in treatment
    assert "-- Dr Ana Ruiz | allergist\n:::" in treatment
    reference = article.references.get()
    assert (reference.year, reference.doi) == (2019, "10.1000/xyz123")
    assert reference.title == "Pollen and the nose"


def test_saved_web_page_keeps_main_content_and_reports_furniture(condition, editor):
    result = run("cold-sores.html", SAVED_PAGE.encode(), condition, editor)
    article = result.article
    assert article.title == "Cold sores"
    assert [h for h, _, _ in sections_of(article)] == [
        "Symptoms",
        "Treatment",
        "Questions and answers",
    ]
    bodies = "\n".join(b for _, _, b in sections_of(article))
    assert "- Small blisters that weep and crust" in bodies
    assert "| Aciclovir | Cream |" in bodies
    assert "[doctor](https://example.org/gp)" in bodies
    assert ":::faq\n? How long does one last?" in bodies
    assert ":::quote\nMost cold sores clear" in bodies
    for furniture in (
        "Our doctors",
        "Get Free Consultation",
        "cookies",
        "Click to call",
    ):
        assert furniture not in bodies
        assert any(furniture in item["text"] for item in result.report["left_out"])
    assert "trackVisitor" not in bodies
    assert article.import_report["tables"] == 1
    (image,) = article.import_report["images"]
    assert image["alt"] == "A cold sore at the edge of the lip"
    assert "lip.png" not in bodies


def test_markdown_is_kept_as_written(condition, editor):
    text = (
        "# Gout\n\nGout is a painful swelling of a joint, often the big toe.\n\n"
        "# Causes\n\nToo much uric acid.\n\n## Diet\n\n| Food | Risk |\n"
        "| --- | --- |\n| Beer | High |\n\n# Outlook\n\nAttacks settle.\n"
    )
    article = run("gout.md", text.encode(), condition, editor).article
    assert (
        article.summary == "Gout is a painful swelling of a joint, often the big toe."
    )
    assert sections_of(article) == [
        (
            "Causes",
            "causes",
            "Too much uric acid.\n\n# Diet\n\n| Food | Risk |\n"
            "| --- | --- |\n| Beer | High |",
        ),
        ("Outlook", "outlook", "Attacks settle."),
    ]


def test_text_headings_lists_and_furniture(condition, editor):
    text = (
        "Chilblains\n\nPlease enable JavaScript to use this site.\n\n"
        "Chilblains are itchy swellings on toes after cold and damp weather.\n\n"
        "Symptoms\n\nThey show a few hours after the cold and can burn.\n\n"
        "• Red or purple patches\n• Itching\n\nStep 1 of 4\n\nTreatment\n\n"
        "Keep the feet warm and avoid heating them too quickly afterwards.\n"
    )
    result = run("chilblains.txt", text.encode("utf-16"), condition, editor)
    article = result.article
    assert article.title == "Chilblains"
    assert [h for h, _, _ in sections_of(article)] == ["Symptoms", "Treatment"]
    assert "- Red or purple patches\n- Itching" in article.sections.first().body
    left_out = [item["text"] for item in result.report["left_out"]]
    assert left_out == ["Please enable JavaScript to use this site.", "Step 1 of 4"]


def test_cp1252_text_is_decoded(condition, editor):
    text = "Caf\xe9 au lait spots\n\nFlat brown patches on the skin, seen from birth.\n"
    article = run("spots.txt", text.encode("cp1252"), condition, editor).article
    assert article.title == "Café au lait spots"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.pdf", b"%PDF-1.4", "notes.pdf: refused, only .docx"),
        (
            "big.txt",
            b"a" * (10 * 1024 * 1024 + 1),
            "big.txt: refused, the file is over 10 MB.",
        ),
        (
            "broken.docx",
            b"not a zip",
            "broken.docx: refused, it is not a readable Word",
        ),
        ("bin.txt", bytes(range(256)) * 4, "bin.txt: refused, the text is not UTF-8"),
    ],
)
def test_bad_input_is_refused_naming_the_file(
    condition, editor, name, content, message
):
    with pytest.raises(ImportRefused, match="^" + message.replace(".", r"\.")):
        run(name, content, condition, editor)
    assert not Article.objects.exists()


def test_command_prints_the_report(condition, editor, tmp_path, capsys):
    page = tmp_path / "cold-sores.html"
    page.write_text(SAVED_PAGE)
    call_command(
        "import_documents",
        "--condition", condition.slug,
        "--kind", "overview",
        "--editor", editor.username,
        str(page),
    )  # fmt: skip
    out = capsys.readouterr().out
    assert "Draft “Cold sores”" in out
    assert "section: Symptoms (symptoms)" in out
    assert "left out (form): Name Get Free Consultation" in out


@pytest.mark.seeds
@pytest.mark.parametrize(
    ("prefix", "headings", "left_out"),
    [
        ("000", ["Understanding Monoclonal Mast Cell Activation Syndrome"], "Save"),
        ("002", ["What are the symptoms of Macrophage activation syndrome?"], None),
        (
            "003",
            ["Core Treatment Algorithm", "Second-Line Treatment Options"],
            "Personalize",
        ),
    ],
)
def test_seed_pages_import_at_their_headings(
    condition, editor, prefix, headings, left_out
):
    (path,) = seeds_dir().glob(f"{prefix}_*.txt")
    result = run(path.name, path.read_bytes(), condition, editor)
    found = [s["heading"] for s in result.report["sections"]]
    for heading in headings:
        assert heading in found
    if left_out:
        assert any(left_out in item["text"] for item in result.report["left_out"])


def test_admin_imports_several_files_and_shows_the_report(client, condition, editor):
    sign_in(client, editor)
    changelist = client.get(reverse("admin:conditions_article_changelist"))
    import_url = reverse("admin:conditions_article_import")
    assert import_url in changelist.content.decode()
    response = client.post(
        import_url,
        {
            "condition": condition.pk,
            "kind": "overview",
            "files": [
                SimpleUploadedFile("cold-sores.html", SAVED_PAGE.encode()),
                SimpleUploadedFile("hay-fever.docx", word_file()),
                SimpleUploadedFile("notes.pdf", b"%PDF-1.4"),
            ],
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Notes.pdf: refused, only .docx" in page  # the admin capitalises
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Cold sores",
        "Living with hay fever",
    ]
    article = Article.objects.get(title="Cold sores")
    change = client.get(reverse("admin:conditions_article_change", args=[article.pk]))
    assert "Left out (form): Name Get Free Consultation" in change.content.decode()


def test_admin_import_needs_the_add_article_permission(client, reviewer):
    sign_in(client, reviewer)
    response = client.get(reverse("admin:conditions_article_import"))
    assert response.status_code == 403


def test_pictures_in_a_word_file_go_to_the_image_library_in_place(condition, editor):
    """Each picture becomes a library image placed where it was; one without
    alt text is flagged in the report and blocks submission until fixed."""
    result = run("eczema.docx", word_file_with_pictures("Eczema"), condition, editor)
    described, bare = Image.objects.order_by("pk")
    assert described.alt_text == "Dry, cracked skin on the back of a hand"
    assert described.renditions and bare.alt_text == ""
    body = result.article.sections.get().body
    assert f"{described.reference()}" in body.splitlines()
    assert f"![](image:{bare.pk})" in body.splitlines()
    notes = [image["note"] for image in result.report["images"]]
    assert notes == [
        f"added to the image library as image {described.pk}",
        f"added to the image library as image {bare.pk}; it has no alt text: "
        "add it before submitting",
    ]
    with pytest.raises(TransitionRefused, match="no alt text"):
        review_submit(obj=result.article, by=editor)
    bare.alt_text = "A rash in the crook of an elbow"
    bare.save()
    assert review_submit(obj=result.article, by=editor) == ReviewState.SUBMITTED


def test_an_image_the_page_only_links_to_is_reported_not_fetched(condition, editor):
    result = run("cold-sores.html", SAVED_PAGE.encode(), condition, editor)
    (image,) = result.report["images"]
    assert image["note"] == "left out: it is not inside the document, upload it"
    assert not Image.objects.exists()


def test_a_refused_import_leaves_no_image_behind(condition, editor):
    """A document whose only content is a picture is refused whole."""
    buffer = io.BytesIO()
    PIL.Image.new("RGB", (10, 10)).save(buffer, "PNG")
    document = docx.Document()
    document.add_picture(buffer)
    content = io.BytesIO()
    document.save(content)
    with pytest.raises(ImportRefused, match="no text was found"):
        run("picture.docx", content.getvalue(), condition, editor)
    assert not Image.objects.exists()
