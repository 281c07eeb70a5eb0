"""What conversations (opinion mapping) adds to the shared parts of the product."""

from samenspraak.core.components import Manifest

MANIFEST = Manifest(app="conversations")
