"""What real Alembic (sorted loading, as 1.10+) says about a corpus project, without a database.

Reads {"ini": path, "plans": [{"kind": "upgrade"|"downgrade", "target": t, "rows": [...]}]} on
stdin and writes heads, real heads, bases, `alembic history` lines and, for each plan, the steps
`alembic upgrade/downgrade` would run from those rows (ScriptDirectory._upgrade_revs /
_downgrade_revs, the functions command.upgrade hands to env.py), or the error it raises.
A Flask-Migrate ini without script_location gets its own folder, as Flask-Migrate sets it.
"""
import json
import os
import sys
import warnings

import alembic_sorted  # noqa: F401  (sorted load order, as Alembic 1.10+)
from alembic.config import Config
from alembic.script import ScriptDirectory


def main():
    job = json.load(sys.stdin)
    config = Config(job["ini"])
    if not config.get_main_option("script_location"):
        config.set_main_option("script_location", os.path.dirname(os.path.abspath(job["ini"])))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        script = ScriptDirectory.from_config(config)
        history = [sc.cmd_format(False, include_branches=True, include_doc=True, include_parents=True) for sc in script.walk_revisions()]
        result = {
            "heads": list(script.get_heads()),
            "realHeads": [r.revision for r in script.revision_map.get_revisions("heads")],
            "bases": list(script.get_bases()),
            "history": history,
            "plans": [plan(script, p) for p in job["plans"]],
        }
    json.dump(result, sys.stdout)


def plan(script, request):
    try:
        rows = tuple(request["rows"])
        if request["kind"] == "upgrade":
            steps = script._upgrade_revs(request["target"], rows)
        else:
            steps = script._downgrade_revs(request["target"], rows)
        return {"steps": [{"revision": s.revision.revision, "direction": "up" if s.is_upgrade else "down"} for s in steps]}
    except Exception as exc:  # CommandError and crashes alike: Retort must refuse too
        return {"error": "%s: %s" % (type(exc).__name__, exc)}


if __name__ == "__main__":
    main()
