/* Reviewer pages: sortable tables (tablesort, vendored) and the dashboard filter. */
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    if (typeof Tablesort === "function") {
      document.querySelectorAll("#sc-dashboard, table.sortable").forEach(function (t) { new Tablesort(t); });
    }
    var table = document.getElementById("sc-dashboard");
    if (!table) return;
    var q = document.getElementById("sc-dash-q");
    var star = document.getElementById("sc-dash-star");
    var warn = document.getElementById("sc-dash-warn");
    var count = document.getElementById("sc-dash-count");
    function apply() {
      var text = (q.value || "").trim().toLowerCase();
      var shown = 0;
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var ok = (!text || row.dataset.text.toLowerCase().indexOf(text) !== -1) &&
          (!star.value || row.dataset.star === star.value) &&
          (!warn.checked || Number(row.dataset.warnings) > 0);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = "显示 " + shown + " 个支部";
    }
    [q, star, warn].forEach(function (el) { el.addEventListener("input", apply); el.addEventListener("change", apply); });
    apply();
  });
})();
