"""Public pages, one module per kind of page.

Every page reads only published versions. A view module never imports
another: what two pages share lives in the QuerySets (``models.py``), the
ICD-10-CM domain (``icd10.py``) or the reader's view of a version
(``reading.py``).
"""
