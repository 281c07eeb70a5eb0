"""The `samenspraak` command: Django's management commands with our settings."""

import os
import sys


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "pb-outcome":
        # Pure engine, no Django: starts fast and works without a database.
        from pbengine.cli import main as pb_outcome

        sys.exit(pb_outcome(sys.argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenspraak.conf.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
