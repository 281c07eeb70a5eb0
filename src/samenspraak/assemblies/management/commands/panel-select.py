"""`samenspraak panel-select`: a fair panel lottery from a features file and a pool, as JSON.

    samenspraak panel-select --features FEATURES.csv --people PEOPLE.csv --panel-size K \\
        [--algorithm leximin|maximin|nash|legacy] [--id-column id] [--household-columns A,B] \\
        [--draw-seed SEED]

Prints {"algorithm", "probabilities": {id: p}, "lottery": [{"panel": [ids], "probability": p}],
"seconds", "stats"}; with --draw-seed also "draw": the panel that seed draws from the lottery,
the seed and its sha256 commitment (publish the commitment before, the seed after; anyone can
re-run the draw with sortition_engine.lottery.draw). `--id-column ""` numbers people by row.
A file that cannot be read, or quotas that cannot be met (with the smallest relaxation), end
with a message on stderr and exit code 1.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from sortition_engine import data, lottery, select
from sortition_engine.errors import DataError, InfeasibleQuotas


class Command(BaseCommand):
    help = "Select a citizens' panel by fair lottery (LEXIMIN by default) and print it as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--features", required=True, help="feature,value,min,max CSV")
        parser.add_argument("--people", required=True, help="CSV: an id column, one per feature")
        parser.add_argument("--panel-size", required=True, type=int, dest="panel_size")
        parser.add_argument("--algorithm", choices=select.ALGORITHMS, default="leximin")
        parser.add_argument("--id-column", default="id", dest="id_column")
        parser.add_argument(
            "--household-columns",
            default="",
            dest="household_columns",
            help="comma-separated columns that together make an address (one per household)",
        )
        parser.add_argument(
            "--legacy-runs",
            type=int,
            default=1000,
            dest="legacy_runs",
            help="legacy only: runs from which the probabilities are estimated",
        )
        parser.add_argument("--legacy-seed", type=int, default=0, dest="legacy_seed")
        parser.add_argument(
            "--draw-seed",
            default=None,
            dest="draw_seed",
            help="draw the panel from the lottery with this (committed) seed",
        )
        parser.add_argument("--indent", type=int, default=None)

    def handle(self, *args, **options):
        households = [c.strip() for c in options["household_columns"].split(",") if c.strip()]
        try:
            instance = data.load(
                options["features"],
                options["people"],
                options["panel_size"],
                id_column=options["id_column"] or None,
                household_columns=households,
            )
            result = select.select(
                instance,
                options["algorithm"],
                legacy_runs=options["legacy_runs"],
                legacy_seed=options["legacy_seed"],
            )
        except DataError as error:
            raise CommandError(str(error)) from None
        except InfeasibleQuotas as error:
            raise CommandError(
                str(error) + "\n" + json.dumps({"relaxation": error.relaxation}, indent=2)
            ) from None
        output = result.as_json()
        output["stats"] = {
            "people": instance.n,
            "types": instance.n_types,
            "panels": len(result.panels),
            **{k: v for k, v in result.stats.items() if isinstance(v, int | float | str)},
        }
        if options["draw_seed"] is not None:
            output["draw"] = lottery.draw(output["lottery"], options["draw_seed"])
        self.stdout.write(json.dumps(output, indent=options["indent"]))
