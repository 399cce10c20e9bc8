/* showcase: page behaviour — brand filter, photo lightbox, offline-aware search.
   Plain DOM, no dependencies; every feature degrades to working links without JS. */
(function () {
  "use strict";

  function each(sel, fn, root) {
    Array.prototype.forEach.call((root || document).querySelectorAll(sel), fn);
  }

  /* /branches/: filter by unit and star, sort by name or star. */
  function brandFilter(form) {
    var page = form.closest(".sc-page");
    var cards = Array.prototype.slice.call(page.querySelectorAll(".sc-card"));
    var home = cards.map(function (c) { return c.parentNode; });
    var flat = document.createElement("div");
    flat.className = "sc-cards sc-cards-flat";
    flat.hidden = true;
    form.parentNode.insertBefore(flat, form.nextSibling);
    var collator = new Intl.Collator("zh-Hans-CN-u-co-pinyin");
    var empty = page.querySelector(".sc-filter-empty");
    var count = form.querySelector(".sc-filter-count");

    function apply() {
      var unit = form.elements.unit.value, star = form.elements.star.value, sort = form.elements.sort.value;
      var shown = 0;
      cards.forEach(function (c) {
        var ok = (!unit || c.dataset.unit === unit) && (!star || c.dataset.star === star);
        c.hidden = !ok;
        if (ok) shown++;
      });
      if (sort) {
        var order = cards.slice().sort(function (a, b) {
          if (sort === "star" && a.dataset.star !== b.dataset.star) return b.dataset.star - a.dataset.star;
          return collator.compare(a.dataset.name, b.dataset.name);
        });
        order.forEach(function (c) { flat.appendChild(c); });
      } else {
        cards.forEach(function (c, i) { home[i].appendChild(c); });
      }
      flat.hidden = !sort;
      each(".sc-unit", function (s) {
        s.hidden = !!sort || !s.querySelector(".sc-card:not([hidden])");
      }, page);
      if (empty) empty.hidden = shown > 0;
      if (count) count.textContent = "共 " + shown + " 个支部";
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }

  /* Photo lightbox: a.sc-photo links open the large image in a <dialog>; arrows step
     through photos of the same data-lightbox group. Without JS the link opens the image. */
  function lightbox() {
    var links = Array.prototype.slice.call(document.querySelectorAll("a.sc-photo"));
    if (!links.length || typeof HTMLDialogElement === "undefined") return;
    var dlg = document.createElement("dialog");
    dlg.className = "sc-lightbox";
    dlg.setAttribute("aria-label", "照片");
    dlg.innerHTML = '<figure><img alt=""><figcaption></figcaption></figure>' +
      '<button type="button" class="sc-lb-prev" aria-label="上一张">‹</button>' +
      '<button type="button" class="sc-lb-next" aria-label="下一张">›</button>' +
      '<button type="button" class="sc-lb-close" aria-label="关闭">×</button>';
    document.body.appendChild(dlg);
    var img = dlg.querySelector("img"), cap = dlg.querySelector("figcaption");
    var group = [], at = 0;

    function show(i) {
      at = (i + group.length) % group.length;
      var a = group[at];
      img.src = a.getAttribute("href");
      img.alt = a.dataset.caption || "";
      cap.textContent = (a.dataset.caption || "") + (group.length > 1 ? "（" + (at + 1) + "/" + group.length + "）" : "");
      dlg.querySelector(".sc-lb-prev").hidden = dlg.querySelector(".sc-lb-next").hidden = group.length < 2;
    }
    links.forEach(function (a) {
      a.addEventListener("click", function (e) {
        e.preventDefault();
        var key = a.dataset.lightbox;
        group = key ? links.filter(function (x) { return x.dataset.lightbox === key; }) : [a];
        show(group.indexOf(a));
        dlg.showModal();
      });
    });
    dlg.querySelector(".sc-lb-prev").addEventListener("click", function () { show(at - 1); });
    dlg.querySelector(".sc-lb-next").addEventListener("click", function () { show(at + 1); });
    dlg.querySelector(".sc-lb-close").addEventListener("click", function () { dlg.close(); });
    dlg.addEventListener("click", function (e) { if (e.target === dlg) dlg.close(); });
    dlg.addEventListener("keydown", function (e) {
      if (e.key === "ArrowLeft") show(at - 1);
      if (e.key === "ArrowRight") show(at + 1);
    });
  }

  /* /search/: a small UI of ours over pagefind's search API (pagefind.js, ~45 KB, and its
     wasm): pagefind's ready-made UI script alone weighed 120 KB, a tenth of a first query's
     budget. From a file share the index cannot load, so say so and open the branch finder. */
  var RESULTS_AT_ONCE = 5;  // fragments (one request each) are fetched only for drawn results
  var openFinder = function () {};

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  /* pagefind's excerpts are page text (< and > escaped) with <mark> around matched words:
     built as text nodes, so nothing in a page's text is ever parsed as markup. */
  function excerpt(html) {
    var p = el("p", "sc-result-excerpt"), marked = false;
    html.split(/(<\/?mark>)/).forEach(function (part) {
      if (part === "<mark>" || part === "</mark>") { marked = part === "<mark>"; return; }
      var text = part.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
      if (text) p.appendChild(marked ? el("mark", "", text) : document.createTextNode(text));
    });
    return p;
  }

  function link(url, title) {
    var a = el("a", "sc-result-link", title || url);
    a.href = url;
    return a;
  }

  /* One page: its title, the excerpt of its text before the first heading when the words
     are there, and up to three sections (headings with ids) where they are found most. */
  function resultItem(data) {
    var li = el("li", "sc-result"), url = (data.meta && data.meta.url) || data.url;
    var title = el("p", "sc-result-title");
    title.appendChild(link(url, data.meta && data.meta.title));
    li.appendChild(title);
    var subs = data.sub_results || [];
    var root = subs.length > 0 && subs[0].url === url;
    if (root || !subs.length) li.appendChild(excerpt(root ? subs[0].excerpt : data.excerpt));
    var rest = root ? subs.slice(1) : subs;
    if (rest.length > 3) {
      var top = rest.slice().sort(function (a, b) { return b.locations.length - a.locations.length; }).slice(0, 3);
      rest = rest.filter(function (s) { return top.indexOf(s) >= 0; });
    }
    if (rest.length) {
      var ul = el("ul", "sc-result-subs");
      rest.forEach(function (s) {
        var item = el("li");
        item.append(link(s.url, s.title), excerpt(s.excerpt));
        ul.appendChild(item);
      });
      li.appendChild(ul);
    }
    return li;
  }

  function search(box) {
    var notice = document.querySelector(".sc-search-offline");
    function unavailable(message) {
      box.hidden = true;
      if (notice) {
        if (message) notice.textContent = message;
        notice.hidden = false;
      }
      openFinder();
    }
    if (location.protocol === "file:") return unavailable();
    box.innerHTML = '<form class="sc-search-form" role="search" action="">' +
      '<input type="search" name="q" class="sc-search-input" aria-label="全文检索关键词" ' +
      'placeholder="输入关键词检索全部支部" autocomplete="off"></form>' +
      '<p class="sc-search-status" role="status"></p><ol class="sc-search-results"></ol>' +
      '<button type="button" class="md-button sc-search-more" hidden>更多结果</button>';
    var input = box.querySelector("input"), status = box.querySelector(".sc-search-status");
    var list = box.querySelector("ol"), more = box.querySelector(".sc-search-more");
    // Absolute paths: pagefind derives each bundle's result URLs from its path ("/x/pagefind/b3/"
    // -> "/x/"), so a site served under a sub-path, or a portal's shards, link right.
    var path = function (p) { return new URL(p, location.href).pathname; };
    var merged = JSON.parse(box.dataset.merge || "[]").map(function (m) { return path(m.bundlePath); });
    var ready = import(path(box.dataset.bundle) + "pagefind.js").then(function (pagefind) {
      // In this page's thread: its web worker would be 40 KB more for every first query
      return pagefind.options({ noWorker: true }).then(function () {
        // the branch pages' bucket bundles, and in a portal its shards' bundles, as one search
        return Promise.all(merged.map(function (m) { return pagefind.mergeIndex(m); }));
      }).then(function () { return pagefind; });
    });
    ready.catch(function () { unavailable("全文检索索引未能加载，可使用下方的支部查找。"); });

    var query = 0, results = [], drawn = 0, timer = null;
    // the next results; `first` swaps in a new query's once they are ready (no flicker)
    function draw(first) {
      var asked = query, batch = results.slice(drawn, drawn + RESULTS_AT_ONCE);
      drawn += batch.length;
      more.hidden = true;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
        if (asked !== query) return;
        if (first) first();
        pages.forEach(function (d) { list.appendChild(resultItem(d)); });
        more.hidden = drawn >= results.length;
      });
    }
    function run() {
      var q = input.value.trim(), asked = ++query;
      var url = new URL(location.href);
      if (q) url.searchParams.set("q", q);
      else url.searchParams.delete("q");
      history.replaceState(history.state, "", url);
      if (!q) {
        results = [];
        list.textContent = status.textContent = "";
        more.hidden = true;
        return;
      }
      ready.then(function (pagefind) { return pagefind.search(q); }).then(function (found) {
        if (asked !== query) return;
        results = found.results;
        drawn = 0;
        return draw(function () {
          list.textContent = "";
          status.textContent = results.length
            ? "找到 " + results.length + " 个相关页面"
            : "没有找到与“" + q + "”相关的内容";
        });
      }).catch(function () {});
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 250);
    });
    box.querySelector("form").addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      run();
    });
    more.addEventListener("click", function () { draw(); });
    var q = new URLSearchParams(location.search).get("q");
    if (q) {
      input.value = q;
      run();
    }
  }

  /* The branch finder: its list is a script beside the search page, loaded only when the
     finder is used (or at once where pagefind cannot work: a file share allows <script src>
     but not fetch), so a search over HTTP never downloads it. */
  function finder(section) {
    var input = section.querySelector(".sc-finder-input");
    var list = section.querySelector(".sc-finder-list");
    var empty = section.querySelector(".sc-finder-empty");
    var requested = false;
    function filter() {
      var q = input.value.trim().toLowerCase(), shown = 0;
      Array.prototype.forEach.call(list.querySelectorAll("li[data-text]"), function (li) {
        var ok = !q || li.dataset.text.toLowerCase().indexOf(q) >= 0;
        li.hidden = !ok;
        if (ok) shown++;
      });
      empty.hidden = shown > 0;
    }
    function fill() {
      (window.scFinder || []).forEach(function (row) {
        var li = document.createElement("li"), a = document.createElement("a");
        var small = document.createElement("small");
        li.dataset.text = row[3];
        a.href = row[0];
        a.textContent = row[1];
        small.textContent = row[2];
        li.append(a, " ", small);
        list.appendChild(li);
      });
      list.hidden = false;
      filter();
    }
    function load() {
      if (requested) return;
      requested = true;
      var script = document.createElement("script");
      script.src = section.dataset.list;
      script.onload = fill;
      document.head.appendChild(script);
    }
    openFinder = load;
    input.addEventListener("focus", load);
    input.addEventListener("input", function () {
      load();
      filter();
    });
    // over HTTP the full-text search is the way in; elsewhere (a file share, search: false)
    // the finder is, so its list comes at once
    if (location.protocol === "file:" || !document.getElementById("sc-search")) load();
  }

  function init() {
    each("form[data-filter=branches]", brandFilter);
    lightbox();
    each("#sc-search", search);
    each(".sc-finder", finder);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
