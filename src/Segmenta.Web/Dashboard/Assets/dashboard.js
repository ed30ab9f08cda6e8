// Draws every chart of a dashboard page with plotly.js (served locally from /assets/plotly.min.js).
// Each chart is a <div class="chart" data-spec="ID"> with its figure in <script type="application/json" id="ID">.
(function () {
  "use strict";
  function draw() {
    document.querySelectorAll("div.chart[data-spec]").forEach(function (element) {
      var spec = document.getElementById(element.getAttribute("data-spec"));
      if (!spec) { return; }
      var figure = JSON.parse(spec.textContent);
      var layout = Object.assign({ margin: { t: 48, r: 16, b: 56, l: 64 }, font: { family: "DejaVu Sans, sans-serif", size: 13 } }, figure.layout || {});
      window.Plotly.newPlot(element, figure.data, layout, { responsive: true, displaylogo: false }).then(function () {
        element.setAttribute("data-drawn", "true");
      });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
