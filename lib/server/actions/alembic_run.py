"""Run one alembic command with the database URL taken from the environment.

Retort starts this instead of `alembic` so the URL never appears on a command line:

    RETORT_TARGET_URL=postgresql://... python alembic_run.py -c alembic.ini upgrade heads

The arguments are alembic's own. The URL is set as `sqlalchemy.url` in the loaded Config (with
`%` escaped as `%%`, because Config applies configparser interpolation), which is where the
stock env.py reads it; env.py files that read RETORT_TARGET_URL themselves see it too.
"""
import logging
import os
import sys

from alembic.config import CommandLine, Config


def main(argv):
    url = os.environ.get("RETORT_TARGET_URL")
    if not url:
        print("FAILED: RETORT_TARGET_URL is not set")
        return 255
    # SQLAlchemy 1.4+ only accepts the postgresql:// spelling.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    cli = CommandLine(prog="alembic")
    options = cli.parser.parse_args(argv)
    if not hasattr(options, "cmd"):
        cli.parser.error("too few arguments")
    config = Config(file_=options.config, ini_section=options.name, cmd_opts=options)
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    log_steps()
    cli.run_cmd(config, options)
    return 0


def log_steps():
    """Retort reads `Running upgrade a -> b` to tell which step failed. An env.py that calls
    fileConfig replaces this handler with its own; one that configures no logging keeps it."""
    alembic_logger = logging.getLogger("alembic")
    # Alembic itself attaches a NullHandler; any other handler means logging is configured.
    configured = [h for h in logging.getLogger().handlers + alembic_logger.handlers if not isinstance(h, logging.NullHandler)]
    if configured:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-5.5s [%(name)s] %(message)s"))
    alembic_logger.addHandler(handler)
    alembic_logger.setLevel(logging.INFO)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
