"""What every page repeats, kept small: the theme's own styles and scripts as one file each,
material's header icons as CSS, and material's page config without unused translations.

Every page of a branch used to link four stylesheets and five scripts of ours and inline six
SVG icons (the logo twice, the two palette toggles, the back-to-top arrow): ~2.5 KB of the
~9 KB every page repeats, ten pages a branch. Served once as a cached file instead: one
stylesheet (ours, then the icons as CSS masks, drawn in `currentColor` as the inline SVGs
were) and one script (the vendored tablesort first, then ours, in the order they were
linked), both minified. Their names carry a hash of their content, so a browser never keeps
a stale copy after an upgrade and a rebuild with the same theme writes the same bytes.

material's page config (`<script id="__config">`) carries the translations of its code-copy
button, its own search and its version selector, ~700 bytes a page; a site with none of them
on keeps none (theme/showcase/layout.html: `page_config`, or material's block through
`trim_page_config` when a feature reads them). The tabs are rendered once per place in the
site (`SharedParts`). Showcase pages carry no navigation drawer at all (~2 KB a page): both
its sidebars are hidden there, and phones see the tabs instead (layout.html, showcase.css).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
import rcssmin
import rjsmin
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup
from mkdocs.utils.templates import url_filter

FOLDER = "assets/showcase"
# Libraries our scripts use, loaded before them (tablesort for the reviewer tables).
VENDOR_JS = ("vendor/tablesort.min.js", "vendor/tablesort.number.min.js")
# Material's defaults where mkdocs.yml names no icon (its partials say the same).
_DEFAULT_ICONS = {"logo": "material/library", "top": "material/arrow-up"}


@dataclass(frozen=True)
class Bundle:
    """One generated asset: its site path (with the content hash) and its text."""

    uri: str
    text: str


def _bundle(stem: str, ext: str, text: str) -> Bundle:
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    return Bundle(f"{FOLDER}/{stem}.{digest}.{ext}", text)


def _svg_url(svg: str) -> str:
    """An SVG as a CSS data URL (single quotes inside, `#` and `%` escaped), as material does."""
    svg = " ".join(svg.replace('"', "'").split())
    return 'url("data:image/svg+xml;charset=utf-8,' + quote(svg, safe=" '=:/<>,.;-()") + '")'


def icon_names(theme: dict) -> dict[str, str]:
    """CSS class suffix -> material icon name, for the icons the header and footer show."""
    icons = theme.get("icon") or {}
    names = {k: icons.get(k) or default for k, default in _DEFAULT_ICONS.items()}
    palette = theme.get("palette") or []
    for k, option in enumerate(palette if isinstance(palette, list) else [palette]):
        toggle = option.get("toggle") if isinstance(option, dict) else None
        if toggle and toggle.get("icon"):
            names[f"palette-{k}"] = toggle["icon"]
    return names


def icons_css(env: jinja2.Environment, names: dict[str, str]) -> str:
    """`.sc-icon-<key>` for each icon: a square of `currentColor` masked by the icon's SVG,
    taken from the theme's `.icons/` (a custom_dir's own icons included)."""
    rules = [
        "\n/* header and footer icons (render/shell.py) */\n"
        ".sc-icon{display:block;width:1.2rem;height:1.2rem;background-color:currentcolor;"
        "-webkit-mask:var(--sc-icon) center/contain no-repeat;"
        "mask:var(--sc-icon) center/contain no-repeat}\n"
        ".md-nav__button.md-logo .sc-icon{width:2.4rem;height:2.4rem}\n"
        ".md-top .sc-icon{display:inline-block;vertical-align:-.5em}\n"
    ]
    assert env.loader is not None
    for key, name in sorted(names.items()):
        source, _, _ = env.loader.get_source(env, f".icons/{name}.svg")
        rules.append(f".sc-icon-{key}{{--sc-icon:{_svg_url(source)}}}\n")
    return "".join(rules)


def _read(folder: Path, names: Iterable[str]) -> list[str]:
    # Each file ends with a newline and a `;` so no script runs into the next one.
    return [(folder / n).read_text(encoding="utf-8").rstrip() + "\n;\n" for n in names]


def bundles(folder: Path, env: jinja2.Environment, theme: dict) -> tuple[Bundle, Bundle]:
    """(stylesheet, script) of the theme's assets folder, in file-name order after the vendor."""
    css = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.css"))]
    css.append(icons_css(env, icon_names(theme)))
    js = _read(folder, [*VENDOR_JS, *(p.name for p in sorted(folder.glob("*.js")))])
    # Minified (comments and blanks out, nothing renamed): ~13 KB less for a first visit. The
    # vendored library's licence header (`/*! … */`) stays, as its licence asks.
    return (
        _bundle("site", "css", rcssmin.cssmin("".join(css))),
        _bundle("site", "js", rjsmin.jsmin("".join(js), keep_bang_comments=True)),
    )


def bundled_sources(folder: Path) -> set[str]:
    """Site paths of the files the bundles replace: not copied into the site on their own."""
    names = [p.name for p in (*folder.glob("*.css"), *folder.glob("*.js"))]
    return {f"{FOLDER}/{n}" for n in (*names, *VENDOR_JS)}


