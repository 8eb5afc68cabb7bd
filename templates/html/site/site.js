// cchc site: the filter box. Without JavaScript the form stays hidden and every row shows.
(function () {
  "use strict";
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
  }
  var form = document.querySelector("form.loc");
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-st]"));
  var texts = rows.map(function (r) { return fold(r.textContent); });
  var names = {};
  Array.prototype.forEach.call(form.querySelectorAll("#loc-u option"), function (o) { if (o.value) names[o.value] = fold(o.textContent); });
  function value(name) { var el = form.elements[name]; return el ? el.value : ""; }
  function apply() {
    var q = fold(value("q")), u = value("u"), s = value("s"), st = value("st"), shown = 0;
    rows.forEach(function (r, i) {
      var units = (r.getAttribute("data-u") || "").split(" ");
      var ok = (!u || units.indexOf(u) >= 0) && (!s || r.getAttribute("data-s") === s) &&
        (!st || r.getAttribute("data-st").split(" ").indexOf(st) >= 0) &&
        (!q || texts[i].indexOf(q) >= 0 || units.some(function (id) { return names[id] && names[id].indexOf(q) >= 0; }));
      r.hidden = !ok;
      if (ok) shown += 1;
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-group]"), function (g) {
      g.hidden = g.querySelector("[data-st]") !== null && g.querySelector("[data-st]:not([hidden])") === null;
    });
    form.querySelector("output").textContent = "Đang hiện " + shown + "/" + rows.length + " dòng.";
  }
  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
})();
