/* disclosure_gen: turns each .dg-explorable table into sliders that recompute the result.
   Result = sum (or max/min) over rows of the product of the row's factors. Labels are set with
   textContent only, never as HTML. Without JavaScript the static table stays as it is. */
(function () {
  "use strict";

  function fmt(x) {
    var s = x.toFixed(4).replace(/\.?0+$/, "");
    return s === "-0" || s === "" ? "0" : s;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setup(box, n) {
    var data = JSON.parse(box.getAttribute("data-dg-explorable"));
    var table = box.querySelector("table");
    var form = el("form", "dg-explorable__form");
    var inputs = [];
    if (table.caption) form.appendChild(el("p", "dg-explorable__note", table.caption.textContent));
    data.rows.forEach(function (row, r) {
      var set = el("fieldset", "dg-explorable__row");
      set.appendChild(el("legend", null, row.label));
      row.factors.forEach(function (f, i) {
        var id = "dg-x" + n + "-" + r + "-" + i;
        var label = el("label", null, f.label + " ");
        var input = el("input");
        var shown = el("output", "dg-explorable__value", fmt(f.value));
        label.setAttribute("for", id);
        input.type = "range";
        input.id = id;
        input.min = f.min; input.max = f.max; input.step = f.step; input.value = f.value;
        input.setAttribute("data-row", r);
        input.setAttribute("data-default", f.value);
        shown.htmlFor = id;
        inputs.push([input, shown]);
        var wrap = el("div", "dg-explorable__factor");
        wrap.appendChild(label); wrap.appendChild(input); wrap.appendChild(shown);
        set.appendChild(wrap);
      });
      form.appendChild(set);
    });
    var result = el("p", "dg-explorable__total");
    var out = el("output", "dg-explorable__result");
    out.setAttribute("aria-live", "polite");
    result.appendChild(el("span", null, data.result + " = "));
    result.appendChild(out);
    var reset = el("button", "md-button", data.ui.explorable_reset);
    reset.type = "button";
    form.appendChild(result);
    form.appendChild(reset);

    function update() {
      var products = data.rows.map(function () { return 1; });
      inputs.forEach(function (pair) {
        var v = parseFloat(pair[0].value);
        products[+pair[0].getAttribute("data-row")] *= v;
        pair[1].textContent = fmt(v);
      });
      var total = data.combine === "max" ? Math.max.apply(null, products)
        : data.combine === "min" ? Math.min.apply(null, products)
        : products.reduce(function (a, b) { return a + b; }, 0);
      out.textContent = fmt(total);
    }
    form.addEventListener("input", update);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    reset.addEventListener("click", function () {
      inputs.forEach(function (pair) { pair[0].value = pair[0].getAttribute("data-default"); });
      update();
    });
    update();
    box.appendChild(form);
    table.classList.add("dg-explorable__table--static");
  }

  function init() {
    var boxes = document.querySelectorAll(".dg-explorable[data-dg-explorable]");
    for (var i = 0; i < boxes.length; i++) {
      if (!boxes[i].hasAttribute("data-dg-ready")) {
        boxes[i].setAttribute("data-dg-ready", "");
        setup(boxes[i], i);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
