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

  /* /search/: pagefind's UI over HTTP; from a file share its index cannot load, so say so. */
  function search(box) {
    var notice = document.querySelector(".sc-search-offline");
    if (location.protocol === "file:" || typeof window.PagefindUI === "undefined") {
      box.hidden = true;
      if (notice) notice.hidden = false;
      return;
    }
    // The branch pages' bucket bundles, and in a portal its units' shards' bundles, are
    // merged into the main one (pagefind multisite). Each is given as an absolute path, so
    // pagefind derives its result URLs from it: "/x/pagefind/b3/" -> "/x/".
    var merged = JSON.parse(box.dataset.merge || "[]").map(function (m) {
      return { bundlePath: new URL(m.bundlePath, location.href).pathname };
    });
    var ui = new window.PagefindUI({
      element: "#" + box.id,
      bundlePath: box.dataset.bundle,
      mergeIndex: merged,
      showSubResults: true,
      showImages: false,
      resetStyles: false
    });
    // pagefind's input carries only a title; give it a real accessible name once mounted
    var tries = 0;
    (function label() {
      var input = box.querySelector("input");
      if (input) input.setAttribute("aria-label", "全文检索关键词");
      else if (tries++ < 50) setTimeout(label, 20);
    })();
    var q = new URLSearchParams(location.search).get("q");
    if (q) ui.triggerSearch(q);
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
    input.addEventListener("focus", load);
    input.addEventListener("input", function () {
      load();
      filter();
    });
    if (location.protocol === "file:" || typeof window.PagefindUI === "undefined") load();
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
