"""Factories: `AssemblyFactory()` is a burgerberaad in a running "assemblies.assembly" phase of a
published process, still being set up. `make_ready(assembly, ...)` gives it quotas, addresses
and invitations (registration open) through the services."""

import factory

from samenspraak.assemblies.models import PHASE_KIND, Assembly
from samenspraak.processes.factories import PhaseFactory


class AssemblyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assembly

    phase = factory.SubFactory(PhaseFactory, kind=PHASE_KIND)
    process = factory.LazyAttribute(lambda o: o.phase.process)
    title = factory.Sequence(lambda n: f"Burgerberaad over het klimaat {n}")
    intro = "Hoe maken we de stad klaar voor het nieuwe klimaat?"
    panel_size = 6
    reserve_size = 2


QUOTAS = """Leeftijd,jong,500,2,3
Leeftijd,oud,500,3,4
Opleiding,laag,400,1,3
Opleiding,hoog,600,3,5"""


def address_csv(areas: dict[str, int]) -> bytes:
    """An address file with `n` addresses in each area."""
    lines = ["straat,huisnummer,toevoeging,postcode,woonplaats,buurtcode"]
    for i, (area, n) in enumerate(sorted(areas.items())):
        for number in range(1, n + 1):
            lines.append(f"Dorpsstraat,{number},,{1000 + i} AB,Voorbeeldstad,{area}")
    return "\n".join(lines).encode()


def make_ready(assembly, actor, *, areas=None, invitations=20, quotas=QUOTAS, seed="s1"):
    from samenspraak.assemblies import services

    services.quotas_save(actor=actor, assembly=assembly, text=quotas)
    services.addresses_upload(
        actor=actor, assembly=assembly, raw=address_csv(areas or {"BU01": 20, "BU02": 10})
    )
    return services.invitations_draw(actor=actor, assembly=assembly, count=invitations, seed=seed)
