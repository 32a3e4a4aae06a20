// Job pages (ledger import, report rendering): poll the job's status and show its progress. The page gives its
// data in data- attributes of #job (data-status-url, data-dry-run, data-percent): no inline script (CSP).
(function () {
  var job = document.getElementById("job");
  if (!job) { return; }
  var statusUrl = job.dataset.statusUrl, dryRun = job.dataset.dryRun === "true";
  var bar = document.getElementById("job-bar");
  function el(id) { return document.getElementById(id); }
  function cell(tr, text) { var td = document.createElement("td"); td.textContent = text == null ? "" : String(text); tr.appendChild(td); }
  function table(heads, rows, cls) {
    var t = document.createElement("table"), head = document.createElement("tr"), body = document.createElement("tbody");
    if (cls) { t.className = cls; }
    heads.forEach(function (h) { var th = document.createElement("th"); th.textContent = h; head.appendChild(th); });
    var thead = document.createElement("thead"); thead.appendChild(head); t.appendChild(thead);
    rows.forEach(function (r) { var tr = document.createElement("tr"); r.forEach(function (v) { cell(tr, v); }); body.appendChild(tr); });
    t.appendChild(body);
    return t;
  }
  function setBar(percent, status) {
    bar.style.width = percent + "%"; bar.textContent = percent + "%"; if (status) { bar.className = status; }
  }
  setBar(job.dataset.percent || 0);
  function show(data) {
    setBar(data.percent, data.status);
    el("job-status").textContent = data.status_label;
    if (el("job-error")) { el("job-error").textContent = data.error || ""; }
    if (data.download && el("download-link")) {
      el("download-link").href = data.download; el("download-link").textContent = "下载 " + data.filename;
      el("job-download").hidden = false;
    }
    var r = data.result || {}, failed = r.errors && r.errors.length;
    if (el("job-summary")) {
      el("job-summary").textContent = r.summary || (data.total ? "已处理 " + data.processed + " / " + data.total + " 行" : "");
    }
    if (failed && el("job-errors")) {
      el("job-errors").replaceChildren(table(["行", "列", "错误原因"], r.errors.map(function (e) { return [e.row, e.column, e.message]; }), "errors"));
    }
    // A file with errors imports nothing, so it gets no preview of changes that will not happen.
    if (r.preview && r.preview.length && !failed && el("job-preview")) {
      var h = document.createElement("h2"); h.textContent = "变更预览";
      el("job-preview").replaceChildren(h, table(["行", "操作", "记录"], r.preview.map(function (p) { return [p.row, p.action, p.record]; })));
    }
    if (r.warnings && r.warnings.length && !failed && el("job-warnings")) {
      var w = document.createElement("h2"); w.textContent = "提醒";
      el("job-warnings").replaceChildren(w, table(["行", "提醒"], r.warnings.map(function (x) { return [x.row, x.message]; })));
    }
    if (data.status === "done" && dryRun && !failed && el("job-confirm")) { el("job-confirm").hidden = false; }
    return data.status === "done" || data.status === "failed";
  }
  function poll() {
    fetch(statusUrl, { credentials: "same-origin" }).then(function (res) { return res.json(); })
      .then(function (data) { if (!show(data)) { setTimeout(poll, 500); } });
  }
  poll();
})();
