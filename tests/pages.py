"""Every page in app.py's st.navigation list, found by reading app.py, so the suites that must
cover every page (hostile URLs, accessibility, benchmarks) follow new pages without edits."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from lancs_dash.config import PROJECT_ROOT


@dataclass(frozen=True)
class PageInfo:
    path: str  # as given to st.Page, relative to the project root
    title: str
    url_path: str  # "" for the default page

    @property
    def id(self) -> str:
        return self.url_path or "default"


def _url_path(path: str, kwargs: dict) -> str:
    if kwargs.get("default"):
        return ""
    if kwargs.get("url_path"):
        return kwargs["url_path"]
    stem = path.rsplit("/", 1)[-1].removesuffix(".py")
    return stem.lstrip("0123456789_- ")  # as Streamlit infers it from the file name


def navigation_pages() -> list[PageInfo]:
    tree = ast.parse((PROJECT_ROOT / "app.py").read_text(encoding="utf-8"))
    pages = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "Page" \
                and node.args and isinstance(node.args[0], ast.Constant):
            kwargs = {k.arg: k.value.value for k in node.keywords if isinstance(k.value, ast.Constant)}
            path = node.args[0].value
            pages.append(PageInfo(path, kwargs.get("title", path), _url_path(path, kwargs)))
    assert pages, "no st.Page(...) found in app.py"
    return pages
