"""Signals for decoupled extras (search indexing, caches, the go-live task),
never the workflow.

All are sent after the transaction that caused them has committed, with
``sender`` the item's model class and ``item`` the item.
"""

from django.dispatch import Signal

# A new published version went live (``version`` is it).
published = Signal()
# An item stopped being public (archived); ``item`` has no live version now.
unpublished = Signal()
# A version was approved to go live later (``version.goes_live_at``).
scheduled = Signal()
