/* /compare/: swap the two columns from the JSON embedded in the page (no request is made). */
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  function cell(tag, text, cls) {
    var el = document.createElement(tag);
    el.textContent = text;
    if (cls) el.className = cls;
    return el;
  }
  function num(x) { return String(Math.round(x * 10) / 10); }
  ready(function () {
    var blob = document.getElementById("sc-compare-data");
    if (!blob) return;
    var data = JSON.parse(blob.textContent);
    var a = document.getElementById("sc-compare-a");
    var b = document.getElementById("sc-compare-b");
    var diff = document.getElementById("sc-compare-diff");
    function summary(e) {
      var rows = [["星级", e.star_label + (e.vetoed ? "（一票否决）" : "")]];
      data.categories.forEach(function (c, i) { rows.push([c + " 达标", e.cats[i][0] + "/" + e.cats[i][1]]); });
      rows.push(["活动次数", String(e.activities)], ["党员积分合计", num(e.member_points)], ["党小组积分合计", num(e.group_points)]);
      data.dims.forEach(function (d, i) { rows.push(["五力·" + d + "（平均）", num(e.wuli[i])]); });
      return rows;
    }
    function fill(table, labels, left, right, ea, eb) {
      table.querySelector("thead .sc-compare-a").textContent = ea.label;
      table.querySelector("thead .sc-compare-b").textContent = eb.label;
      var body = table.querySelector("tbody");
      body.textContent = "";
      labels.forEach(function (label, i) {
        var tr = document.createElement("tr");
        var th = document.createElement("th");
        th.scope = "row";
        if (label.code) { th.appendChild(cell("code", label.code)); th.appendChild(document.createTextNode(" " + label.text)); }
        else th.textContent = label;
        tr.appendChild(th);
        tr.appendChild(cell("td", left[i]));
        tr.appendChild(cell("td", right[i]));
        if (left[i] !== right[i]) tr.className = "sc-differ";
        tr.hidden = diff.checked && left[i] === right[i];
        body.appendChild(tr);
      });
    }
    function render() {
      var ea = data.entries[a.value], eb = data.entries[b.value];
      if (!ea || !eb) return;
      var sa = summary(ea), sb = summary(eb);
      fill(document.getElementById("sc-compare-summary"), sa.map(function (r) { return r[0]; }),
        sa.map(function (r) { return r[1]; }), sb.map(function (r) { return r[1]; }), ea, eb);
      var mark = function (e) { return data.items.map(function (it, k) { return data.marks[e.pass.charAt(k) || "0"]; }); };
      fill(document.getElementById("sc-compare-items"), data.items.map(function (it) { return { code: it.id, text: it.text }; }),
        mark(ea), mark(eb), ea, eb);
      if (history.replaceState) history.replaceState(null, "", "#a=" + encodeURIComponent(a.value) + "&b=" + encodeURIComponent(b.value));
    }
    function fromHash() {
      var hash = new URLSearchParams(location.hash.slice(1));
      if (data.entries[hash.get("a")]) a.value = hash.get("a");
      if (data.entries[hash.get("b")]) b.value = hash.get("b");
      render();
    }
    [a, b, diff].forEach(function (el) { el.addEventListener("change", render); });
    window.addEventListener("hashchange", fromHash);  // a shared link opened on this page
    fromHash();
  });
})();
