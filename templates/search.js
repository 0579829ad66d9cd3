// Filters the A–Z list as people type. Vietnamese is matched without accents and with d for đ,
// the way people type on phones ("dien bien", "tuan giao", "thue bao").
(function () {
  var form = document.querySelector("form.search");
  var input = document.getElementById("q");
  var list = document.getElementById("search-list");
  var count = document.getElementById("search-count");
  if (!form || !input || !list) return;
  form.hidden = false;
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  var items = Array.prototype.slice.call(list.children);
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  function run() {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (li) {
      var key = li.getAttribute("data-k");
      var ok = words.every(function (w) { return key.indexOf(w) !== -1; });
      li.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = words.length ? (shown ? list.getAttribute("data-count").replace("{n}", shown) : list.getAttribute("data-none")) : "";
  }
  input.addEventListener("input", run);
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; run(); }
})();
