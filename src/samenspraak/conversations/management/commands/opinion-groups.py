"""`samenspraak opinion-groups DIR`: opinion groups of a Polis export folder, as JSON.

Reads `comments.csv` and `votes.csv` and/or `participants-votes.csv`, runs Polis' math (opinionmap)
and prints `{"groups": {participant: group}, "k", "group-sizes", "consensus": [statement ids],
"repness": {group: [statement ids]}, "seconds"}` (ids as in the export; "seconds" is the computation
alone, after reading the files). `--details` adds Polis' statistics per statement and the PCA.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opinionmap import OpinionMapInputError, compute, read_polis_export


class Command(BaseCommand):
    help = "Opinion groups (Polis' math) of a Polis export folder, printed as JSON."
    requires_system_checks: list[str] = []  # pure computation: no database needed

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="Polis export folder")
        parser.add_argument(
            "--k", type=int, choices=range(2, 6), help="number of groups (default: by silhouette)"
        )
        parser.add_argument(
            "--details", action="store_true", help="add statistics per statement and the PCA"
        )
        parser.add_argument("--indent", type=int, default=None, help="indent the JSON")

    def handle(self, *args, **options):
        try:
            conversation = read_polis_export(options["folder"])
        except OpinionMapInputError as exc:
            raise CommandError(str(exc)) from None
        result = compute(conversation, k=options["k"])
        output = result.as_json(details=options["details"])
        self.stdout.write(json.dumps(output, indent=options["indent"]))
