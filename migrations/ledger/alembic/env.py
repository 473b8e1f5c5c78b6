"""Alembic environment for the ledger sample project.

The URL, version table and version schema are taken from the environment so that Retort
(or CI) can point the same project at any database without editing alembic.ini:

    RETORT_TARGET_URL   database URL (falls back to DATABASE_URL, then sqlalchemy.url)
    RETORT_VERSION_TABLE  version table name (default alembic_version)
    RETORT_VERSION_SCHEMA schema holding the version table (default: the search_path)

`-x version_table=...` and `-x version_schema=...` override the variables.
"""
import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, pool

config = context.config

if config.config_file_name is not None:
    fileConfig(config.config_file_name)

# No autogenerate: the ledger's schema is written by hand in the revision files.
target_metadata = None

x_arguments = context.get_x_argument(as_dictionary=True)
version_table = x_arguments.get("version_table") or os.environ.get("RETORT_VERSION_TABLE") or "alembic_version"
version_table_schema = x_arguments.get("version_schema") or os.environ.get("RETORT_VERSION_SCHEMA") or None


def database_url() -> str:
    url = (
        os.environ.get("RETORT_TARGET_URL")
        or os.environ.get("DATABASE_URL")
        or config.get_main_option("sqlalchemy.url")
    )
    if not url:
        raise RuntimeError("Set RETORT_TARGET_URL to the database to migrate")
    # SQLAlchemy 1.4+ only accepts the postgresql:// spelling.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    return url


def run_migrations_offline() -> None:
    context.configure(
        url=database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        version_table=version_table,
        version_table_schema=version_table_schema,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    # The URL is passed to create_engine directly rather than through
    # config.set_main_option, which would apply configparser %-interpolation to it.
    connectable = create_engine(database_url(), poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            version_table=version_table,
            version_table_schema=version_table_schema,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
