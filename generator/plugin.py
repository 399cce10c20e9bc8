"""The MkDocs plugin `showcase`: thin glue between load/score and the theme's templates.

Event order (mkdocs 1.6): on_config loads and scores everything and re-encodes photos, so
bad input stops the build before MkDocs touches site_dir; on_files adds the generated pages;
on_page_context hands each generated page its data; on_post_build builds the search index.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import hashlib
import json
import logging
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urljoin, urlsplit

import jinja2
from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils import get_build_date, write_file

from generator.exposure import refuse_exposure
from generator.load.project import Project, load_project
from generator.load.standard import DEFAULT_STANDARD
from generator.options import (
    DateOption,
    FlagOption,
    NumberOption,
    PathOption,
    YearOption,
    cache_dir,
    config_year,
    parse_as_of,
    resolve_limits,
)
from generator.problems import INPUT_ERROR_HEAD, InputError
from generator.render import markup
from generator.render.background import Background, BackgroundError
from generator.render.compact import collapse_whitespace
from generator.render.context import PageHelpers
from generator.render.pagecache import (
    PageCache,
    SkippedPageFilter,
    link_or_copy,
    site_key,
)
from generator.render.pages import plan_site
from generator.render.pages.guide import GUIDE_TEMPLATE
from generator.render.pages.search import FINDER, finder_script
from generator.render.photos import PhotoStore
from generator.render.plan import PlannedPage, SitePlan
from generator.render.portal import portal_plan, shard_logos
from generator.render.release import Releaser
from generator.render.search import (
    EarlyIndex,
    branch_of,
    bucket_bundles,
    build_search_index,
    index_order,
    searchable_templates,
    split_by_bucket,
)
from generator.render.shell import Bundle, bundled_sources, bundles, install_shell
from generator.score import default_as_of, score_project
from generator.score.cache import ScoreCache
from generator.shard import SUMMARY, Merged, summary
from generator.units import SHARDS_PREFIX, UnknownUnit, select_unit
from generator.writes import cache_is_temporary

log = logging.getLogger("mkdocs.plugins.showcase")
THEME_DIR = Path(__file__).resolve().parent / "theme"
ASSETS_DIR = THEME_DIR / "assets" / "showcase"  # our styles and scripts, bundled (render/shell.py)
DEFAULT_FEATURES = ("navigation.tabs", "navigation.top")
# The toggle icons are material's simplest sun and moon: they are inlined in every page.
DEFAULT_PALETTE = (
    {
        "media": "(prefers-color-scheme: light)",
        "scheme": "default",
        "primary": "red",
        "accent": "amber",
        "toggle": {"icon": "material/moon-waning-crescent", "name": "切换到深色模式"},
    },
    {
        "media": "(prefers-color-scheme: dark)",
        "scheme": "slate",
        "primary": "red",
        "accent": "amber",
        "toggle": {"icon": "material/white-balance-sunny", "name": "切换到浅色模式"},
    },
)


# material's base.html writes autocomplete="off" on its drawer and search checkboxes (so
# Firefox does not restore them open after a reload); HTML allows the attribute on text-like
# inputs only, and the Nu validator rejects it on every page. Without it, a reload in Firefox
# may at worst show the drawer as it was left.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')


def _valid_toggles(html: str) -> str:
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)


def _link_or_copy(src: str, dst: str) -> None:
    """A shard's file in the portal: a hard link when both sit on one file system (no bytes
    copied; build artifacts are replaced, never edited in place), else a copy."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


