"""Editors' documents (.docx, saved web pages, Markdown, text) made into drafts.

Each format module turns a file into one Markdown document in which ``#``
lines are sections and deeper headings are sub-headings; ``service`` builds
the draft article and its import report from that.
"""
