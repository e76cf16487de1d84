"""Sphinx configuration for the xingfeng documentation (built by ``make docs``).

The build must stay offline and warning-free: ``make docs`` runs ``sphinx-build
--fail-on-warning``, and no extension here may reach the network (hence no intersphinx).
"""

from __future__ import annotations

import importlib
import types

from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

import xingfeng

project = "xingfeng"
author = "The xingfeng team"
copyright = "the xingfeng team"
release = xingfeng.__version__
version = release

extensions = [
    "myst_parser",
    "sphinxcontrib.mermaid",
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
]

# docs/README.md is for maintainers, not part of the site.
exclude_patterns = ["_build", "README.md", "Thumbs.db", ".DS_Store"]

# ---- MyST
myst_enable_extensions = ["colon_fence", "deflist"]
# ```mermaid fences render as diagrams in the site, as they do on GitHub.
myst_fence_as_directive = ["mermaid"]
myst_heading_anchors = 3

# ---- autodoc
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
# attrs classes: the generated __init__ signature (keyword-only fields) is shown on the class.
autodoc_class_signature = "mixed"

# ---- HTML
html_theme = "furo"
html_title = f"xingfeng {release}"
html_static_path: list[str] = []


# ---- cross-references to the public names
#
# Docstrings and pages refer to objects by their public path (``xingfeng.WorkCalendar``) or,
# inside a module, by their bare name (``InvalidDefinition`` in ``xingfeng.calendar``).  Each
# object is documented once, under the module that defines it; this maps those other spellings
# to that module so the references become links instead of plain text.

_DOCUMENTED_MODULES = ("xingfeng.exceptions", "xingfeng.calendar", "xingfeng.serialization")


def _documented_in() -> dict[str, str]:
    owners: dict[str, str] = {}
    for modname in _DOCUMENTED_MODULES:
        module = importlib.import_module(modname)
        for name in module.__all__:
            obj = getattr(module, name)
            owner = getattr(obj, "__module__", None)
            defines = isinstance(obj, type | types.FunctionType)
            if defines and owner in _DOCUMENTED_MODULES:
                owners[name] = owner
            else:  # plain data re-exported from a private module: documented where listed
                owners.setdefault(name, modname)
    return owners


_OWNERS = _documented_in()


def _resolve_public_path(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: object
) -> object | None:
    if node.get("refdomain") != "py":
        return None
    target: str = node["reftarget"]
    name = target.removeprefix("xingfeng.")
    owner = _OWNERS.get(name.partition(".")[0])
    if owner is None or target.startswith(owner + "."):
        return None
    return env.get_domain("py").resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], f"{owner}.{name}", node, contnode
    )


def _show_attrs_factories(
    app: Sphinx,
    what: str,
    name: str,
    obj: object,
    options: object,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str | None, str | None] | None:
    # attrs writes a field built by a factory as ``anchor: Anchor = NOTHING`` in ``__init__``;
    # show it the way dataclasses do, as a default computed per instance.
    if signature and "= NOTHING" in signature:
        return signature.replace("= NOTHING", "= <factory>"), return_annotation
    return None


def setup(app: Sphinx) -> None:
    app.connect("missing-reference", _resolve_public_path)
    app.connect("autodoc-process-signature", _show_attrs_factories)
