"""Write the ICD-10-CM code set file that ``conditions.codeset`` reads.

Run as ``python -m conditions.codeset_build PATH``: ``codeset`` runs it in a
child process the first time the file is missing, so that the 185 MB the
simple-icd-10-cm package holds in memory leave with that process. The file
is written beside its final place and moved there in one step, so a reader
never sees half a file, and two processes building at once both succeed.
"""

import os
import sqlite3
import sys

import simple_icd_10_cm as cm


def level_of(code: str) -> str:
    if cm.is_chapter(code):
        return "chapter"
    if cm.is_block(code):
        return "block"
    return "category" if cm.is_category(code) else "code"


def build(target: str) -> int:
    """Write every chapter, block and code to ``target``; how many."""
    partial = f"{target}.{os.getpid()}.partial"
    connection = sqlite3.connect(partial)
    connection.execute(
        "CREATE TABLE item (code TEXT PRIMARY KEY, title TEXT NOT NULL, "
        "level TEXT NOT NULL, ancestors TEXT NOT NULL, leaf INTEGER NOT NULL) "
        "WITHOUT ROWID"
    )
    # One row per code string, answering as the package does for it: a few
    # blocks share their code with their only category (B10), and the
    # package treats that string as the block.
    codes = dict.fromkeys(cm.get_all_codes(with_dots=True))
    rows = [
        (
            code,
            cm.get_description(code),
            level_of(code),
            ",".join(cm.get_ancestors(code)),  # nearest first
            int(cm.is_leaf(code)),
        )
        for code in codes
    ]
    connection.executemany("INSERT INTO item VALUES (?, ?, ?, ?, ?)", rows)
    connection.commit()
    connection.close()
    os.replace(partial, target)
    return len(rows)


if __name__ == "__main__":
    print(f"{build(sys.argv[1])} ICD-10-CM items written to {sys.argv[1]}")
