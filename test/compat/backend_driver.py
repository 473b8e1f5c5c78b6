"""alembic_driver.py on any backend SQLAlchemy speaks: PostgreSQL, SQLite, MySQL/MariaDB.

The job format and the results are alembic_driver.py's; only what it does in PostgreSQL's own
terms is replaced: the log table's DDL (serial), table existence (to_regclass), the bind style,
and the URL (mysql:// needs a driver SQLAlchemy can load: PyMySQL).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import alembic_driver  # noqa: E402
from sqlalchemy import inspect, text  # noqa: E402

AUTO_ID = {
    "postgresql": "id serial PRIMARY KEY",
    "sqlite": "id INTEGER PRIMARY KEY AUTOINCREMENT",
    "mysql": "id INTEGER AUTO_INCREMENT PRIMARY KEY",
}


def database_url():
    url = os.environ["RETORT_COMPAT_URL"]
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    for plain in ("mysql://", "mariadb://"):
        if url.startswith(plain):
            url = plain[:-3] + "+pymysql://" + url[len(plain):]
    return url


def _split(table):
    schema, _, name = table.rpartition(".")
    return name, schema or None


def reset(conn, table, log_table, op):
    with conn.begin():
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {log_table}")
        conn.exec_driver_sql(
            f"CREATE TABLE {log_table} ({AUTO_ID[conn.dialect.name]}, "
            "revision VARCHAR(64) NOT NULL, direction VARCHAR(8) NOT NULL)"
        )
        if "startRows" not in op:
            return
        start_rows = op["startRows"]
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
        if start_rows is not None:
            pk = table.split(".")[-1] + "_pkc"
            conn.exec_driver_sql(
                f"CREATE TABLE {table} (version_num VARCHAR(32) NOT NULL, "
                f"CONSTRAINT {pk} PRIMARY KEY (version_num))"
            )
            for row in start_rows:
                conn.execute(text(f"INSERT INTO {table} (version_num) VALUES (:v)"), {"v": row})


def read_state(conn, table, log_table):
    with conn.begin():
        name, schema = _split(table)
        exists = inspect(conn).has_table(name, schema=schema)
        rows = [r[0] for r in conn.exec_driver_sql(f"SELECT version_num FROM {table}")] if exists else []
        steps = [
            {"revision": r[0], "direction": r[1]}
            for r in conn.exec_driver_sql(f"SELECT revision, direction FROM {log_table} ORDER BY id")
        ]
    return {"rows": sorted(rows) if exists else None, "steps": steps}


alembic_driver.database_url = database_url
alembic_driver.reset = reset
alembic_driver.read_state = read_state

if __name__ == "__main__":
    alembic_driver.main()
