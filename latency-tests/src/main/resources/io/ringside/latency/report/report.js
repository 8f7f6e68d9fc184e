// report.html: one run's charts from the JSON block #ringside-data, drawn by charts.js.
ringsideCharts.drawPage('report', function (data) {
  'use strict';
  var charts = ringsideCharts;
  charts.percentileChart('chart-distribution', data.distribution);
  data.comparisons.forEach(function (chart, i) { charts.percentileChart('chart-compare-' + i, chart); });
  Object.keys(data.intervals).forEach(function (stage, i) {
    charts.latencyOverTime('chart-interval-' + i, stage + ' per interval', data.intervals[stage],
      data.intervals_start_ms);
  });
  if (data.throughput) {
    var stage = data.throughput.stage;
    charts.rateOverTime('chart-throughput', 'events per second (' + stage + ' stage, per interval)',
      [['events/s', data.intervals[stage]]], data.intervals_start_ms);
  }
});
