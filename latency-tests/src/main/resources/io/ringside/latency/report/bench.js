// bench.html: per rate, end to end for the engine against both baselines, the engine's stages, and per configuration
// latency and throughput over the feed's intervals; from the JSON block #ringside-data, drawn by charts.js.
ringsideCharts.drawPage('bench', function (data) {
  'use strict';
  var charts = ringsideCharts;
  data.rates.forEach(function (rate, i) {
    var prefix = 'chart-' + i + '-';
    if (rate.end_to_end) { charts.percentileChart(prefix + 'end-to-end', rate.end_to_end); }
    if (rate.stages) { charts.percentileChart(prefix + 'stages', rate.stages); }
    rate.configs.forEach(function (c) {
      charts.latencyOverTime(prefix + c.config + '-latency', c.label + ' (round ' + c.round + '): end to end per interval', c.end_to_end,
        c.start_ms);
      charts.rateOverTime(prefix + c.config + '-throughput', c.label + ' (round ' + c.round + '): per second',
        [['events sent', c.pacing_error], ['outputs received', c.end_to_end]], c.start_ms);
    });
  });
});
