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
import hashlib
import html as html_text
import mimetypes
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import folium
from branca.element import Element, Figure
from jinja2 import Environment
from markupsafe import Markup

from maps import assets
from maps.assets import AssetNotVendored

#: Hosts a folium or branca default would load from; none may appear in a page.
CDN_HOSTS = ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "code.jquery.com", "netdna.bootstrapcdn.com",
             "unpkg.com", "maxcdn.bootstrapcdn.com", "ajax.googleapis.com", "rawcdn.githack.com")

#: The map document. Autoescaped: the title comes from the data (a place's or person's name).
_PAGE = Environment(autoescape=True).from_string("""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
{% if policy %}<meta http-equiv="Content-Security-Policy" content="{{ policy }}">
{% endif %}{% if title %}<title>{{ title }}</title>
{% endif %}{{ assets }}
{{ header }}
</head>
<body>
{{ body }}
<script>{{ script }}</script>
</body>
</html>
""")

#: folium's map header (folium/folium.py, Map) without its script; see :func:`_map_header`.
_MAP_HEADER = Environment(autoescape=True).from_string("""
<meta name="viewport" content="width=device-width, initial-scale=1.0, maximum-scale=1.0, user-scalable=no">
<style>
#{{ this.get_name() }} {
    position: {{ this.position }};
    width: {{ this.width[0] }}{{ this.width[1] }};
    height: {{ this.height[0] }}{{ this.height[1] }};
    left: {{ this.left[0] }}{{ this.left[1] }};
    top: {{ this.top[0] }}{{ this.top[1] }};
}
.leaflet-container { font-size: {{ this.font_size }}; }
html, body { width: 100%; height: 100%; margin: 0; padding: 0; }
#map { position: absolute; top: 0; bottom: 0; right: 0; left: 0; }
</style>
""")


class UnsafeMap(ValueError):
    """A map whose document would hold a script the service did not write."""


