"""What the assemblies app (burgerberaad: citizens' assemblies by fair lot) adds.

For now only the `panel-select` command (management/commands), on the pure engine
`sortition_engine`; the process template, invitations, registration, draw, publication and
/api/v1/assemblies come with the rest of issue #15 and register here.
"""

from samenspraak.core.components import Manifest

MANIFEST = Manifest(app="assemblies")
