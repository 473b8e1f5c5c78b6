"""Run exactly the steps Retort planned through a project's own env.py, on Retort's terms.

Started by alembic-steps.ts as ``python alembic_steps.py <alembic args, e.g. -c alembic.ini>``
with a JSON job on stdin:

    {"mode": "sql" | "rehearse", "steps": [{"revision": "ab12", "direction": "up"}, ...],
     "startRows": ["..."], "versionTable": "alembic_version", "versionSchema": null}

The URL comes from RETORT_TARGET_URL (also DATABASE_URL), never the command line. env.py runs
as Alembic runs it, but every ``context.configure()`` call is amended: the version table is
Retort's, the migrations are the planned steps (Alembic's ``fn`` hook, so ranges across
branches and from several current heads need no ``A:B`` syntax), and

- ``sql``: offline mode from ``startRows``; each step's SQL is cut out of the output buffer, and
  a step that cannot run offline (it reads data through ``op.get_bind()``) is marked as such;
- ``rehearse``: the migrations run on a connection this script opened, inside one transaction
  that is always rolled back (PostgreSQL and SQLite, whose DDL is transactional), with each
  step's result, time and the database's message.

The result is one JSON document on file descriptor 3, so nothing env.py prints can corrupt it.
"""
import io
import json
import os
import sys
import time

from alembic.config import CommandLine, Config
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import RevisionStep
from alembic.script import ScriptDirectory


def main(argv):
    job = json.load(sys.stdin)
    result_channel = os.fdopen(3, "w")
    # env.py's prints and logs go to the log stream, never into the result.
    sys.stdout = sys.stderr
    try:
        result = run(argv, job)
    except Exception as exc:  # env.py failed before or around the steps
        result = {"ok": False, "error": {"code": type(exc).__name__, "message": message_of(exc)}, "steps": []}
    json.dump(result, result_channel)
    result_channel.close()
    return 0


def message_of(exc):
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).strip()


def database_url():
    url = os.environ["RETORT_TARGET_URL"]
    # SQLAlchemy 1.4+ only accepts the postgresql:// spelling.
    return "postgresql://" + url[len("postgres://"):] if url.startswith("postgres://") else url


def load_config(argv):
    parser = CommandLine(prog="alembic").parser
    options = parser.parse_args(list(argv) + ["heads"])
    config = Config(file_=options.config, ini_section=options.name, cmd_opts=options)
    config.set_main_option("sqlalchemy.url", database_url().replace("%", "%%"))
    return config


class Report:
    """Per-step outcomes, in plan order."""

    def __init__(self, steps):
        self.steps = [{"revision": s["revision"], "direction": s["direction"], "status": "not-run", "durationMs": 0} for s in steps]
        self.index = {(s["revision"], s["direction"]): i for i, s in enumerate(steps)}

    def entry(self, step):
        return self.steps[self.index[(step.revision.revision, "up" if step.is_upgrade else "down")]]


class PlannedStep(RevisionStep):
    """A RevisionStep whose migration function reports its outcome."""

    def __init__(self, revision_map, revision, is_upgrade, report, mode, buffer):
        super().__init__(revision_map, revision, is_upgrade)
        self._report, self._mode, self._buffer = report, mode, buffer
        self.migration_fn = self._reporting(self.migration_fn)

    def _reporting(self, fn):
        entry = self._report.entry(self)

        def run(*args, **kw):
            started = time.monotonic()
            entry["sqlStart"] = self._buffer.tell() if self._buffer else None
            try:
                fn(*args, **kw)
                entry["status"] = "rendered" if self._mode == "sql" else "rehearsed"
            except Exception as exc:
                entry["durationMs"] = round((time.monotonic() - started) * 1000)
                entry["error"] = {"code": type(exc).__name__, "message": message_of(exc)}
                if self._mode != "sql":
                    entry["status"] = "failed"
                    raise
                # Offline, a step that needs the database says so and the rest still render.
                entry["status"] = "offline-unsupported"
                entry["error"]["message"] = "this step needs a live database (it reads data, e.g. through op.get_bind()), so offline SQL cannot show it: %s: %s" % (type(exc).__name__, message_of(exc))
                self._buffer.write("-- Retort: %s cannot be rendered offline; it needs a live database (%s: %s)\n" % (self.revision.revision, type(exc).__name__, message_of(exc).replace("\n", " ")))
            entry["durationMs"] = round((time.monotonic() - started) * 1000)

        # Alembic's log line ("Running upgrade a -> b") is named after the migration function.
        run.__name__ = fn.__name__
        return run


