"""Demo site pages loaded by `manage.py load_demo`: about us, editorial policy,
advisory board, contact and privacy, each written in Markdown.

Pure data with no Django imports, kept apart from the articles in
``_demo_content.py``. Addresses are examples (example.org) only.
"""

SITE_PAGES = [
    {
        "kind": "about",
        "title": "About us",
        "slug": "about-us",
        "summary": (
            "Who writes this site, who checks it, and who it is for: plain, "
            "medically reviewed information about conditions."
        ),
        "body": """\
# Who we are

We are a small editorial team working with a medical advisory board. Our
editors research and write the articles; the doctors on the board review
every article before anyone can read it. The names of the people who
approved a page are shown on that page.

# What we publish

- **Condition overviews**: what a condition is, its symptoms, causes,
  diagnosis, treatment and outlook, with its ICD-10-CM codes.
- **Treatment guides**: the options, what the evidence says about them, and
  what to ask your care team.
- **Clinical questions**: short answers to questions readers and clinicians
  send us, once a reviewer has checked them.

# Who it is for

We write for patients and the people who care for them, and for
professionals who want a quick, referenced summary. You can tell us which
describes you: sections written mainly for the other group are then folded
away, one click from view.

# How we work

Every article goes through the same steps: an editor drafts it, submits it
for review, and a reviewer who did not write it checks it against the
sources before approving it. Read our [editorial policy](/about/editorial-policy/)
for the details, and meet the [advisory board](/about/advisory-board/).

# Our independence

The site carries no advertising and no sponsored content. Nobody can pay to
have an article written, changed or ranked higher in search.

This is a demonstration site: the articles are written for testing the
software and are not medical advice.
""",
    },
    {
        "kind": "editorial_policy",
        "title": "Editorial policy",
        "slug": "editorial-policy",
        "summary": (
            "How our articles are written, reviewed, dated and corrected, which "
            "sources we use, and how we handle conflicts of interest."
        ),
        "body": """\
# How articles are written

An editor writes each article from published evidence: clinical guidelines,
systematic reviews and original studies in peer-reviewed journals. We write
in plain language, explain medical terms the first time we use them, and say
when the evidence is thin or experts disagree.

# How articles are reviewed

No article is public until a member of our medical advisory board has
approved it. Each article moves through the same steps:

1. **Submitted**: the editor sends the draft for review.
2. **Under review**: a reviewer checks it against its sources. They can ask
   for changes, and the article goes back to the editor.
3. **Approved**: the reviewer signs it off and it is published.

The person who approves an article must not have written or edited that
version of it. The reviewer's name and credentials appear on the page,
together with the date of approval.

# How articles are dated

Every article shows when it was last reviewed and when its next review is
due, usually within a year and sooner for fast-moving treatments. If a
review is overdue, the page says so. A minor fix, such as a typo or a broken
link, is checked by a reviewer but does not change the date of the last full
clinical review.

# Corrections and updates

If you find a mistake, tell us through the [contact page](/about/contact/).
We check every report. Small errors are fixed quickly; anything that changes
the medical content goes through a full review again. While a new version is
being written and reviewed, readers keep seeing the last approved version,
never an unchecked draft. If we withdraw an article, its address says so and
gives the reason.

# Sources and references

Claims that matter for care are backed by numbered references listed at the
end of the article, with links where the source is freely available. We
prefer guidelines and systematic reviews to single studies, and we do not
use press releases, advertising or social media posts as evidence. Codes
come from the official ICD-10-CM code set.

# Conflicts of interest

Reviewers declare their conflicts of interest, such as payments from a
company that makes a treatment discussed in an article. The declaration is
published with their sign-off. A reviewer with a conflict relevant to an
article does not review it. We accept no advertising or sponsorship,
so no company has a say in what we publish.

# What this site is not

Our articles explain conditions in general. They cannot take your history
into account, and they are not a substitute for advice from a doctor who
knows you.
""",
    },
    {
        "kind": "advisory_board",
        "title": "Advisory board",
        "slug": "advisory-board",
        "summary": (
            "The doctors who review and approve every article before it is published."
        ),
        "body": """\
Our medical advisory board reviews every article before it is published and
again when its review falls due. Members check that each statement matches
its sources, that nothing important is missing, and that the article is fair
to readers whatever their situation.

# How members are chosen and checked

Members are practising or academic clinicians in the fields we write about.
Before a member's profile appears here, a site administrator checks their
registration and credentials. If a member changes the details shown here,
the profile is taken down until it has been checked again. Nobody can mark
their own profile as checked.

# Declared interests

Each member declares their conflicts of interest. The declaration appears
below and next to every approval they sign.
""",
    },
    {
        "kind": "contact",
        "title": "Contact us",
        "slug": "contact",
        "summary": (
            "How to reach the editorial team about an article, a correction or "
            "your personal data."
        ),
        "body": """\
We cannot give personal medical advice. If you think you or someone else
needs urgent care, contact your local emergency number now.

# Questions about an article

Each article has a “Have a follow-up question?” link at the end. Questions
sent that way reach the editorial team with the article attached, which
helps us answer quickly. You can also
[request a consultation](/consultation/) through our form.

# Corrections

If you think an article is wrong or out of date, write to
corrections@example.org. Please tell us which article and what you think
should change; a link to your source helps. See our
[editorial policy](/about/editorial-policy/) for what happens next.

# Your personal data

To see, correct or delete what we hold about you, write to
privacy@example.org. Our [privacy notice](/about/privacy/) explains what we
store and for how long.

# Everything else

Write to editors@example.org. We usually reply within a few working days.
""",
    },
    {
        "kind": "privacy",
        "title": "Privacy",
        "slug": "privacy",
        "summary": (
            "What this site stores about you, why, and for how long. In short: "
            "very little, and nothing to track you."
        ),
        "body": """\
# Reading the site

You can read everything without an account. We do not use advertising or
tracking cookies, and we do not sell or share data about what you read.

If you tell us whether you are a patient or carer or a healthcare
professional, we remember your choice in a cookie named `audience` for one
year. It holds only that choice, and you can delete it at any time in your
browser's settings.

# Accounts

Some sections are for signed-in readers. If you create an account we store
your username, your e-mail address and your password, which is kept only as
a salted hash that nobody can read back. When you sign in, a session cookie
keeps you signed in, and a security cookie protects the forms you send.

# Questions and consultation requests

When you send us a question or a consultation request we store your name,
your e-mail address, your message, the article it was about and your
consent. We use them only to answer you. If many readers ask the same thing,
we may write a new article about it, without any of your details.

To stop one sender flooding the form we keep a keyed hash of your network
address, never the address itself, and compare it with recent messages.

We delete every question and request, with the hash, twelve months after we
receive it. A scheduled job does this every day.

# Editors and reviewers

The names and credentials of the reviewers who approve articles are
published with each article and on the [advisory board](/about/advisory-board/)
page. The review history of every article, including who moved it from one
step to the next, is kept as the record of our editorial work.

# Your rights

You can ask to see, correct or delete the personal data we hold about you.
Write to privacy@example.org; see also our [contact page](/about/contact/).
""",
    },
]

# The demo reviewer's public profile: listed on the advisory board once a
# site admin has verified it.
REVIEWER_PROFILE = {
    "credentials": "MD, consultant clinical immunologist (demo)",
    "specialty": "Clinical immunology and allergy",
    "affiliation": "Example University Hospital (demo)",
    "bio": (
        "Runs a clinic for adults with mast cell disorders and rare immune "
        "conditions, and teaches immunology to junior doctors. A fictional "
        "profile for the demonstration site."
    ),
    "conflicts_of_interest": "",
}

PHARMACIST_PROFILE = {
    "credentials": "MPharm, specialist immunology pharmacist (demo)",
    "specialty": "Medicines in allergy and immunology",
    "affiliation": "Example University Hospital (demo)",
    "bio": (
        "Checks the medicines, doses and interactions in the treatment guides "
        "before they are published. A fictional profile for the demonstration "
        "site."
    ),
    "conflicts_of_interest": "",
}
