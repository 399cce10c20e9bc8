"""The public pages of the built demo site, read as files: every page kind exists, every page is
reachable from the home page, no link is broken (also with `use_directory_urls: false`),
nothing is loaded from outside, photos are re-encoded without EXIF, commitment statuses follow
DATA-FORMAT.md, and every generated page is well-formed."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import deque
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml
from PIL import Image

from conftest import REPO, demo_site_url, run_cli
from generator.render.photos import PhotoStore
from tests.sitefiles import site_json_bytes

BRANCHES = REPO / "branches"
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
ORIGIN = "http://site.invalid/"  # a stand-in origin: site-relative URLs resolve under it


# --- a tiny DOM on top of html.parser ------------------------------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)
        ]

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        open_tags = [n.tag for n in self.stack]
        if tag not in open_tags:
            self.problems.append(f"line {self.getpos()[0]}: stray </{tag}>")
            return
        while self.stack[-1].tag != tag:
            unclosed = self.stack.pop()
            if unclosed.tag not in ("p", "li", "option", "td", "th", "tr", "dt", "dd"):
                self.problems.append(
                    f"line {self.getpos()[0]}: <{unclosed.tag}> closed by </{tag}>"
                )
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


@dataclass
class Doc:
    root: Node
    problems: list[str]

    def ids(self) -> set[str]:
        return {n.attrs["id"] for n in self.root.iter() if "id" in n.attrs}

    def by_id(self, ident: str) -> Node:
        return next(n for n in self.root.iter() if n.attrs.get("id") == ident)


@cache
def _parse_cached(path: Path, mtime_ns: int) -> Doc:
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    unclosed = [n.tag for n in builder.stack[1:]]
    return Doc(
        builder.root, builder.problems + ([f"unclosed at end: {unclosed}"] if unclosed else [])
    )


def parse(path: Path) -> Doc:
    return _parse_cached(path, path.stat().st_mtime_ns)


# --- what the demo data says the site must contain ------------------------------------------


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def demo_branches() -> dict[str, dict]:
    """Each demo branch: publish flag, group ids, activity years (from file names), commitments."""
    out = {}
    for yml in sorted(BRANCHES.glob("*/branch.yml")):
        folder = yml.parent
        data = _load(yml)
        groups = _load(folder / "groups.yml") if (folder / "groups.yml").exists() else None
        group_list = groups.get("groups", groups) if isinstance(groups, dict) else groups or []
        out[folder.name] = {
            "publish": data.get("publish", True),
            "name": data["name"],
            "brand": data["brand"]["name"],
            "groups": [g["id"] for g in group_list],
            "years": sorted({int(p.name[:4]) for p in (folder / "activities").glob("*.md")}),
            "commitments": (folder / "commitments.yml").exists(),
        }
    return out


class _LooseLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, which carries !!python tags, without constructing them."""


_LooseLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_LooseLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def demo_as_of() -> dt.date:
    cfg = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_LooseLoader)  # noqa: S506
    plugin = next(p["showcase"] for p in cfg["plugins"] if isinstance(p, dict) and "showcase" in p)
    as_of = plugin["as_of"]
    return as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(str(as_of))


PUBLISHED = {bid: b for bid, b in demo_branches().items() if b["publish"]}
UNPUBLISHED = {bid: b for bid, b in demo_branches().items() if not b["publish"]}


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def generated_pages(site: Path) -> list[Path]:
    """Pages the plugin generates: all but the hand-written content pages (and 404)."""
    handwritten = {
        site / p.stem / "index.html" for p in (REPO / "content").glob("*.md") if p.stem != "index"
    }
    return [p for p in html_pages(site) if p not in handwritten]


# --- links ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    page: Path  # the page the link is on
    tag: str
    attr: str
    url: str  # as written


def links(site: Path, page: Path) -> list[Link]:
    out = []
    for n in parse(page).root.iter():
        for attr in ("href", "src", "srcset", "data", "action", "poster"):
            if attr in n.attrs:
                values = (
                    [v.strip().split()[0] for v in n.attrs[attr].split(",") if v.strip()]
                    if attr == "srcset"
                    else [n.attrs[attr]]
                )
                out += [Link(page, n.tag, attr, v) for v in values]
    return out


