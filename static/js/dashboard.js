// Results dashboard: Chart.js charts drawn from the JSON the page carries (no inline script).
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source || typeof window.Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var series = {
    by_status: data.by_status,
    by_cluster: data.by_cluster,
    by_country: data.by_country,
    by_week: data.by_week,
    top_competencies: data.top_competencies,
    target_markets: data.target_markets,
    obstacles: data.obstacles
  };
  (data.extra_questions || []).forEach(function (question) {
    series[question.id] = question.rows;
  });
  var palette = ["#0b5394", "#e69138", "#6aa84f", "#cc0000", "#674ea7", "#45818e", "#bf9000", "#a64d79"];

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var rows = series[canvas.getAttribute("data-chart")] || [];
    var type = canvas.getAttribute("data-chart-type") || "bar";
    var horizontal = type === "bar" && rows.length > 6;
    new window.Chart(canvas, {
      type: type,
      data: {
        labels: rows.map(function (row) { return row.label; }),
        datasets: [{
          label: canvas.getAttribute("aria-label"),
          data: rows.map(function (row) { return row.count; }),
          backgroundColor: type === "line" ? "#0b5394" : palette,
          borderColor: "#0b5394"
        }]
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: type === "doughnut" } },
        scales: type === "doughnut" ? {} : { x: { ticks: { precision: 0 } }, y: { ticks: { precision: 0 } } }
      }
    });
  });
})();
