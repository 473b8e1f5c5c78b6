"""Drive real Alembic for Retort's compatibility tests: many operations, one process.

Reads one JSON job on stdin:
    {"ini": "<path to alembic.ini>", "versionTable": "alembic_version", "logTable": "compat_log",
     "versionSchema": null,
     "operations": [{"kind": "upgrade" | "downgrade", "target": "heads", "startRows": [...] | null},
                    {"kind": "stamp", "targets": [...], "startRows": [...] | null, "purge": false},
                    {"kind": "heads"}, {"kind": "current"}]}
The database URL comes from the RETORT_COMPAT_URL environment variable, never the command line.
For each operation the version table is rebuilt to hold exactly ``startRows`` in that order (null:
no table; key absent: leave the database as the previous operation left it), the command runs
through ``alembic.command``, and the result records the migrations
that really ran (appended to the log table by each revision's upgrade()/downgrade()), the version
rows afterwards, and any error. Writes {"results": [...]} as JSON on stdout.

Besides sorted loading, one upstream fix is backported so that 1.8.1 behaves as the Alembic
Retort follows (see _modern_unmerge_to_revisions); RETORT_COMPAT_PLAIN_1_8=1 turns it off.
"""
import io
import json
import os
import sys
import traceback
import warnings

import alembic_sorted  # noqa: F401  (sorted load order, as Alembic 1.10+)
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext, RevisionStep
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import create_engine

def _modern_unmerge_to_revisions(self, heads):
    """Alembic 1.19's RevisionStep._unmerge_to_revisions (semantics §4.3, downgrade step).

    1.8.1 returns the whole normdown when no other rows remain, so unmerging a revision whose
    parents are related (a parent plus a depends_on descendant of it) inserts an overlapping
    row; later Alembic drops each parent's proper ancestors. Retort follows later Alembic.
    """
    other_heads = set(heads).difference([self.revision.revision])
    rmap = self.revision_map
    if other_heads:
        ancestors = {r.revision for r in rmap._get_ancestor_nodes(rmap.get_revisions(other_heads), check=False)}
        return tuple(set(self.to_revisions).difference(ancestors))
    ancestors = {
        r.revision
        for to_revision in self.to_revisions
        for r in rmap._get_ancestor_nodes(rmap.get_revisions(to_revision), check=False)
        if r.revision != to_revision
    }
    return tuple(set(self.to_revisions).difference(ancestors))


if not os.environ.get("RETORT_COMPAT_PLAIN_1_8"):
    RevisionStep._unmerge_to_revisions = _modern_unmerge_to_revisions

_scripts = {}
_original_from_config = ScriptDirectory.from_config.__func__


def _cached_from_config(cls, config):
    # The project does not change during a job; loading it once keeps 100s of operations fast.
    key = config.config_file_name
    if key not in _scripts:
        _scripts[key] = _original_from_config(cls, config)
    return _scripts[key]


ScriptDirectory.from_config = classmethod(_cached_from_config)


def VERSION_TABLE():
    return os.environ.get("RETORT_COMPAT_VERSION_TABLE") or "alembic_version"


def VERSION_SCHEMA():
    return os.environ.get("RETORT_COMPAT_VERSION_SCHEMA") or None


def database_url():
    url = os.environ["RETORT_COMPAT_URL"]
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    return url


def reset(conn, table, log_table, op):
    with conn.begin():
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {log_table}")
        conn.exec_driver_sql(
            f"CREATE TABLE {log_table} "
            "(id serial PRIMARY KEY, revision text NOT NULL, direction text NOT NULL)"
        )
        if "startRows" not in op:
            return
        start_rows = op["startRows"]
        # A fresh table returns rows in insertion order, which `downgrade -1` depends on.
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
        if start_rows is not None:
            pk = table.split(".")[-1] + "_pkc"
            conn.exec_driver_sql(
                f"CREATE TABLE {table} (version_num VARCHAR(32) NOT NULL, "
                f"CONSTRAINT {pk} PRIMARY KEY (version_num))"
            )
            for row in start_rows:
                conn.exec_driver_sql(f"INSERT INTO {table} (version_num) VALUES (%(v)s)", {"v": row})


def read_state(conn, table, log_table):
    with conn.begin():
        exists = conn.exec_driver_sql("SELECT to_regclass(%(t)s)", {"t": table}).scalar() is not None
        rows = []
        if exists:
            rows = [r[0] for r in conn.exec_driver_sql(f"SELECT version_num FROM {table}")]
        steps = [
            {"revision": r[0], "direction": r[1]}
            for r in conn.exec_driver_sql(f"SELECT revision, direction FROM {log_table} ORDER BY id")
        ]
    return {"rows": sorted(rows) if exists else None, "steps": steps}


def run_command(cfg, op):
    kind = op["kind"]
    if kind == "upgrade":
        command.upgrade(cfg, op["target"])
    elif kind == "downgrade":
        command.downgrade(cfg, op["target"])
    elif kind == "stamp":
        command.stamp(cfg, op["targets"], purge=bool(op.get("purge")))
    else:
        raise ValueError(f"unknown operation kind {kind!r}")


def run_operation(conn, ini, table, log_table, op):
    kind = op["kind"]
    cfg = Config(ini, stdout=io.StringIO())
    if kind == "heads":
        script = ScriptDirectory.from_config(cfg)
        real = [r.revision for r in script.revision_map.get_revisions("heads")]
        return {"ok": True, "heads": list(script.get_heads()), "realHeads": real}
    reset(conn, table, log_table, op)
    if kind == "current":
        with conn.begin():
            opts = {"version_table": VERSION_TABLE(), "version_table_schema": VERSION_SCHEMA()}
            rows = MigrationContext.configure(conn, opts=opts).get_current_heads()
        return {"ok": True, "rows": list(rows)}  # in the order the database returned them
    cfg.attributes["connection"] = conn
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            run_command(cfg, op)
            error = None
        except CommandError as exc:
            error = {"kind": "refusal", "errorClass": type(exc).__name__, "message": str(exc)}
        except Exception as exc:  # a crash inside Alembic (KeyError, AssertionError, ...)
            error = {
                "kind": "crash",
                "errorClass": type(exc).__name__,
                "message": str(exc),
                "traceback": traceback.format_exc(limit=4),
            }
    if conn.in_transaction():
        conn.get_transaction().rollback()
    state = read_state(conn, table, log_table)
    result = {"ok": error is None, "warnings": [str(w.message) for w in caught], **state}
    if error is not None:
        result["error"] = error
    return result


def main():
    job = json.load(sys.stdin)
    ini = job["ini"]
    os.environ["RETORT_COMPAT_VERSION_TABLE"] = job.get("versionTable") or "alembic_version"
    os.environ["RETORT_COMPAT_VERSION_SCHEMA"] = job.get("versionSchema") or ""
    table = VERSION_TABLE() if not VERSION_SCHEMA() else f"{VERSION_SCHEMA()}.{VERSION_TABLE()}"
    log_table = job.get("logTable", "compat_log")
    engine = create_engine(database_url())
    results = []
    with engine.connect() as conn:
        for op in job["operations"]:
            try:
                results.append(run_operation(conn, ini, table, log_table, op))
            except Exception as exc:  # e.g. the project itself fails to load
                results.append({
                    "ok": False,
                    "error": {"kind": "crash", "errorClass": type(exc).__name__, "message": str(exc),
                              "traceback": traceback.format_exc(limit=4)},
                })
    engine.dispose()
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
