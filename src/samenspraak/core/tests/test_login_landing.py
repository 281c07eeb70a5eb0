"""core.components.login_landing: of the landings that have a path for the person, the one
with the highest priority wins; none gives None."""

from samenspraak.core import components
from samenspraak.core.components import LoginLanding


def test_the_highest_priority_with_a_path_wins(monkeypatch):
    asked = []

    def for_role(role, path):
        def url(user):
            asked.append(path)
            return path if user == role else None

        return url

    landings = [
        LoginLanding("a.low", url=for_role("member", "/laag/"), priority=10),
        LoginLanding("b.high", url=for_role("clerk", "/hoog/"), priority=90),
        LoginLanding("c.mid", url=for_role("member", "/midden/"), priority=50),
    ]
    monkeypatch.setattr(
        components, "entries", lambda field: list(landings if field == "login_landings" else [])
    )
    assert components.login_landing("member") == "/midden/"
    assert asked == ["/hoog/", "/midden/"]  # highest first, stops at the first path
    assert components.login_landing("clerk") == "/hoog/"
    assert components.login_landing("resident") is None