def page_url(site: Path, page: Path) -> str:
    return urljoin(ORIGIN, page.relative_to(site).as_posix())


def resolve(site: Path, link: Link) -> tuple[Path, str] | None:
    """The file an internal link points at and its fragment; None for external/special links."""
    parts = urlsplit(link.url)
    if parts.scheme or parts.netloc:
        return None  # absolute: external (checked separately)
    absolute = urljoin(page_url(site, link.page), link.url)
    path = unquote(urlsplit(absolute).path)
    assert absolute.startswith(ORIGIN), f"{link.page}: {link.url} climbs out of the site"
    target = site / path[len(urlsplit(ORIGIN).path) :]
    return target, unquote(parts.fragment)


def target_file(target: Path, directory_urls: bool = True) -> Path | None:
    if target.is_file():
        return target
    if directory_urls and target.is_dir() and (target / "index.html").is_file():
        return target / "index.html"
    return None


def broken_links(site: Path, directory_urls: bool = True) -> list[str]:
    broken = []
    for page in html_pages(site):
        for link in links(site, page):
            resolved = resolve(site, link)
            if resolved is None:
                continue
            target, fragment = resolved
            where = f"{page.relative_to(site)}: <{link.tag} {link.attr}={link.url!r}>"
            found = target_file(target, directory_urls)
            if found is None:
                broken.append(
                    f"{where} -> missing {target.relative_to(site) if target.is_relative_to(site) else target}"
                )
            elif fragment and found.suffix == ".html" and fragment not in parse(found).ids():
                broken.append(f"{where} -> no id {fragment!r} in {found.relative_to(site)}")
    return broken


# --- tests ----------------------------------------------------------------------------------


def test_every_page_kind_exists_for_every_published_branch(demo_site: Path) -> None:
    for page in (
        "index.html",
        "branches/index.html",
        "search/index.html",
        "scorecards/index.html",
        "scorecards/export/index.html",
        "groups/index.html",
        "warnings/index.html",
        "boards/index.html",
    ):
        assert (demo_site / page).is_file(), page
    missing = []
    for bid, b in PUBLISHED.items():
        base = demo_site / "branches" / bid
        expected = ["index.html", "scorecard/index.html", "badge.svg", "badge.json"]
        expected += [f"groups/{gid}/index.html" for gid in b["groups"]]
        expected += [f"activities/{y}/index.html" for y in b["years"]]
        if b["commitments"]:
            expected.append("commitments/index.html")
        missing += [f"{bid}/{rel}" for rel in expected if not (base / rel).is_file()]
    assert not missing, missing
    # no page beyond those: no group or year the data does not have
    for bid, b in PUBLISHED.items():
        base = demo_site / "branches" / bid
        groups = (
            {p.name for p in (base / "groups").iterdir()} if (base / "groups").exists() else set()
        )
        assert groups == set(b["groups"]), bid
        assert {int(p.name) for p in (base / "activities").iterdir()} == set(b["years"]), bid


def test_unpublished_branch_has_no_page_and_no_photos(demo_site: Path) -> None:
    published_photos = {
        hashlib.sha256(p.read_bytes()).digest()
        for bid in PUBLISHED
        for p in (BRANCHES / bid / "photos").glob("*")
    }
    store = PhotoStore(
        REPO / ".cache" / "showcase" / "photos"
    )  # only asks for names; encodes nothing
    for bid, b in UNPUBLISHED.items():
        assert not (demo_site / "branches" / bid).exists()
        for page in html_pages(demo_site):
            text = page.read_text(encoding="utf-8")
            assert f"branches/{bid}/" not in text and f'"{bid}/' not in text, page
            # the name may be part of another's (市烟草物流中心党支部 as a partner): match whole text
            assert b["brand"] not in text and f">{b['name']}<" not in text, page
        for photo in (BRANCHES / bid / "photos").glob("*"):
            if hashlib.sha256(photo.read_bytes()).digest() in published_photos:
                continue  # the same picture is also a published branch's photo
            derived = store.add(photo)
            assert not (demo_site / derived.thumb.src_uri).exists(), photo
            assert not (demo_site / derived.large.src_uri).exists(), photo
    texts = {
        "results.json": site_json_bytes(demo_site).decode("utf-8"),
        **{
            p: (demo_site / p).read_text(encoding="utf-8")
            for p in ("scorecards/results.csv", "sitemap.xml")
        },
    }
    for data, text in texts.items():
        assert all(
            b["brand"] not in text and f"branches/{bid}/" not in text
            for bid, b in UNPUBLISHED.items()
        ), data


