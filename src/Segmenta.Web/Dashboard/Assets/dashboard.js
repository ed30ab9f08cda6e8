// Draws every chart of a dashboard page with plotly.js (served locally from /assets/plotly.min.js), and shows upload
// progress. Each chart is a <div class="chart" data-spec="ID"> with its figure in <script type="application/json" id="ID">.
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

  // Upload with a progress bar: the form is posted by XMLHttpRequest (same fields, same anti-forgery token), the bar
  // follows the bytes sent, then says the analysis is running, and the page follows the server's redirect.
  function watchUpload() {
    var form = document.getElementById("upload-form");
    if (!form || !window.XMLHttpRequest || !window.FormData) { return; }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var bar = document.getElementById("upload-progress");
      var status = document.getElementById("upload-status");
      var button = document.getElementById("upload-button");
      button.disabled = true;
      bar.hidden = false;
      bar.value = 0;
      bar.max = 100;
      var request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.upload.onprogress = function (e) {
        if (e.lengthComputable) {
          bar.value = Math.round(100 * e.loaded / e.total);
          status.textContent = "Uploading: " + bar.value + "%";
        }
      };
      request.upload.onload = function () {
        bar.removeAttribute("value");
        status.textContent = "Uploaded; importing and analysing (this takes a few seconds)...";
      };
      request.onload = function () { window.location.assign(request.responseURL); };
      request.onerror = function () {
        button.disabled = false;
        status.textContent = "The upload failed (connection lost or file too large); nothing stored was changed.";
      };
      request.send(new FormData(form));
    });
  }

  function start() { draw(); watchUpload(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