# material's search worker, named by a hash of its content: found in the theme, never copied.
_WORKER = "assets/javascripts/workers/search.*.min.js"


def search_worker(theme_dirs: Iterable[str]) -> str | None:
    """The site path of material's search worker script, if exactly one is found."""
    for folder in theme_dirs:
        found = sorted(Path(folder).glob(_WORKER))
        if found:
            return found[0].relative_to(folder).as_posix() if len(found) == 1 else None
    return None


def page_config(
    base_url: str, features: list[str], worker_url: str, extra: dict, dumps_kwargs: dict
) -> Markup:
    """material's config block as its base.html writes it for a site that reads no
    translation (no code copy, no material search, no version selector), without running
    its template: ~0.5 ms of language lookups a page."""
    data = {
        "annotate": extra.get("annotate") or None,
        "base": base_url,
        "features": features,
        "search": worker_url,
        "tags": extra.get("tags") or None,
        "translations": {},
        "version": None,
    }
    encoded = str(htmlsafe_json_dumps(data, **dumps_kwargs))
    return Markup(f'<script id="__config" type="application/json">{encoded}</script>')


_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def translation_prefixes(features: Collection[str], plugins: Collection[str], extra: dict) -> tuple:
    """The translation keys material's scripts read on this site, by prefix."""
    wanted = []
    if "content.code.copy" in features:
        wanted.append("clipboard.")
    if "search" in plugins:
        wanted.append("search.")
    if extra.get("version"):
        wanted.append("select.version")
    return tuple(wanted)


def trim_page_config(block: str, keep: tuple[str, ...], dumps_kwargs: dict) -> Markup:
    """material's config block with only the translations whose key starts with one of
    `keep`; everything else exactly as material wrote it (re-encoded as the env's tojson)."""
    block = str(block)  # HTML either way; as plain text so the pieces join unescaped
    m = _CONFIG.search(block)
    if m is None:  # not material's block as we know it: leave it alone
        return Markup(block)
    data = json.loads(m.group(2))
    texts = data.get("translations") or {}
    data["translations"] = {k: v for k, v in texts.items() if k.startswith(keep)}
    encoded = str(htmlsafe_json_dumps(data, **dumps_kwargs))
    return Markup(block[: m.start()] + m.group(1) + encoded + m.group(3) + block[m.end() :])


def _parts(url: str) -> list[str]:
    """A site path's folders, as mkdocs compares them (a last part with a dot is a file)."""
    folder, _, last = url.rpartition("/")
    return [p for p in (folder if "." in last else url).split("/") if p]


def _nav_urls(items: Iterable) -> Iterator[str]:
    for item in items:
        url = getattr(item, "url", None)
        if isinstance(url, str) and "://" not in url:
            yield url
        yield from _nav_urls(getattr(item, "children", None) or ())


class SharedParts:
    """A part of material's shell that lists the nav (the tabs), rendered once per place.

    It lists the nav's entries with links relative to the page shown (mkdocs drops the
    folders a link shares with the page, then climbs the rest). A page the nav does not list
    (every branch page) marks no entry active, so it reads the same on every such page at
    the same depth whose first folders, as many as the longest nav link has parts, are the
    same: ten thousand branch pages share a dozen renderings. A page the nav lists is rendered
    as material does. Saves ~0.4 ms of macro calls a page."""

    def __init__(self) -> None:
        self.depth: int | None = None
        self.done: dict[tuple, Markup] = {}

    def render(self, kind: str, page: Any, nav: Any, draw: Callable[[], str]) -> Markup:
        if page is None or nav is None or any(p is page for p in nav.pages):
            return Markup(draw())
        if self.depth is None:
            self.depth = max((len(_parts(u)) for u in _nav_urls(nav.items)), default=0)
        folders = _parts(str(page.url))
        key = (kind, len(folders), *folders[: self.depth])
        if key not in self.done:
            self.done[key] = Markup(draw())
        return self.done[key]


def install_shell(env: jinja2.Environment, config: Any) -> None:
    """The template helpers theme/showcase/layout.html calls, on MkDocs' environment for one
    build (`config`: the MkDocsConfig; `env`'s tojson policy already set)."""
    features = list(config.theme.get("features") or [])
    keep = translation_prefixes(features, config.plugins, config.extra)
    dumps = env.policies["json.dumps_kwargs"]
    env.filters["sc_page_config"] = lambda block: trim_page_config(block, keep, dumps)
    worker = search_worker(config.theme.dirs)
    # Without translations to keep, the block is written here, not by material's template.
    env.globals["sc_fast_config"] = not keep and worker is not None

    @jinja2.pass_context
    def fast_config(context: Any) -> Markup:
        url = url_filter(context, worker)
        return page_config(context["base_url"], features, url, config.extra, dumps)

    env.globals["sc_page_config"] = fast_config
    shared = SharedParts()  # per build: the nav may differ from the last one

    @jinja2.pass_context
    def shared_part(context: Any, kind: str, draw: Callable[[], str]) -> Markup:
        return shared.render(kind, context.get("page"), context.get("nav"), draw)

    env.globals["sc_shared"] = shared_part