class ShowcaseConfig(base.Config):
    # Option types from generator.options: each explains a wrong value in Chinese, and the
    # CLI validates mkdocs.yml with this same class (options.validate).
    branches = PathOption(default="branches")
    """Folder of branch data, relative to mkdocs.yml; kept outside docs_dir on purpose."""
    standard = c.Optional(PathOption())
    """Path to a rulebook YAML; unset = the built-in default standard."""
    year = c.Optional(YearOption())
    """Evaluation year; unset = the calendar year before as_of's (the last year that ended)."""
    as_of = c.Optional(DateOption())
    """Date for statuses and warnings; unset = SOURCE_DATE_EPOCH or today."""
    search = FlagOption(default=True)
    """Build the offline Chinese search index (pagefind) after the site is written."""
    guide = FlagOption(default=True)
    """Generate the 使用指南 (user guide) pages under /guide/."""
    max_text_mb = c.Optional(NumberOption(2))
    """Largest YAML or Markdown file read, in MB (default 2)."""
    max_image_mb = c.Optional(NumberOption(30))
    """Largest image file read, in MB (default 30)."""
    max_image_megapixels = c.Optional(NumberOption(50))
    """Largest image, width × height in millions of pixels (default 50)."""
    max_workbook_mb = c.Optional(NumberOption(20))
    """Largest Excel workbook imported, in MB (default 20)."""


