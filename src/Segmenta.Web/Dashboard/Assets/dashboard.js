// Draws every chart of a dashboard page with plotly.js (served locally from /assets/plotly.min.js), and follows
// background jobs. Each chart is a <div class="chart" data-spec="ID"> with its figure in <script type="application/json" id="ID">.
(function () {
  "use strict";
  function draw() {
    document.querySelectorAll("div.chart[data-spec]").forEach(function (element) {
      var spec = document.getElementById(element.getAttribute("data-spec"));
      if (!spec) { return; }
      var figure = JSON.parse(spec.textContent);
      var layout = Object.assign({ margin: { t: 48, r: 16, b: 56, l: 64 }, font: { family: "DejaVu Sans, sans-serif", size: 13 } }, figure.layout || {});
      fitNarrow(element, figure.data, layout);
      window.Plotly.newPlot(element, figure.data, layout, { responsive: true, displaylogo: false }).then(function () {
        element.setAttribute("data-drawn", "true");
      });
    });
  }

  // On a phone-wide chart (under 560 px): a long title is wrapped (plotly never wraps) in a smaller font, with room
  // above the plot for its lines and a legend on top; a legend at the side (which would squeeze the plot to a sliver)
  // or below the axis moves under the whole chart, and the chart grows by its height.
  function fitNarrow(element, data, layout) {
    var width = element.clientWidth;
    if (!width || width >= 560) { return; }
    var margin = Object.assign({ t: 48, r: 16, b: 56, l: 64 }, layout.margin || {});
    var lines = 1;
    var title = layout.title && layout.title.text;
    if (title) {
      // One line in a smaller font when it fits at 12 px or more (a character is about 0.6 em wide), else wrapped lines at 12 px.
      var size = Math.min(15, Math.floor((width - 24) / (0.6 * title.length)));
      var text = size >= 12 ? title : wrap(title, Math.floor((width - 24) / 7.2));
      lines = text.split("<br>").length;
      layout.title = Object.assign({}, layout.title, { text: text, font: { size: Math.max(12, size) }, y: 1, yref: "container", yanchor: "top", pad: { t: 10 }, automargin: true });
    }
    var legend = layout.legend || {};
    var onTop = legend.orientation === "h" && legend.y > 1;
    var shown = data.filter(function (t) { return t.showlegend !== false; }).length;
    if (shown > 1 && !onTop) {
      var rows = Math.ceil(shown / Math.max(1, Math.floor(width / 170)));
      layout.legend = Object.assign({}, legend, { orientation: "h", x: 0, xanchor: "left", y: 0, yref: "container", yanchor: "bottom" });
      margin.b += 22 * rows + 8;
      layout.height = (layout.height || 450) + 22 * rows + 8;
    }
    // A legend on top wraps when its entries (about 200 px each with the symbol) do not fit one row.
    var legendRows = onTop ? Math.ceil(shown * 200 / width) : 0;
    margin.t = Math.max(margin.t, 24 + 17 * lines + 24 * legendRows);
    margin.r = Math.min(margin.r, 56);
    layout.margin = margin;
    fitNarrowHeatmap(width, data, layout);
  }

  // A heatmap on a phone: the colour bar goes (its values are written in the cells), cell values and axis labels get a
  // smaller font, column labels turn when they would not fit side by side, and long row labels are shortened (the
  // hover still names the whole row), so the cells keep most of the width.
  function fitNarrowHeatmap(width, data, layout) {
    var heatmaps = data.filter(function (t) { return t.type === "heatmap"; });
    if (!heatmaps.length) { return; }
    var margin = layout.margin;
    heatmaps.forEach(function (t) {
      if (t.text || t.texttemplate) { t.showscale = false; }
      t.textfont = Object.assign({}, t.textfont || {}, { size: 10 });
    });
    var trace = heatmaps[0];
    var rows = (trace.y || []).map(String);
    var columns = (trace.x || []).map(String);
    var longest = rows.reduce(function (n, r) { return Math.max(n, r.length); }, 0);
    var yaxis = layout.yaxis = Object.assign({}, layout.yaxis || {}, { tickfont: { size: 10 }, automargin: true });
    if (longest > 14) {
      yaxis.tickmode = "array";
      yaxis.tickvals = rows;
      yaxis.ticktext = rows.map(function (r) { return r.length > 14 ? r.slice(0, 13) + "…" : r; });
    }
    margin.l = Math.min(margin.l, 24 + 6 * Math.min(longest, 14));
    margin.r = Math.min(margin.r, 12);
    var xaxis = layout.xaxis = Object.assign({}, layout.xaxis || {}, { tickfont: { size: 10 }, automargin: true });
    var cell = (width - margin.l - margin.r) / Math.max(1, columns.length);
    var widest = columns.reduce(function (n, c) { return Math.max(n, c.length); }, 0) * 6.5;
    if (widest > cell - 4) { xaxis.tickangle = -90; }
  }

  function wrap(text, perLine) {
    var out = [], line = "";
    text.split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > perLine) { out.push(line); line = word; } else { line = line ? line + " " + word : word; }
    });
    if (line) { out.push(line); }
    return out.join("<br>");
  }

  // Forms that start a background job (re-run, upload) are posted by XMLHttpRequest (same fields, same anti-forgery
  // token, Accept: application/json): the button is disabled, a bar follows the bytes sent (uploads), then the job's
  // progress from /api/jobs/ID, and when the job is done the page reloads with its outcome. Reads keep working meanwhile.
  function watchJobForms() {
    document.querySelectorAll("form[data-job-form]").forEach(function (form) {
      if (!window.XMLHttpRequest || !window.FormData) { return; }
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var button = event.submitter || form.querySelector("button[type=submit]");
        var bar = form.querySelector("progress");
        var status = form.querySelector("[role=status]");
        var max = Number(form.getAttribute("data-max-bytes") || 0);
        var file = form.querySelector("input[type=file]");
        if (max && file && file.files.length && file.files[0].size > max) {
          status.textContent = "This file is " + Math.round(file.files[0].size / 1048576) + " MB; the server accepts up to " + Math.round(max / 1048576) + " MB. Split or compress it (.csv.gz), or import it with segmenta analyze.";
          return;
        }
        button.disabled = true;
        bar.hidden = false;
        bar.removeAttribute("value");
        status.textContent = "Starting…";
        var request = new XMLHttpRequest();
        request.open("POST", form.action);
        request.setRequestHeader("Accept", "application/json");
        request.upload.onprogress = function (e) {
          if (e.lengthComputable && file) {
            bar.value = e.loaded / e.total;
            status.textContent = "Uploading: " + Math.round(100 * e.loaded / e.total) + "%";
          }
        };
        request.onload = function () {
          var body = {};
          try { body = JSON.parse(request.responseText); } catch (e) { body = {}; }
          if (request.status === 200 && body.mapping) {
            // The file's columns must be picked first: the mapping step lists them.
            window.location.assign(body.mapping);
          } else if (request.status === 202 && body.id) {
            offerCancel(form.querySelector("button.cancel"), body.id, status);
            follow(body.id, bar, status, function (job) {
              window.location.assign(form.getAttribute("data-job-form") + "?job=" + encodeURIComponent(job.id));
            });
          } else {
            button.disabled = false;
            bar.hidden = true;
            status.textContent = body.detail || ("The server refused the request (HTTP " + request.status + ").");
          }
        };
        request.onerror = function () {
          button.disabled = false;
          bar.hidden = true;
          status.textContent = "The request failed (connection lost or file too large); nothing stored was changed.";
        };
        var fields;
        try { fields = new FormData(form, event.submitter); } catch (e) { fields = new FormData(form); }
        request.send(fields);
      });
    });
  }

  // Polls a job until it is done, showing its step and progress.
  function follow(id, bar, status, done) {
    var poll = function () {
      var request = new XMLHttpRequest();
      request.open("GET", "/api/jobs/" + encodeURIComponent(id));
      request.setRequestHeader("Accept", "application/json");
      request.onload = function () {
        var job = {};
        try { job = JSON.parse(request.responseText); } catch (e) { job = {}; }
        if (request.status !== 200) { status.textContent = "Lost track of the job; reload the page."; return; }
        if (job.state !== "Queued" && job.state !== "Running") { done(job); return; }
        var known = job.progress !== null && job.progress !== undefined;
        if (known) { bar.value = job.progress; } else { bar.removeAttribute("value"); }
        // The percentage is a share of the pipeline's steps (estimated), not of time.
        status.textContent = (job.state === "Queued" ? "Waiting for the previous job…" : (job.step || "Running…"))
          + " (" + (known && job.state === "Running" ? Math.round(100 * job.progress) + "% of steps, " : "") + Math.round(job.seconds) + " s)";
        window.setTimeout(poll, 250);
      };
      request.onerror = function () { window.setTimeout(poll, 1000); };
      request.send();
    };
    poll();
  }

  // A Cancel button for a running job (DELETE /api/jobs/ID): the job stops at its next step and the page reloads with
  // its outcome; the results shown never change.
  function offerCancel(button, id, status) {
    if (!button) { return; }
    button.hidden = false;
    button.disabled = false;
    button.onclick = function () {
      button.disabled = true;
      var request = new XMLHttpRequest();
      request.open("DELETE", "/api/jobs/" + encodeURIComponent(id));
      request.setRequestHeader("Accept", "application/json");
      request.onload = function () {
        if (request.status !== 202) {
          var body = {};
          try { body = JSON.parse(request.responseText); } catch (e) { body = {}; }
          status.textContent = body.detail || "The job could not be cancelled.";
        } else {
          status.textContent = "Cancelling at the next step…";
        }
      };
      request.send();
    };
  }

  // A page opened while its job runs (plain form post, or reload) follows the job and reloads when it is done.
  function watchJobBanner() {
    var banner = document.getElementById("job-status");
    if (!banner) { return; }
    document.querySelectorAll("form[data-job-form] button[type=submit]").forEach(function (b) { b.disabled = true; });
    offerCancel(document.getElementById("job-cancel"), banner.getAttribute("data-job"), document.getElementById("job-step"));
    follow(banner.getAttribute("data-job"), document.getElementById("job-progress"), document.getElementById("job-step"), function () {
      window.location.reload();
    });
  }

  function start() { draw(); watchJobForms(); watchJobBanner(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