def test_every_page_is_reachable_from_home(demo_site: Path) -> None:
    start = demo_site / "index.html"
    seen = {start}
    queue = deque([start])
    while queue:
        page = queue.popleft()
        for link in links(demo_site, page):
            if link.tag != "a" or link.attr != "href":
                continue
            resolved = resolve(demo_site, link)
            if resolved is None:
                continue
            found = target_file(resolved[0])
            if found is not None and found.suffix == ".html" and found not in seen:
                seen.add(found)
                queue.append(found)
    unreachable = [str(p.relative_to(demo_site)) for p in html_pages(demo_site) if p not in seen]
    assert not unreachable, unreachable
    # the ones that matter most, spelled out
    for bid, b in PUBLISHED.items():
        assert demo_site / "branches" / bid / "index.html" in seen
        for gid in b["groups"]:
            assert demo_site / "branches" / bid / "groups" / gid / "index.html" in seen


def test_no_broken_internal_links_or_fragments(demo_site: Path) -> None:
    broken = broken_links(demo_site)
    assert not broken, "\n".join(broken[:40]) + f"\n({len(broken)} in all)"


def test_activity_and_scorecard_anchors_are_checked(demo_site: Path) -> None:
    """The link check above really covers the anchors readers rely on."""
    activity_links = scorecard_links = 0
    for page in html_pages(demo_site):
        for link in links(demo_site, page):
            resolved = resolve(demo_site, link)
            if resolved is None or not resolved[1]:
                continue
            target, fragment = resolved
            found = target_file(target)
            rel = found.relative_to(demo_site).as_posix() if found else ""
            if "/activities/" in rel and not re.fullmatch(
                r"m\d+", fragment
            ):  # m<month> are month sections
                activity_links += 1
                heading = parse(found).by_id(fragment)  # the activity's heading, inside its article
                article = heading.parent
                assert heading.tag == "h3" and article is not None, (page, link.url)
                assert article.tag == "article" and "sc-activity" in article.classes, (
                    page,
                    link.url,
                )
                assert (BRANCHES / rel.split("/")[1] / "activities" / f"{fragment}.md").is_file(), (
                    page,
                    link.url,
                )
            elif rel.endswith("/scorecard/index.html"):
                scorecard_links += 1
                assert fragment in parse(found).ids(), (page, link.url)
    assert activity_links > 20
    assert scorecard_links > 0
    # the home page's latest activities and every brand page's latest activities point at anchors
    home = parse(demo_site / "index.html")
    lists = home.root.find_all("ul", "sc-act-list")
    assert lists and all("#" in a.attrs["href"] for ul in lists for a in ul.find_all("a"))


def test_file_share_build_has_no_broken_relative_links(good_site: Path) -> None:
    cfg = good_site / "mkdocs.yml"
    text = cfg.read_text(encoding="utf-8").replace(
        "search: false", "search: true"
    )  # as `new site --file-share`
    cfg.write_text(text + "use_directory_urls: false\n", encoding="utf-8")
    code, _, err = run_cli("build", str(good_site))
    assert code == 0, err
    site = good_site / "site"
    assert (site / "branches/demo/index.html").is_file()
    broken = broken_links(site, directory_urls=False)
    assert not broken, "\n".join(broken[:40])
    # every link to a page names the file: a file share shows no directory index
    for page in html_pages(site):
        for link in links(site, page):
            resolved = resolve(site, link)
            if resolved is not None and link.tag == "a":
                assert not resolved[0].is_dir(), f"{page.relative_to(site)}: {link.url}"
    for kind in ("groups", "activities", "commitments", "scorecard"):
        assert any(f"branches/demo/{kind}" in p.as_posix() for p in html_pages(site)), kind


