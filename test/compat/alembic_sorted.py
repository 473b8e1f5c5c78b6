"""Make Alembic 1.8.1 load revision files in sorted filename order, as Alembic 1.10+ does.

1.8.1 lists each version directory with raw ``os.listdir`` (filesystem order), while 1.10+
sorts the names; load order breaks ties in ``heads`` and in upgrade order
(shared/alembic-semantics.md, top note). Import this module for the side effect, or run it
in place of the ``alembic`` command: ``python3 alembic_sorted.py -c alembic.ini heads``.
"""
import sys

from alembic.script.base import Script

_list_py_dir = Script._list_py_dir.__func__


def _sorted_list_py_dir(cls, scriptdir, path):
    return sorted(_list_py_dir(cls, scriptdir, path))


Script._list_py_dir = classmethod(_sorted_list_py_dir)

if __name__ == "__main__":
    from alembic.config import main

    sys.exit(main(prog="alembic"))
