"""A folium map as HTML that loads nothing from a CDN.

:func:`standalone_html` inlines every script, stylesheet and image, for a file that opens
with no network at all (``graph-service hotspots --map``, e-mail to a MACSE meeting).
:func:`served_html` points at the dashboard's own copies under ``/static/maps/``.

Both refuse a map that asks for anything not vendored in ``maps/static/``: a folium plugin
added later must have its files vendored first (``maps/static/README.md``), never quietly
fall back to a CDN.
"""

from __future__ import annotations

import base64
import html as html_text
import mimetypes
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import folium
from branca.element import Element, Figure

from maps import assets
from maps.assets import AssetNotVendored

#: Hosts a folium or branca default would load from; none may appear in a page.
CDN_HOSTS = ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "code.jquery.com", "netdna.bootstrapcdn.com",
             "unpkg.com", "maxcdn.bootstrapcdn.com", "ajax.googleapis.com", "rawcdn.githack.com")

_CSS_URL = re.compile(r"url\((['\"]?)([^)'\"]+)\1\)")
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)
_EXTERNAL_TAG = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*['\"]?(?:https?:)?//", re.IGNORECASE)


def standalone_html(m: folium.Map) -> str:
    """One self-contained HTML page: Leaflet and every asset inlined."""

    def inline(kind: str, relative: str) -> str:
        text = assets.path(relative).read_text(encoding="utf-8")
        if kind == "js":
            text = _SOURCE_MAP.sub("", text).replace("</script", "<\\/script")
            return f"<script>{text}</script>"
        return f"<style>{_inline_css_urls(text, assets.path(relative).parent)}</style>"

    return _render(m, inline)


def served_html(m: folium.Map, asset_url: str = "/static/maps/") -> str:
    """The page for the dashboard: scripts and stylesheets from ``asset_url``."""
    base = asset_url if asset_url.endswith("/") else asset_url + "/"
    if re.match(r"^(?:https?:)?//", base):
        raise AssetNotVendored(f"asset_url {asset_url!r} is another host: maps load assets from the app itself")

    def link(kind: str, relative: str) -> str:
        assets.path(relative)  # refuse what is not vendored
        url = html_text.escape(base + relative, quote=True)
        return f'<script src="{url}"></script>' if kind == "js" else f'<link rel="stylesheet" href="{url}"/>'

    return _render(m, link)


def save(m: folium.Map, path: Path | str) -> Path:
    """Write :func:`standalone_html` to ``path``."""
    path = Path(path)
    path.write_text(standalone_html(m), encoding="utf-8")
    return path


def show(m: folium.Map, height: int = 520):
    """Display the standalone map in a Jupyter notebook (an iframe, no network)."""
    import warnings

    from IPython.display import HTML

    page = html_text.escape(standalone_html(m), quote=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # IPython suggests IFrame, which cannot take srcdoc
        return HTML(f'<iframe srcdoc="{page}" style="width:100%;height:{height}px;border:none;"></iframe>')


def _render(m: folium.Map, tag) -> str:
    figure = m.get_root()
    if not isinstance(figure, Figure):
        raise TypeError("the map is not in a figure")
    _layer_controls_last(figure)
    with _assets_taken_out(figure) as wanted:
        ours = {f"gs_asset_{kind}_{name}": Element(tag(kind, relative)) for kind, name, relative in wanted}
        header = figure.header._children
        before = dict(header)
        # First in the head, so Leaflet loads before anything that uses it, also when the
        # figure was rendered before and folium's own head elements are already there.
        header.clear()
        for key, element in ours.items():
            element._parent = figure.header
            header[key] = element
        header.update(before)
        try:
            page = figure.render()
        finally:
            for key in ours:
                header.pop(key, None)
    found = _EXTERNAL_TAG.search(page)
    hosts = [h for h in CDN_HOSTS if h in page]
    if found or hosts:
        raise AssetNotVendored(f"the map still loads from another host ({found.group(0) if found else hosts[0]})")
    return page


@contextmanager
def _assets_taken_out(figure: Figure) -> Iterator[list[tuple[str, str, str]]]:
    """Every script and stylesheet the map's elements ask for, as (kind, name, path under
    maps/static/); meanwhile the elements ask for none, so folium writes no link of its own."""
    wanted: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    saved = []
    for element in _walk(figure):
        if not hasattr(element, "default_js"):
            continue
        saved.append((element, element.__dict__.get("default_js"), element.__dict__.get("default_css")))
        for kind, entries in (("js", element.default_js), ("css", element.default_css)):
            for name, url in entries:
                if re.match(r"^(?:[a-z]+:)?//", url, re.IGNORECASE):
                    raise AssetNotVendored(
                        f"{type(element).__name__} loads {name} from {url}: vendor it in maps/static/ "
                        "and point the element at it, or build the map with maps.base_map"
                    )
                if (kind, name) not in seen:
                    seen.add((kind, name))
                    wanted.append((kind, name, url))
        element.default_js, element.default_css = [], []
    try:
        yield wanted
    finally:
        for element, js, css in saved:
            for attribute, value in (("default_js", js), ("default_css", css)):
                if value is None:
                    element.__dict__.pop(attribute, None)  # back to the class's list
                else:
                    setattr(element, attribute, value)


def _layer_controls_last(figure: Figure) -> None:
    """A layer control lists the layers that exist when its script runs: render it after
    every layer, also after those added to the map once the control was."""
    for element in list(_walk(figure)):
        controls = [k for k, child in element._children.items() if isinstance(child, folium.LayerControl)]
        for key in controls:
            element._children[key] = element._children.pop(key)


def _walk(element) -> Iterator:
    yield element
    for child in list(element._children.values()):
        yield from _walk(child)


def _inline_css_urls(css: str, folder: Path) -> str:
    """Images a stylesheet refers to, as data: URLs."""

    def data_url(match: re.Match) -> str:
        target = match.group(2)
        if target.startswith(("data:", "#")):
            return match.group(0)
        file = (folder / target).resolve()
        if assets.ASSET_DIR not in file.parents or not file.is_file():
            raise AssetNotVendored(f"the stylesheet in {folder.name}/ refers to {target}, which is not vendored")
        mime = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        return f"url(data:{mime};base64,{base64.b64encode(file.read_bytes()).decode('ascii')})"

    return _CSS_URL.sub(data_url, css)