def test_site_without_search_has_no_dangling_links(good_site: Path) -> None:
    assert "search: false" in (good_site / "mkdocs.yml").read_text(encoding="utf-8")
    code, _, err = run_cli("build", str(good_site))
    assert code == 0, err
    broken = broken_links(good_site / "site")
    assert not broken, "\n".join(broken[:40])


def test_nothing_is_loaded_from_outside(demo_site: Path) -> None:
    own = demo_site_url()  # material's <link rel="canonical"> names the site's own address
    offenders = []
    for page in html_pages(demo_site):
        for link in links(demo_site, page):
            parts = urlsplit(link.url)
            if not (parts.scheme or parts.netloc) or parts.scheme == "data":
                continue
            if own and link.tag == "link" and link.url.startswith(own):
                continue  # a configured link, never fetched
            if (
                link.tag == "a"
                and link.attr == "href"
                and parts.scheme in ("http", "https", "mailto", "tel")
            ):
                continue  # a plain link the reader may follow
            offenders.append(
                f"{page.relative_to(demo_site)}: <{link.tag} {link.attr}={link.url!r}>"
            )
        text = page.read_text(encoding="utf-8")
        assert "@import url(http" not in text and "url(//" not in text, page
    assert not offenders, "\n".join(offenders[:40])
    for css in demo_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for marker in (
            "url(http",
            'url("http',
            "url('http",
            "url(//",
            '@import "http',
            "@import url(http",
        ):
            assert marker not in text, f"{css.relative_to(demo_site)}: {marker}"


HARMLESS_INFO = {
    "transparency",
    "dpi",
    "jfif",
    "jfif_version",
    "jfif_unit",
    "jfif_density",
    "progression",
    "progressive",
}


def _metadata(path: Path) -> list[str]:
    """What a re-encode has to drop: EXIF tags and PNG/JPEG info chunks (text, ICC, XMP...)."""
    with Image.open(path) as img:
        return [f"exif:{k}" for k in img.getexif()] + [
            k for k in img.info if k not in HARMLESS_INFO
        ]


def test_no_original_photo_is_copied(demo_site: Path) -> None:
    originals = {
        hashlib.sha256(p.read_bytes()).hexdigest(): p
        for p in BRANCHES.rglob("*")
        if p.is_file() and p.suffix.lower() in (".jpg", ".jpeg", ".png", ".gif", ".webp")
    }
    copied = []
    for path in demo_site.rglob("*"):
        original = (
            originals.get(hashlib.sha256(path.read_bytes()).hexdigest()) if path.is_file() else None
        )
        if original is None:
            continue
        # The demo logos are metadata-free PNGs written by Pillow with the very settings the
        # photo pipeline uses, so re-encoding them at full size gives the same bytes back: a
        # fixed point, not a copy. Anything else byte-identical to an original is a copy.
        if _metadata(original) or path.parent != demo_site / "media" or path.name == original.name:
            copied.append(
                f"{path.relative_to(demo_site)} == {original.relative_to(REPO)} (metadata {_metadata(original)})"
            )
    assert not copied, copied


