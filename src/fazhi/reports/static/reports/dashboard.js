/* The dashboard's charts, drawn with the ECharts the platform serves; Chinese labels in the system's CJK fonts. */
(function () {
  "use strict";
  var FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', sans-serif";
  var data = JSON.parse(document.getElementById("dash-data").textContent);
  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el || typeof echarts === "undefined") { return null; }
    var c = echarts.init(el, null, { renderer: "canvas" });
    option.textStyle = { fontFamily: FONT };
    option.tooltip = option.tooltip || { trigger: "axis" };
    // Ready once drawn and its animation has ended (so a bar is where it will stay).
    c.on("finished", function () { el.setAttribute("data-ready", "1"); });
    c.setOption(option);
    window.addEventListener("resize", function () { c.resize(); });
    return c;
  }
  function figureUrl(code, year, org) {
    return data.figure_url.replace("__code__", encodeURIComponent(code)) + "?year=" + year + "&org=" + encodeURIComponent(org);
  }
  var t = data.trend;
  var trendChart = chart("chart-trend", {
    legend: { type: "scroll", bottom: 0, textStyle: { fontFamily: FONT } },
    grid: { left: 40, right: 16, top: 20, bottom: 50 },
    xAxis: { type: "category", data: t.years.map(function (y) { return y + "年"; }) },
    yAxis: { type: "value" },
    series: t.series.map(function (s) { return { name: s.name + "（" + s.unit + "）", type: "line", data: s.values }; })
  });
  // A point opens the records behind it: that figure, that year.
  if (trendChart) {
    trendChart.on("click", function (p) { location.href = figureUrl(t.series[p.seriesIndex].code, t.years[p.dataIndex], t.org); });
  }
  var u = data.units;
  if (u) {
    var unitChart = chart("chart-units", {
      grid: { left: 120, right: 24, top: 20, bottom: 30 },
      xAxis: { type: "value", name: u.unit },
      yAxis: { type: "category", data: u.units, inverse: true, axisLabel: { fontFamily: FONT, width: 110, overflow: "truncate" } },
      series: [{ name: u.name, type: "bar", data: u.values, label: { show: true, position: "right" } }]
    });
    // A bar opens the records of that unit (the "本单位" bar opens the unit's page, with the units below it).
    if (unitChart) {
      unitChart.on("click", function (p) { location.href = figureUrl(u.code, u.year, u.orgs[p.dataIndex]); });
    }
  }
  var select = document.getElementById("unit-code");
  if (select) { select.addEventListener("change", function () { document.getElementById("unit-form").submit(); }); }
  // The user's own work comes from its own request: overdue warnings at the top, then the deadline chart.
  var colors = { overdue: "#c0392b", due_soon: "#e67e22", pending: "#2e86c1" };
  function showDeadlines(d) {
    var list = document.getElementById("warning-list");
    if (list) {
      d.overdue.slice().reverse().forEach(function (pair) {
        var li = document.createElement("li"), badge = document.createElement("span"), a = document.createElement("a");
        li.className = "warning-overdue";
        badge.className = "badge overdue";
        badge.textContent = "逾期";
        a.href = list.getAttribute("data-workbench");
        a.textContent = pair[0] + "：" + pair[1] + "项工作已逾期";
        li.appendChild(badge);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(a);
        list.insertBefore(li, list.firstChild);
      });
      list.setAttribute("data-ready", "1");
    }
    chart("chart-deadlines", {
      legend: { bottom: 0, textStyle: { fontFamily: FONT } },
      grid: { left: 100, right: 24, top: 20, bottom: 50 },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: d.categories, axisLabel: { fontFamily: FONT } },
      series: d.levels.map(function (l) { return { name: l.name, type: "bar", stack: "all", data: l.values, itemStyle: { color: colors[l.level] } }; })
    });
  }
  fetch(data.deadlines_url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(showDeadlines);
})();