def rehearsal_connection(url):
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend not in ("postgresql", "sqlite"):
        raise RuntimeError("%s commits DDL as it runs it, so a rehearsal could not be rolled back; rehearse on PostgreSQL or SQLite" % backend)
    # Retort's own connection uses the synchronous driver, whatever env.py's engine uses.
    engine = create_engine(parsed.set(drivername=backend))
    if backend == "sqlite":
        # pysqlite would commit DDL outside any transaction; take transactions over (SQLAlchemy's recipe).
        @event.listens_for(engine, "connect")
        def _no_autocommit(dbapi_connection, _record):
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin(conn):
            conn.exec_driver_sql("BEGIN")

    return engine


def run(argv, job):
    mode = job["mode"]
    config = load_config(argv)
    script = ScriptDirectory.from_config(config)
    report = Report(job["steps"])
    buffer = io.StringIO() if mode == "sql" else None
    steps = [PlannedStep(script.revision_map, script.get_revision(s["revision"]), s["direction"] == "up", report, mode, buffer) for s in job["steps"]]
    marks = []
    state = {"rows": None}
    engine = connection = transaction = None
    if mode == "rehearse":
        engine = rehearsal_connection(database_url())
        connection = engine.connect()
        transaction = connection.begin()

    original_configure = EnvironmentContext.configure

    def configure(self, *args, **kw):
        kw["version_table"] = job.get("versionTable") or "alembic_version"
        kw["version_table_schema"] = job.get("versionSchema") or None
        callbacks = list(kw.get("on_version_apply") or [])
        callbacks.append(lambda ctx, step, heads, run_args: marks.append(buffer.tell() if buffer else None) or state.update(rows=sorted(heads)))
        kw["on_version_apply"] = callbacks
        if mode == "sql":
            kw["output_buffer"] = buffer
        else:
            kw.pop("url", None)
            kw["connection"] = connection
            kw["transaction_per_migration"] = False
        return original_configure(self, *args, **kw)

    EnvironmentContext.configure = configure
    error = None
    try:
        with EnvironmentContext(config, script, fn=lambda rev, context: steps, as_sql=(mode == "sql"),
                                starting_rev=tuple(job.get("startRows") or ()) or None, destination_rev=None):
            script.run_env()
    except Exception as exc:
        error = {"code": type(exc).__name__, "message": message_of(exc)}
    finally:
        EnvironmentContext.configure = original_configure
        if transaction is not None:
            rows = read_rows(connection, job) if error is None else None
            transaction.rollback()
            connection.close()
            engine.dispose()
            state["rows"] = rows if rows is not None else state["rows"]
    return finish(report, error, buffer, state, mode)


def read_rows(connection, job):
    from alembic.runtime.migration import MigrationContext

    context = MigrationContext.configure(connection, opts={"version_table": job.get("versionTable") or "alembic_version",
                                                             "version_table_schema": job.get("versionSchema") or None})
    return sorted(context.get_current_heads())


def finish(report, error, buffer, state, mode):
    result = {"ok": error is None and all(s["status"] != "failed" for s in report.steps), "steps": report.steps, "rows": state["rows"]}
    if buffer is not None:
        sql = buffer.getvalue()
        result["sql"] = sql
        starts = [s.get("sqlStart") for s in report.steps]
        for i, step in enumerate(report.steps):
            start = starts[i]
            if start is None:
                continue
            # From this step's "-- Running" comment to the next one's.
            begin = sql.rfind("-- Running", 0, start)
            nxt = next((starts[j] for j in range(i + 1, len(starts)) if starts[j] is not None), None)
            end = sql.rfind("-- Running", 0, nxt) if nxt is not None else len(sql)
            step["sql"] = sql[begin if begin >= 0 else start:end]
    for step in report.steps:
        step.pop("sqlStart", None)
    if error is not None:
        result["error"] = error
    return result


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