def test_photos_with_metadata_are_never_copied(good_site: Path) -> None:
    """Originals that carry EXIF/GPS or PNG text are re-encoded to different, clean bytes."""
    photos = good_site / "branches/demo/photos"
    with Image.open(photos / "logo.png") as img:
        from PIL.PngImagePlugin import PngInfo

        info = PngInfo()
        info.add_text("Comment", "sc-private-marker")
        img.save(photos / "logo.png", "PNG", optimize=True, pnginfo=info)
    with Image.open(photos / "act.jpg") as img:
        exif = img.getexif()
        exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
        exif[0x010E] = "sc-private-marker"  # ImageDescription
        exif.get_ifd(0x8825).update({1: "N", 2: (31.0, 49.0, 12.0), 3: "E", 4: (117.0, 13.0, 48.0)})
        size = img.size
        img.save(photos / "act.jpg", "JPEG", quality=90, exif=exif)
    originals = {hashlib.sha256(p.read_bytes()).digest() for p in photos.iterdir()}
    code, _, err = run_cli("build", str(good_site))
    assert code == 0, err
    site = good_site / "site"
    media = sorted((site / "media").iterdir())
    assert len(media) == 4, media  # thumbnail and large of each
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert hashlib.sha256(data).digest() not in originals, path
            assert b"sc-private-marker" not in data, path
    for path in media:
        assert not _metadata(path), (path.name, _metadata(path))
        if path.suffix == ".jpg":
            with Image.open(path) as out:
                assert (out.width < out.height) == (size[1] < size[0]), (path.name, out.size, size)


def _gps_photos() -> list[Path]:
    found = []
    for p in sorted(BRANCHES.glob("*/photos/*.jpg")):
        with Image.open(p) as img:
            if img.getexif().get_ifd(0x8825):
                found.append(p)
    return found


def test_gps_photo_is_stripped_and_rotated(demo_site: Path) -> None:
    gps = [p for p in _gps_photos() if PUBLISHED.get(p.parent.parent.name)]
    assert gps, "the demo data should carry a published JPEG with GPS EXIF"
    store = PhotoStore(
        REPO / ".cache" / "showcase" / "photos"
    )  # only asks for names; encodes nothing
    checked = 0
    for original in gps:
        with Image.open(original) as img:
            width, height = img.size
            orientation = img.getexif().get(0x0112, 1)
        derived = store.add(original)
        for variant in (derived.thumb, derived.large):
            path = demo_site / variant.src_uri
            if not path.exists():
                continue  # a photo in the folder that no page uses
            checked += 1
            with Image.open(path) as out:
                assert len(out.getexif()) == 0, f"{path.name} still carries EXIF"
                assert "exif" not in out.info, path.name
                if orientation in (5, 6, 7, 8):
                    assert (out.width < out.height) == (height < width), (
                        f"{path.name}: {out.size} not rotated from {(width, height)}"
                    )
                    assert abs(out.width / out.height - height / width) < 0.02
    assert checked >= 2


def test_every_media_image_exists(demo_site: Path) -> None:
    count = 0
    for page in html_pages(demo_site):
        for link in links(demo_site, page):
            resolved = resolve(demo_site, link)
            if resolved and "/media/" in f"/{resolved[0].relative_to(demo_site).as_posix()}":
                count += 1
                assert resolved[0].is_file(), f"{page.relative_to(demo_site)}: {link.url}"
                if link.tag == "img":
                    with Image.open(resolved[0]) as img:
                        assert img.width > 0
    assert count > 50


def _expected_status(item: dict, as_of: dt.date) -> str:
    if item.get("done"):
        return "已践诺"
    if item.get("due") is not None and item["due"] < as_of:
        return "逾期"
    return "进行中"


def test_commitment_statuses_follow_the_data_format(demo_site: Path) -> None:
    """Computed here from commitments.yml and as_of, for every published demo branch."""
    as_of = demo_as_of()
    checked = 0
    for bid, b in PUBLISHED.items():
        if not b["commitments"]:
            continue
        items = _load(BRANCHES / bid / "commitments.yml")["items"]
        doc = parse(demo_site / "branches" / bid / "commitments/index.html")
        for section_id, kind in (
            ("biaozhun", "亮标准"),
            ("shenfen", "亮身份"),
            ("chengnuo", "亮承诺"),
        ):
            section = doc.by_id(section_id)
            assert kind in section.find_all("h2")[0].text()
            shown = [
                (
                    " ".join(li.find_all(cls="sc-commit-text")[0].text().split()),
                    li.find_all(cls="sc-commit-status")[0].text().strip(),
                )
                for li in section.find_all("li", "sc-commit")
            ]
            expected = [
                (" ".join(str(i["text"]).split()), _expected_status(i, as_of))
                for i in items
                if i["kind"] == kind
            ]
            assert shown == expected, (bid, kind)
            checked += len(shown)
        statuses = [_expected_status(i, as_of) for i in items]
        summary = doc.root.find_all(cls="sc-commit-summary")[0]
        counts = {
            stat.find_all(cls="sc-stat-label")[0].text().strip(): stat.find_all(
                cls="sc-stat-value"
            )[0]
            .text()
            .strip()
            for stat in summary.find_all(cls="sc-stat")
        }
        for label in ("已践诺", "进行中", "逾期"):
            assert counts[label] == str(statuses.count(label)), (bid, label, counts)
    assert checked >= 10