class ShowcasePlugin(BasePlugin[ShowcaseConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.plan: SitePlan | None = None
        self.files_by_uri: dict[str, File] = {}
        self.assets: tuple[Bundle, ...] = ()  # our stylesheet and script (render/shell.py)
        self._set_epoch = False
        self.pages: PageCache | None = None
        self._page_keys: dict[str, tuple[str, bool]] = {}  # src_uri -> (cache key, found in cache)
        self._cached_files: dict[str, File] = {}  # src_uri -> the cached page's static file
        # Past one machine, set by the CLI: `build --unit` builds one unit's shard (unit ID or
        # name); `portal` builds the portal over shards already read and merged.
        self.unit: str | None = None
        self.portal: Merged | None = None
        # Set by `showcase serve` for a quick rebuild after an edit (cli/quick.py): only these
        # branch folders are read, the nav is the full site's, no search index is made.
        self.preview: frozenset[str] | None = None
        self.photos_from: Path | None = None  # with preview: the project's encoded photos
        self.late: list[File] = []  # linked once the background jobs are done (on_post_build)
        self.early: EarlyIndex | None = None  # search buckets indexed while pages render
        self.releaser: Releaser | None = None  # lets go of a branch's records after its pages
        self._searchable: set[str] = set()  # planned pages pagefind reads (by their template)
        self.background = Background()  # photos, previews, exports (render/background.py)

    def _pin_build_date(self, as_of: dt.date, always: bool = False) -> None:
        """With a configured as_of, MkDocs' own dates (sitemap lastmod, its gzip header) follow
        it too, so the same input and as_of give a byte-identical site on any day."""
        if (self.config.as_of or always) and "SOURCE_DATE_EPOCH" not in os.environ:
            moment = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
            os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
            self._set_epoch = True

    def _unpin_build_date(self) -> None:
        if self._set_epoch:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self._set_epoch = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).resolve().parent
        self._setup_theme(config)
        if self.portal is not None:
            return self._portal_config(config)
        self.plan = None
        self.background = Background()
        # Loading, scoring and planning build millions of objects that live as long as the
        # build: the cyclic collector is off meanwhile (it ran ~15 full collections over them,
        # ~4 s of a one-edit rebuild at a thousand branches), and they are frozen after, out
        # of its way and of forked children's pages. Both undone when the build ends.
        gc.disable()
        try:
            as_of = parse_as_of(self.config.as_of, default_as_of())
            config_year(Path(config.config_file_path), self.config.year, as_of)
            refuse_exposure(Path(config.docs_dir), (root / self.config.branches).resolve())
            self._pin_build_date(as_of)
            standard = (root / self.config.standard).resolve() if self.config.standard else None
            limits = resolve_limits(dict(self.config))
            branches_dir = (root / self.config.branches).resolve()
            only, unit = self._unit_folders(branches_dir)
            if self.preview is not None:
                only = self._preview_folders
            project = load_project(
                root, branches_dir, standard, cache_dir(root, "branches"), limits, only=only
            )
            if unit is not None:
                project = dataclasses.replace(
                    project,
                    branches=tuple(
                        b for b in project.branches if b.profile.unit.strip() == unit[1]
                    ),
                )
                self._shard_config(config, unit)
            log.info(
                f"showcase: 已读取 {len(project.branches)} 个支部、"
                f"{sum(len(b.activities) for b in project.branches)} 条活动记录"
            )
            if project.skipped_note():
                log.info(f"showcase: {project.skipped_note()}")
            if cache_is_temporary(root):
                log.info(
                    f"showcase: 项目目录不可写，缓存改放临时目录 {cache_dir(root, '')}，生成结束后删除"
                )
            # The photos need nothing but the branches: encoded from now on, beside scoring
            # and planning, not after them (render/background.py).
            photos = PhotoStore(cache_dir(root, "photos"), limits, borrow=self.photos_from)
            for branch in project.branches:
                if branch.publish:
                    photos.add_branch(branch)
            self._encode_photos(photos)
            scores = ScoreCache(cache_dir(root, "scores"))
            results = score_project(project, self.config.year, as_of, scores)
            if unit is None:  # a unit's build keeps the other units' entries
                scores.prune()
            plan = SitePlan(
                project,
                results,
                photos,
                site_name=config.site_name,
                site_url=config.site_url,
                search=self.config.search,
                guide=self.config.guide,
                background=self.background,
            )
            self.plan = plan  # from here on a failed build cancels its background jobs
            markup.load_cache(cache_dir(root, "markup.sqlite"))
            plan_site(plan)
            gc.freeze()
            gc.enable()
            photos.save_index()
            if unit is not None:
                plan.portal_home = "../../" if config.use_directory_urls else "../../index.html"
                self._add_summary(
                    plan,
                    project,
                    config,
                    unit,
                    (standard or DEFAULT_STANDARD).read_text(encoding="utf-8"),
                )
            log.info(
                f"showcase: 评定完成（{results.year} 年，截至 {as_of.isoformat()}），共 {len(plan.pages)} 个页面待生成"
            )
            self._encode_photos(photos)  # any planning registered besides the branches'
            plan.background.start()  # what planning queued, beside MkDocs' page rendering
        except InputError as exc:
            self._unpin_build_date()
            self.background.cancel()
            gc.unfreeze()
            gc.enable()
            raise PluginError(f"{INPUT_ERROR_HEAD}\n{exc.report()}") from None
        except BaseException:
            self.background.cancel()
            gc.unfreeze()
            gc.enable()
            raise
        if plan.search:  # the search page merges the branch pages' bucket bundles
            plan.merged_search = bucket_bundles(b.id for b in plan.published())
        self.plan = plan
        self.late = []
        self.pages = PageCache(cache_dir(root, "pages"), project.keys)
        self._page_keys = {}
        self._cached_files = {}
        build_log = logging.getLogger("mkdocs.commands.build")
        if not any(isinstance(f, SkippedPageFilter) for f in build_log.filters):
            build_log.addFilter(SkippedPageFilter())
        return config

    def _encode_photos(self, photos: PhotoStore) -> None:
        """Start encoding the registered photos the cache lacks, in a new interpreter beside
        the build (render/photos.PhotoBatch); the files are linked into the site at the end."""
        batch = photos.batch()
        if batch:
            log.info(f"showcase: 处理图片 {len(batch)} 张（其余取自缓存）")
            self.background.run("处理图片", batch, fresh=True)
            self.background.start()

    def _preview_folders(self, folder: Path) -> bool:
        return self.preview is not None and folder.name in self.preview

    def _unit_folders(self, branches_dir: Path) -> tuple[Any, tuple[str, str] | None]:
        """For `build --unit`: the folders to read and the unit as (ID, name)."""
        if self.unit is None:
            return None, None
        try:
            only, uid, name = select_unit(branches_dir, self.unit)
        except UnknownUnit as exc:
            raise PluginError(str(exc)) from None
        return only, (uid, name)

    def _shard_config(self, config: MkDocsConfig, unit: tuple[str, str]) -> None:
        """A shard is served at units/<ID>/ under the portal: its absolute URLs (sitemap, QR
        codes) say so, its title names the unit, and its logo leads up to the portal."""
        if config.site_url:
            config.site_url = config.site_url.rstrip("/") + f"/{SHARDS_PREFIX}/{unit[0]}/"
        config.site_name = f"{config.site_name} · {unit[1]}"
        config.extra["homepage"] = "../../" if config.use_directory_urls else "../../index.html"

    def _add_summary(
        self,
        plan: SitePlan,
        project: Project,
        config: MkDocsConfig,
        unit: tuple[str, str],
        rulebook: str,
    ) -> None:
        site_name = config.site_name.rsplit(" · ", 1)[0]
        data = summary(
            project,
            plan.results,
            unit,
            rulebook,
            shard_logos(plan),
            site_name,
            config.use_directory_urls,
        )
        plan.add_file(SUMMARY, content=data)

    def _portal_config(self, config: MkDocsConfig) -> MkDocsConfig:
        assert self.portal is not None
        as_of = self.portal.results.as_of
        self._pin_build_date(as_of, always=True)
        self.plan = portal_plan(
            self.portal,
            config.site_name,
            config.site_url,
            self.config.search,
            config.use_directory_urls,
            self.config.guide,
        )
        log.info(
            f"showcase: 门户：{len(self.portal.shards)} 个单位分片、{len(self.portal.project.branches)} 个支部，"
            f"共 {len(self.plan.pages)} 个页面待生成（分片页面不重新生成）"
        )
        return config

    def _setup_theme(self, config: MkDocsConfig) -> None:
        """Our templates sit after the user's custom_dir and before material's own."""
        theme = config.theme
        if theme.name != "material":
            raise PluginError("showcase 插件需要 theme: {name: material}")
        if str(THEME_DIR) not in theme.dirs:
            theme.dirs.insert(1 if theme.custom_dir else 0, str(THEME_DIR))
        # Offline by design: material would otherwise load Google Fonts.
        theme["font"] = False
        # The product's look for a minimal mkdocs.yml; a user's own palette or features win.
        if "palette" not in theme or not theme["palette"]:
            theme["palette"] = [dict(p) for p in DEFAULT_PALETTE]
        if "features" not in theme or not theme["features"]:
            theme["features"] = list(DEFAULT_FEATURES)
        config.extra.setdefault("generator", False)  # no external "Made with" link in the footer
        if not theme["language"] or theme["language"] == "en":
            theme["language"] = "zh"
        # Our styles and scripts as one file each (render/shell.py), before the user's own.
        self.assets = bundles(ASSETS_DIR, theme.get_env(), dict(theme))
        css, js = self.assets
        config.extra_css = [css.uri, *(u for u in config.extra_css if u != css.uri)]
        config.extra_javascript = [
            js.uri,
            *(u for u in config.extra_javascript if str(u) != js.uri),
        ]

    @event_priority(-50)  # after other plugins added their files, so ours win no clashes silently
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.plan is not None
        replaced = bundled_sources(ASSETS_DIR)
        for f in [f for f in files if f.src_uri in replaced]:
            files.remove(f)
        for bundle in self.assets:
            files.append(File.generated(config, bundle.uri, content=bundle.text))
        if not config.nav:  # before our pages are added: it lists content/'s own pages
            config.nav = self._nav(files)
        if self.preview is not None:
            self._stand_ins(config, files)
        if self.pages is not None:
            self.pages.site = self._site_key(config, files)
        for planned in self._in_build_order(config):
            if (
                files.get_file_from_path(planned.src_uri) is not None
                and planned.src_uri != "index.md"
            ):
                raise PluginError(f"content/{planned.src_uri} 与生成的页面冲突，请改名")
            if planned.src_uri == "index.md" and files.get_file_from_path("index.md") is not None:
                continue  # the hand-written home text stays; our template wraps it
            cached = self._cached_page(planned, config)
            if cached is not None:
                files.append(cached)
                continue
            # JSON strings are YAML scalars: a title with ": " or "#" stays one value. The title is
            # HTML-escaped because material prints page.meta.title raw in <title> and the header.
            meta = {"template": planned.template, "title": str(escape(planned.title))}
            content = "---\n" + "".join(
                f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items()
            )
            content += f"---\n{planned.body}"
            level = InclusionLevel.INCLUDED if planned.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, planned.src_uri, content=content, inclusion=level))
        for derived in self.plan.photos.files():
            files.append(
                _linked(
                    File.generated(config, derived.src_uri, abs_src_path=str(derived.path)),
                    self.late,
                )
            )
        for planned_file in self.plan.files.values():
            if planned_file.content is not None:
                files.append(
                    File.generated(config, planned_file.src_uri, content=planned_file.content)
                )
            else:
                files.append(
                    _linked(
                        File.generated(
                            config, planned_file.src_uri, abs_src_path=str(planned_file.path)
                        ),
                        self.late,
                    )
                )
        if "search/index.md" in self.plan.pages:
            files.append(File.generated(config, FINDER, content=self._finder(files)))
        self.files_by_uri = {f.src_uri: f for f in files}
        for uri, f in self._cached_files.items():  # page links resolve to the cached copy
            self.files_by_uri[uri] = f
        return files

    def _stand_ins(self, config: MkDocsConfig, files: Files) -> None:
        """A quick preview build has the full site's nav (set by the CLI), but not every page
        it names (the comparison needs two branches): a blank stand-in for each missing one
        keeps every page's tabs as in the full site. Stand-ins never reach the served site."""
        assert self.plan is not None
        for title, uri in _nav_pages(config.nav):
            missing = uri not in self.plan.pages and files.get_file_from_path(uri) is None
            if missing and title is not None and uri.endswith(".md"):  # not a link out
                meta = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n"
                files.append(File.generated(config, uri, content=meta))

    def _site_key(self, config: MkDocsConfig, files: Files) -> str:
        """What every page shares (render/pagecache.site_key). Known before any page is read:
        the nav's entries, and the text of each page the nav names without a title (MkDocs
        then shows the page's own title in every page's tabs)."""
        assert self.plan is not None
        untitled = {}
        for uri in [u for title, u in _nav_pages(config.nav) if title is None]:
            f = files.get_file_from_path(uri)
            if f is not None and f.is_documentation_page():
                untitled[uri] = hashlib.sha256(f.content_bytes).hexdigest()
        options = {k: v for k, v in self.config.items()}
        nav = {"nav": config.nav, "untitled": untitled}
        return site_key(config, nav, options, self.plan.as_of.isoformat(), self.plan.year)

    def _cached_page(self, planned: PlannedPage, config: MkDocsConfig) -> File | None:
        """A branch page found in the page cache becomes a static file linked from the cache:
        no Page object, no template, none of MkDocs' per-page work (~0.6 ms a page: seconds at
        a thousand branches). None for a page to render (its key is kept for on_post_page)."""
        assert self.plan is not None
        if self.pages is None:
            return None
        key = self.pages.key(planned.src_uri, self.plan.url_of(planned.src_uri))
        if key is None:
            return None
        found = self.pages.hit(key)
        self._page_keys[planned.src_uri] = (key, found)
        if not found:
            return None
        planned.forget()
        dest = planned.src_uri.removesuffix(".md") + ".html"  # every planned page is …/index.md
        f = File.generated(config, dest, abs_src_path=str(self.pages.path(key)))
        f.__class__ = _CachedPageFile
        f.written = self._written  # type: ignore[attr-defined]
        self._cached_files[planned.src_uri] = f
        return f

    def _written(self, dest_uri: str) -> None:
        if self.early is not None:
            self.early.written(dest_uri)

    def _in_build_order(self, config: MkDocsConfig) -> list[Any]:
        """Planned pages in the order MkDocs renders them: with search, bundle by bundle, the
        pages pagefind does not read last (render/search.index_order), so each bundle can be
        indexed once its pages exist."""
        assert self.plan is not None
        pages = self.plan.pages
        self._searchable = set()
        if not self.config.search or self.portal is not None:
            return list(pages.values())
        searchable = searchable_templates(
            config.theme.get_env(), (p.template for p in pages.values())
        )
        self._searchable = {uri for uri, p in pages.items() if p.template in searchable}
        ids = [b.id for b in self.plan.published()]
        return [pages[uri] for uri in index_order(list(pages), ids, self._searchable)]

    def _finder(self, files: Files) -> bytes:
        assert self.plan is not None
        plan = self.plan

        def url_of(uri: str) -> str:
            f = self._cached_files.get(uri) or files.get_file_from_path(uri)
            return f.url if f is not None else str(plan.remote_url(uri))

        return finder_script(plan, url_of)

    def _nav(self, files: Files) -> list[Any]:
        """A handful of sections; per-branch pages stay out of the nav (its cost is quadratic)."""
        assert self.plan is not None
        nav: list[Any] = [{"首页": "index.md"}]
        nav += [
            {p.title: p.src_uri}
            for p in self.plan.pages.values()
            if p.in_nav and p.src_uri != "index.md"
        ]
        planned = set(self.plan.pages)
        for f in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
            if f.src_uri not in planned and f.src_uri != "index.md" and f.inclusion.is_in_nav():
                nav.append(f.src_uri)
        return nav

    def on_env(
        self, env: jinja2.Environment, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        """Autoescape our templates. MkDocs' environment does not, and an `{% autoescape %}`
        block in a base template does not reach the blocks a child template fills in, so
        escaping is switched on per template name: everything under showcase/ (user data)."""
        previous = env.autoescape

        def autoescape(name: str | None) -> bool:
            if name and name.startswith("showcase/"):
                return True
            return previous(name) if callable(previous) else bool(previous)

        env.autoescape = autoescape
        # material's __config JSON (on every page) and our tojson attributes: Chinese as
        # UTF-8 text (3 bytes a character) instead of \uXXXX escapes (6), no padding.
        env.policies["json.dumps_kwargs"] = {
            "sort_keys": True,
            "ensure_ascii": False,
            "separators": (",", ":"),
        }
        install_shell(env, config)  # the page config, the shared tabs and nav (render/shell.py)
        # The sitemap lists every page; cached branch pages are static files (see on_files).
        env.globals["sc_cached_pages"] = _sitemap_entries(self._cached_files, config.site_url)
        self._start_early_index(config, files)
        self.releaser = None
        if self.plan is None or self.portal is not None or self.preview is not None:
            return env  # a portal renders no branch page; a preview build is a few branches
        self.releaser = Releaser(
            self.plan.published(), (f.src_uri for f in files.documentation_pages())
        )
        return env

    def _start_early_index(self, config: MkDocsConfig, files: Files) -> None:
        """Every page is read and keyed by now: each bucket's pages and their keys are known,
        and which buckets hold a page that is not in the page cache (to be indexed again)."""
        self.early = None
        if (
            not self.config.search
            or self.portal is not None
            or self.preview is not None
            or self.pages is None
        ):
            return
        assert self.plan is not None
        uris = [u for u in self.plan.pages if u in self.files_by_uri and u in self._searchable]
        main, by_bucket = split_by_bucket(uris, (b.id for b in self.plan.published()))
        changed = {  # the pages of buckets with a page that is not in the page cache
            uri
            for pages in by_bucket.values()
            if not all(self._page_keys.get(p, ("", False))[1] for p in pages)
            for uri in pages
        }
        bundles = {k: [self.files_by_uri[u].dest_uri for u in b] for k, b in by_bucket.items()}
        bundles[0] = [self.files_by_uri[u].dest_uri for u in main]
        in_bundles = {rel for pages in bundles.values() for rel in pages}
        # MkDocs renders in the files' order (the sitemap does not follow it: sitemap.xml),
        # set by index_order: bundle by bundle, smallest first, a branch's pages together, the
        # dashboards last. In a cold build that stands: each bundle is indexed while the rest
        # render, the last (largest) one beside the dashboards. When the main bundle has pages
        # from the page cache (an edit in another bucket), the changed buckets' pages (with
        # their branches' other pages) come first instead, so their index starts at once.
        whole = not any(self._page_keys.get(u, ("", False))[1] for u in main)
        first = changed | (set(main) if whole else set())
        with_first = {branch_of(u) for u in first} - {None}  # and their other pages, after each
        docs = files.documentation_pages()
        rendered = {f.dest_uri for f in docs}
        late = [
            f for f in docs if f.src_uri not in first and branch_of(f.src_uri) not in with_first
        ]
        if docs[len(docs) - len(late) :] != late:  # else in place already
            for f in late:
                files.remove(f)
                files.append(f)
        root = Path(config.config_file_path).resolve().parent
        self.early = EarlyIndex(
            Path(config.site_dir),
            bundles,
            self._dest_keys(),
            cache_dir(root, "search"),
            self.pages.site,
            present=in_bundles - rendered,  # cached pages are copied before any page renders
            before_last=self.background.settle,
        )

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        assert self.plan is not None
        planned = self.plan.pages.get(page.file.src_uri)
        if planned is not None:
            page.meta.setdefault("template", planned.template)
            page.meta.setdefault("title", str(escape(planned.title)))
            # Generated pages carry their own section navigation (tabs on top, the drawer on phones);
            # the sidebar would only repeat the tab and squeeze wide tables. (The guide lists its own
            # pages on top; material's table of contents is only valid HTML on pages in the nav.)
            page.meta.setdefault("hide", ["toc", "navigation"])
        return markdown

    def on_page_context(
        self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any
    ) -> dict[str, Any]:
        assert self.plan is not None
        planned = self.plan.pages.get(page.file.src_uri)
        if planned is not None and planned.template == GUIDE_TEMPLATE:
            # material writes its hidden table of contents with a label pointing at a nav
            # toggle that only pages in the nav have (invalid HTML); the guide has headings.
            page.toc = TableOfContents([])
        context["sc"] = PageHelpers(self.plan, self.files_by_uri, page, planned)
        return context

    @event_priority(-100)  # last: other plugins see the real HTML before it goes to the cache
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """A branch page comes from the page cache, or goes into it; either way it is linked in."""
        output = collapse_whitespace(_valid_toggles(output))
        planned = self.plan.pages.get(page.file.src_uri) if self.plan is not None else None
        if planned is not None:
            planned.forget()
            if self.releaser is not None:
                self.releaser.rendered(page.file.src_uri)
        entry = self._page_keys.get(page.file.src_uri)
        if entry is None or self.pages is None:
            if self.early is not None and self.early.waits_for(page.file.dest_uri):
                # written here as MkDocs would, so that the main bundle's index can start
                write_file(
                    output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path
                )
                self.early.written(page.file.dest_uri)
                return ""
            return output
        key, found = entry
        if not found:
            try:
                self.pages.store(key, output)
            except OSError:  # a read-only project: MkDocs writes the page itself
                return output
        link_or_copy(self.pages.path(key), Path(page.file.abs_dest_path))
        if self.early is not None:
            self.early.written(page.file.dest_uri)
        return ""  # MkDocs writes nothing for an empty page

    def on_post_template(
        self, output_content: str, template_name: str, config: MkDocsConfig
    ) -> str:
        if not template_name.endswith(".html"):
            return output_content  # sitemap.xml
        return collapse_whitespace(_valid_toggles(output_content))  # 404.html

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        root = Path(config.config_file_path).resolve().parent
        server.watch(str((root / self.config.branches).resolve()))
        if self.config.standard:
            server.watch(str((root / self.config.standard).resolve()))
        return server

    def on_post_build(self, config: MkDocsConfig) -> None:
        self._unpin_build_date()
        self.releaser = None
        markup.save_cache()
        if self.pages is not None:
            if self.pages.hits:
                log.info(f"showcase: {self.pages.hits} 个支部页面未变化，取自缓存")
            self.pages.prune()
        site = Path(config.site_dir)
        if "search" not in config.plugins:
            # material ships lunr and its search worker as theme files; with its search plugin
            # off they are dead weight (and full of external URLs in license comments).
            for dead in ("assets/javascripts/lunr", "assets/javascripts/workers"):
                shutil.rmtree(site / dead, ignore_errors=True)
        if self.config.search and self.preview is None:
            # Every page is written: the core MkDocs rendered on indexes them while the
            # background jobs (photos, previews, exports: HTML is all pagefind reads) finish.
            early = self._wait_early_index()
            log.info("showcase: 建立全文检索索引（pagefind）…")
            self._index(config, site, early)
        if self.plan is not None:
            try:
                self.plan.background.wait()
            except BackgroundError as exc:
                raise PluginError(
                    (f"{INPUT_ERROR_HEAD}\n" if exc.input else "") + str(exc)
                ) from None
        for f in self.late:
            assert f.abs_src_path is not None
            link_or_copy(Path(f.abs_src_path), Path(f.abs_dest_path))
        self.late = []
        if self.portal is not None:  # after indexing: the shards bring their own indexes
            for s in self.portal.shards:
                shutil.copytree(
                    s.folder, site / SHARDS_PREFIX / s.unit_id, copy_function=_link_or_copy
                )
        gc.unfreeze()  # what on_config froze may be collected again (serve builds anew)

    def _dest_keys(self) -> dict[str, str]:
        """Site path of each cached page -> its page-cache key (what made it)."""
        return {
            self.files_by_uri[uri].dest_uri: key
            for uri, (key, _) in self._page_keys.items()
            if uri in self.files_by_uri
        }

    def _wait_early_index(self) -> int:
        if self.early is None:
            return 0
        early, self.early = self.early, None
        return early.wait()

    def _index(self, config: MkDocsConfig, site: Path, early: int = 0) -> None:
        """The main bundle, and the branch pages' buckets (a portal has none: its branch
        pages are the shards', indexed there)."""
        assert self.plan is not None
        branches = [] if self.portal is not None else [b.id for b in self.plan.published()]
        keys = self._dest_keys()
        root = Path(config.config_file_path).resolve().parent
        report = build_search_index(
            site, branches, keys, cache_dir(root, "search"), self.pages.site if self.pages else ""
        )
        if report.rebuilt or report.reused:
            log.info(
                f"showcase: 全文检索分组索引 {len(report.rebuilt) + early} 个重建"
                + (f"（其中 {early} 个在生成页面时已建好）" if early else "")
                + f"、{len(report.reused) - early} 个未变化取自缓存"
            )

    def on_build_error(self, error: Exception) -> None:
        self._unpin_build_date()
        self.releaser = None
        markup.save_cache(failed=True)
        self.background.cancel()
        gc.unfreeze()
        gc.enable()
        if self.early is not None:
            self.early.cancel()
            self.early = None


def _nav_pages(nav: Any) -> list[tuple[str | None, str]]:
    """(title, page) of every page a nav config names, at any depth; title None for a page
    named bare (MkDocs then shows the page's own title)."""
    if isinstance(nav, str):
        return [(None, nav)]
    if isinstance(nav, list):
        return [entry for item in nav for entry in _nav_pages(item)]
    if isinstance(nav, dict):
        return [
            entry
            for title, value in nav.items()
            for entry in ([(str(title), value)] if isinstance(value, str) else _nav_pages(value))
        ]
    return []


def _sitemap_entries(cached: dict[str, File], site_url: str | None) -> list[SimpleNamespace]:
    """Cached pages with the fields of MkDocs' Page that theme/sitemap.xml reads, set as
    MkDocs sets them (Page._set_canonical_url, update_date), under their own src_uri."""
    date = get_build_date()
    base = (site_url if site_url.endswith("/") else site_url + "/") if site_url else None
    out = []
    for uri, f in cached.items():
        canonical = urljoin(base, f.url) if base else None
        page = SimpleNamespace(
            is_link=False,
            canonical_url=canonical,
            abs_url=urlsplit(canonical).path if canonical else None,
            update_date=date,
        )
        out.append(SimpleNamespace(src_uri=uri, page=page))
    return out


class _CachedPageFile(File):
    """A branch page from the page cache, hard-linked into the site as a static file."""

    written: Callable[[str], None]

    def copy_file(self, dirty: bool = False) -> None:
        assert self.abs_src_path is not None
        link_or_copy(Path(self.abs_src_path), Path(self.abs_dest_path))
        self.written(self.dest_uri)


class _CacheLinkedFile(File):
    """A file derived into our cache (photo, board preview, export): hard-linked into the
    site, not copied. One a background job is still writing waits in `late` for the end."""

    late: list[File]

    def copy_file(self, dirty: bool = False) -> None:
        assert self.abs_src_path is not None
        if not os.path.exists(self.abs_src_path):
            self.late.append(self)
            return
        if dirty and not self.is_modified():
            return
        link_or_copy(Path(self.abs_src_path), Path(self.abs_dest_path))


def _linked(f: File, late: list[File]) -> File:
    f.__class__ = _CacheLinkedFile
    f.late = late  # type: ignore[attr-defined]
    return f