_CSS_URL = re.compile(r"url\((['\"]?)([^)'\"]+)\1\)")
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)
_SCRIPT_TAG = re.compile(r"<script\b", re.IGNORECASE)
_EXTERNAL_TAG = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*['\"]?(?:https?:)?//", re.IGNORECASE)


@dataclass(frozen=True)
class MapDocument:
    """A map as a finished HTML document and the Content-Security-Policy hash source of each
    inline script in it (``'sha256-...'``), which are all scripts the service wrote.

    The document holds no nonce: it is the same for everyone and may be kept and served many
    times, and a policy naming its scripts by hash allows exactly those, never a script that
    text from the data might have become.
    """

    html: str
    script_hashes: tuple[str, ...]


def standalone_html(m: folium.Map) -> str:
    """One self-contained HTML page: Leaflet and every asset inlined."""
    return standalone_document(m).html


def standalone_document(m: folium.Map) -> MapDocument:
    """:func:`standalone_html` with its script hashes. The page carries its own policy (a
    ``<meta>`` element) allowing only those scripts, so it stays inert when opened from a
    disk or an e-mail, where no server sends a header."""

    def inline(kind: str, relative: str) -> tuple[str, str | None]:
        text = assets.path(relative).read_text(encoding="utf-8")
        if kind == "js":
            text = _SOURCE_MAP.sub("", text).replace("</script", "<\\/script")
            return f"<script>{text}</script>", text
        return f"<style>{_inline_css_urls(text, assets.path(relative).parent)}</style>", None

    return _render(m, inline, own_policy=True)


def served_html(m: folium.Map, asset_url: str = "/static/maps/") -> str:
    """The page for the dashboard: scripts and stylesheets from ``asset_url``."""
    return served_document(m, asset_url).html


def served_document(m: folium.Map, asset_url: str = "/static/maps/") -> MapDocument:
    """:func:`served_html` with the hash of its one inline script, for the response's policy."""
    base = asset_url if asset_url.endswith("/") else asset_url + "/"
    if re.match(r"^(?:https?:)?//", base):
        raise AssetNotVendored(f"asset_url {asset_url!r} is another host: maps load assets from the app itself")

    def link(kind: str, relative: str) -> tuple[str, str | None]:
        assets.path(relative)  # refuse what is not vendored
        url = html_text.escape(base + relative, quote=True)
        return (f'<script src="{url}"></script>' if kind == "js" else f'<link rel="stylesheet" href="{url}"/>'), None

    return _render(m, link, own_policy=False)


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


def _render(m: folium.Map, tag, own_policy: bool) -> MapDocument:
    figure = m.get_root()
    if not isinstance(figure, Figure):
        raise TypeError("the map is not in a figure")
    _layer_controls_last(figure)
    with _assets_taken_out(figure) as wanted:
        tags = [tag(kind, relative) for kind, _, relative in wanted]
        # The first pass: each element renders its templates with the data as values, and
        # hands the results to the figure's header, body and script.
        for child in figure._children.values():
            child.render()
    maps = {element.get_name(): element for element in _walk(figure) if isinstance(element, folium.Map)}
    header = "".join(_map_header(maps[key]) if key in maps else _rendered(child)
                     for key, child in figure.header._children.items())
    body = "".join(_rendered(child) for child in figure.html._children.values())
    script = "".join(_rendered(child) for child in figure.script._children.values())
    for part, text in (("header", header), ("body", body)):
        if _SCRIPT_TAG.search(text):
            raise UnsafeMap(f"an element of the map put a script in the document's {part}: only the map's own "
                            "script may run, so that the policy can name it")
    if re.search(r"</script|<!--", script, re.IGNORECASE):
        raise UnsafeMap("the map's script holds '</script' or '<!--': some text reached it unescaped")
    inline_scripts = [text for _, text in tags if text is not None] + [script]
    hashes = tuple(dict.fromkeys(_hash(text) for text in inline_scripts))
    page = _PAGE.render(title=figure.title or None, policy=_file_policy(hashes, figure) if own_policy else None,
                        assets=Markup("\n".join(html for html, _ in tags)), header=Markup(header),
                        body=Markup(body), script=Markup(script))
    found = _EXTERNAL_TAG.search(page)
    hosts = [h for h in CDN_HOSTS if h in page]
    if found or hosts:
        raise AssetNotVendored(f"the map still loads from another host ({found.group(0) if found else hosts[0]})")
    return MapDocument(page, hashes)


def _rendered(element: Element) -> str:
    """What an element handed to the figure says, as text.

    folium and branca hand over each element's rendered HTML or script as a new ``Element``
    whose *template* is that text, and render it a second time: text from the data inside
    would then run as template code on the server (``{{ 7*7 }}`` reads 49, and worse). The
    text is taken as it is instead; only elements with a template of their own are rendered.
    """
    if type(element) is Element and element._template_str is not None:
        return element._template_str
    return element.render()


def _map_header(m: folium.Map) -> str:
    """folium's map header without its inline script. That script sets ``L_NO_TOUCH`` and
    ``L_DISABLE_3D``, which Leaflet reads once, when it loads; here Leaflet loads first, so the
    script would change nothing, and the document keeps a single inline script."""
    if m.global_switches.no_touch or m.global_switches.disable_3d:
        raise UnsafeMap("no_touch and disable_3d are not supported: Leaflet is loaded before the map's header")
    return _MAP_HEADER.render(this=m)


def _hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def _file_policy(hashes: tuple[str, ...], figure: Figure) -> str:
    """The policy of a map file: its own scripts, inline styles (Leaflet needs them), images
    from itself and from the tile servers of its tile layers."""
    tiles = set()
    for element in _walk(figure):
        if isinstance(element, folium.TileLayer):
            url = urlsplit(str(element.tiles))
            tiles.add(f"{url.scheme}://{url.netloc.replace('{s}', '*')}")
    scripts = " ".join(f"'{h}'" for h in hashes)
    images = " ".join(["data:", *sorted(tiles)])
    return (f"default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; img-src {images}; "
            "base-uri 'none'; form-action 'none'")


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