def test_each_commitment_status_is_shown(good_site: Path) -> None:
    """One commitment kept, one overdue and one still open on as_of 2024-12-31 (the test
    data, not the demo's variety): each shows its own status next to its own text."""
    code, _, err = run_cli("build", str(good_site))
    assert code == 0, err
    doc = parse(good_site / "site/branches/demo/commitments/index.html")
    shown = {
        " ".join(li.find_all(cls="sc-commit-text")[0].text().split()): li.find_all(
            cls="sc-commit-status"
        )[0]
        .text()
        .strip()
        for li in doc.root.find_all("li", "sc-commit")
    }
    assert shown == {
        "设备故障停机率下降10%": "已践诺",
        "班组质量零投诉": "逾期",
        "党员佩戴党徽上岗": "进行中",
    }


def test_every_year_of_commitments_is_on_the_page(good_site: Path) -> None:
    """The by-year form: the rated year's list first, the other years' below it. Each list
    must be somewhere on the site, and the branch page names the year of its rate."""
    (good_site / "branches/demo/commitments.yml").write_text(
        "2023:\n  - {who: 王强, kind: 亮承诺, text: 节能降耗百分之五, due: 2023-12-31,"
        " done: 2023-12-01}\n"
        "2024:\n  - {who: branch, kind: 亮身份, text: 党员佩戴党徽上岗, due: 2024-06-30}\n"
        "2025:\n  - {who: yizu, kind: 亮标准, text: 新线投产零事故, due: 2025-06-30}\n",
        encoding="utf-8",
    )
    code, _, err = run_cli("build", str(good_site))
    assert code == 0, err
    doc = parse(good_site / "site/branches/demo/commitments/index.html")
    assert "2024年公开承诺" in doc.root.find_all("h1")[0].text()
    years = doc.root.find_all("details")
    assert [d.attrs["id"] for d in years] == ["y2025", "y2023"]
    assert "2023年公开承诺（共 1 项，已践诺 1 项，逾期 0 项）" in years[1].text()
    assert "节能降耗百分之五" in years[1].text() and "新线投产零事故" in years[0].text()
    assert not doc.problems
    brand = (good_site / "site/branches/demo/index.html").read_text(encoding="utf-8")
    assert "践诺率（2024年）" in brand


def test_generated_pages_are_well_formed(demo_site: Path) -> None:
    problems = []
    pages = generated_pages(demo_site)
    assert len(pages) > 40
    for page in pages:
        rel = page.relative_to(demo_site).as_posix()
        doc = parse(page)
        problems += [f"{rel}: {p}" for p in doc.problems]
        html = doc.root.find_all("html")
        if len(html) != 1 or html[0].attrs.get("lang") != "zh":
            problems.append(f"{rel}: <html lang> is {[h.attrs.get('lang') for h in html]}")
        articles = doc.root.find_all("article", "sc-page")
        if len(articles) != 1:
            problems.append(f"{rel}: {len(articles)} article.sc-page")
            continue
        h1 = articles[0].find_all("h1")
        if len(h1) != 1:
            problems.append(f"{rel}: {len(h1)} <h1> in article.sc-page")
        elif not h1[0].text().strip():
            problems.append(f"{rel}: empty <h1>")
        ids = [n.attrs["id"] for n in doc.root.iter() if "id" in n.attrs]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            problems.append(f"{rel}: duplicate ids {dupes[:5]}")
    assert not problems, "\n".join(problems[:40]) + f"\n({len(problems)} in all)"
