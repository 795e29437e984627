"""Signals for decoupled extras (search indexing, caches), never the workflow.

Both are sent after the transaction that caused them has committed, with
``sender`` the item's model class and ``item`` the item.
"""

from django.dispatch import Signal

# A new published version went live (``version`` is it).
published = Signal()
# An item stopped being public (archived); ``item`` has no live version now.
unpublished = Signal()
