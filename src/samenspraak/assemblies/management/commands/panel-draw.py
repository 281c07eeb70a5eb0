"""`samenspraak panel-draw`: re-run a published draw from its lottery file and revealed seed.

    samenspraak panel-draw --lottery burgerberaad-1-loting.json [--seed SEED]

The file is what the publication page offers ("loting.json": lottery, seed, commitment, panel,
reserves). Checks that sha256(seed) is the commitment published before the draw, draws the panel
from the lottery with the seed (sortition_engine.lottery.draw) and orders the reserves, and
prints JSON with the result and whether it matches the published panel and reserves. Exit code 1
when something does not match.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samenspraak.assemblies.tasks import reserve_order
from sortition_engine.lottery import commitment, draw


class Command(BaseCommand):
    help = "Re-run a burgerberaad's published panel draw from its lottery file and seed."

    def add_arguments(self, parser):
        parser.add_argument("--lottery", required=True, help="the published loting.json")
        parser.add_argument("--seed", default=None, help="the revealed seed (default: the file's)")

    def handle(self, *args, **options):
        try:
            data = json.loads(Path(options["lottery"]).read_text(encoding="utf-8"))
            lottery = data["lottery"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(f"{options['lottery']}: not a published lottery ({error})") from None
        seed = options["seed"] if options["seed"] is not None else data.get("seed", "")
        if not seed:
            raise CommandError("no seed: pass --seed (it is published after the draw)")
        drawn = draw(lottery, seed)
        pool = sorted(data.get("probabilities") or {pid for e in lottery for pid in e["panel"]})
        rest = [pid for pid in pool if pid not in set(drawn["panel"])]
        reserves = reserve_order(seed, rest)[: len(data.get("reserves", []))]
        checks = {
            "commitment": data.get("commitment") in (None, drawn["commitment"]),
            "panel": data.get("panel") in (None, drawn["panel"]),
            "reserves": data.get("reserves") in (None, reserves),
        }
        output = {
            "panel": drawn["panel"],
            "reserves": reserves,
            "index": drawn["index"],
            "u": drawn["u"],
            "commitment": commitment(seed),
            "matches": checks,
        }
        self.stdout.write(json.dumps(output, indent=1))
        if not all(checks.values()):
            raise CommandError(
                "the re-run does not match the publication: "
                + ", ".join(k for k, ok in checks.items() if not ok)
            )
