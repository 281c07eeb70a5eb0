"""No import cycles between the modules of one app (function-level imports count too).

A cycle makes an app's modules impossible to read in order and to layer; a new one fails here.
"""

import grimp

#: Cycles that exist today, each with why. (Budgeting's registrations <-> sections_* cycle went
#: when its phase kind keys moved to budgeting/phases.py.)
KNOWN_CYCLES: list[frozenset[str]] = []


def app_of(module: str) -> str:
    parts = module.split(".")
    if parts[1] == "web" and len(parts) > 3:
        return ".".join(parts[:3])  # web.search and web.staff are apps of their own
    return ".".join(parts[:2])


def cycles_within_apps(package: str = "samenspraak") -> list[frozenset[str]]:
    """Strongly connected groups (more than one module) of each app's import graph."""
    graph = grimp.build_graph(package, cache_dir=None)
    modules = {m for m in graph.modules if m.count(".") >= 2 and ".tests" not in m}
    edges = {
        m: [
            imported
            for imported in graph.find_modules_directly_imported_by(m)
            if imported in modules and app_of(imported) == app_of(m)
        ]
        for m in modules
    }
    # Tarjan's algorithm, iteratively.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in sorted(modules):
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges[child])))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        found.append(frozenset(group))
    return found


def test_no_new_import_cycle_inside_an_app():
    new = [sorted(group) for group in cycles_within_apps() if group not in KNOWN_CYCLES]
    assert new == [], "Break the cycle: move what both need into a lower module"


def test_the_finder_sees_a_cycle(tmp_path, monkeypatch):
    package = tmp_path / "cyclepkg"
    (package / "app").mkdir(parents=True)
    for name, body in {
        "__init__.py": "",
        "app/__init__.py": "",
        "app/a.py": "from cyclepkg.app import b\n",
        "app/b.py": "def f():\n    from cyclepkg.app import a\n",
        "app/c.py": "from cyclepkg.app import a\n",
    }.items():
        (package / name).write_text(body)
    monkeypatch.syspath_prepend(str(tmp_path))
    assert cycles_within_apps("cyclepkg") == [frozenset({"cyclepkg.app.a", "cyclepkg.app.b"})]
