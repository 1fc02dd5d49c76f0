"""The apps depend on each other in one direction (DESIGN.md, “Dependencies between apps”).

Read from the source (imports inside functions included), from the models' relations and from the
migrations' dependencies: an app uses only apps of its own layer or below, and no apps use each
other in a circle.
"""

import ast
from pathlib import Path

from django.apps import apps
from django.db.migrations.loader import MigrationLoader

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {
    "website": ROOT / "site" / "website",
    "exhibitions": ROOT / "exhibitions",
    "stories": ROOT / "stories",
}

# Lowest first. The modules of the `website` package itself (file names, markup, the content
# generation and page cache) are helpers every app may use.
LAYERS = [
    {"settings", "website"},
    {"images", "documents", "people", "users"},
    {"core"},
    {"projects", "news", "toolbox", "search", "exhibitions", "stories"},
    {"dashboard", "demo", "urls", "wsgi"},
]
LAYER = {app: number for number, layer in enumerate(LAYERS) for app in layer}


def app_of(module):
    """The app a dotted module name belongs to, or None outside the site's code."""
    parts = module.split(".")
    if parts[0] in ("exhibitions", "stories"):
        return parts[0]
    if parts[0] != "website":
        return None
    if len(parts) == 1 or (SOURCES["website"] / f"{parts[1]}.py").exists():
        return {"urls": "urls", "wsgi": "wsgi"}.get(parts[1] if len(parts) > 1 else "", "website")
    return parts[1]


def module_name(package, path):
    parts = [package, *path.relative_to(SOURCES[package]).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(node, module, is_package):
    """The dotted names an import statement reaches, relative imports resolved."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".")
        package = package if is_package else package[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, *([base] if base else [])])
    # `from website import generation` names a module of the package, not the package.
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def source_uses():
    """{(app, used app): [where, …]} for every import of another app in the site's code."""
    uses = {}
    for package, folder in SOURCES.items():
        for path in sorted(folder.rglob("*.py")):
            module = module_name(package, path)
            app = app_of(module)
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if not isinstance(node, ast.Import | ast.ImportFrom):
                    continue
                used = {app_of(name) for name in imported(node, module, path.stem == "__init__")}
                used.discard(None)
                if len(used) > 1:
                    used.discard("website")  # `from website import x`: the package is no use
                for other in used - {app}:
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    uses.setdefault((app, other), []).append(where)
    return uses


def model_uses():
    """{(app, used app): [where, …]} for the models' relations and the migrations' dependencies."""
    uses = {}
    ours = {config.label for config in apps.get_app_configs() if config.label in LAYER}
    for model in apps.get_models():
        app = model._meta.app_label
        for field in model._meta.get_fields(include_hidden=True):
            if not field.is_relation or field.auto_created or field.related_model is None:
                continue
            other = field.related_model._meta.app_label
            if app in ours and other in ours and other != app:
                uses.setdefault((app, other), []).append(f"{model.__name__}.{field.name}")
    for (app, name), migration in MigrationLoader(None).disk_migrations.items():
        for other, _ in migration.dependencies:
            if app in ours and other in ours and other != app:
                uses.setdefault((app, other), []).append(f"migration {app}.{name}")
    return uses


def against_the_direction(uses):
    return {
        f"{app} uses {other}: {', '.join(where)}"
        for (app, other), where in uses.items()
        if LAYER[other] > LAYER[app]
    }


def cycles(uses):
    """Each circle of apps using each other, as “a → b → a”."""
    graph = {}
    for app, other in uses:
        graph.setdefault(app, set()).add(other)
    found = set()

    def visit(path):
        for other in sorted(graph.get(path[-1], ())):
            if other == path[0]:
                start = path.index(min(path))
                found.add(" → ".join([*path[start:], *path[:start], min(path)]))
            elif other not in path and other > path[0]:
                visit([*path, other])

    for app in sorted(graph):
        visit([app])
    return found


def test_every_app_has_a_layer():
    apps_in_code = {app for pair in source_uses() for app in pair}
    assert apps_in_code - set(LAYER) == set(), "add the new app to LAYERS"


def test_no_import_goes_against_the_direction():
    assert against_the_direction(source_uses()) == set()


def test_no_apps_import_each_other_in_a_circle():
    assert cycles(source_uses()) == set()


def test_models_and_migrations_use_no_app_above_their_own():
    uses = model_uses()
    assert against_the_direction(uses) == set()
    assert cycles(uses) == set()


def test_the_checks_name_circles_and_wrong_directions():
    assert cycles({("core", "projects"): ["x"], ("projects", "core"): ["y"]}) == {
        "core → projects → core"
    }
    assert against_the_direction({("images", "core"): ["images/models.py:1"]}) == {
        "images uses core: images/models.py:1"
    }
