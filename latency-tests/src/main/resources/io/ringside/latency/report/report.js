// Draws report.html's charts from the JSON block #ringside-data with uPlot (inlined above this script).
// When a chart has drawn, body[data-plots-drawn] counts it; body[data-charts] is how many there are.
(function () {
  'use strict';
  var body = document.body;
  var errors = document.getElementById('plot-errors');
  var palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
    '#bcbd22', '#17becf'];
  var drawn = {};
  var drawnCount = 0;
  body.dataset.plotsDrawn = '0';

  function fail(where, e) {
    var message = where + ': ' + (e && e.message ? e.message : String(e));
    body.dataset.plotErrors = (body.dataset.plotErrors ? body.dataset.plotErrors + '; ' : '') + message;
    errors.textContent += message + '\n';
    errors.hidden = false;
  }

  function us(v) { return v == null ? null : v / 1000; }
  function fmtUs(u, v) { return v == null ? '-' : v.toFixed(2) + ' µs'; }
  function fmtRate(u, v) { return v == null ? '-' : Math.round(v).toLocaleString('en-US') + '/s'; }
  function percentileOf(x) {
    if (x == null) { return '-'; }
    var p = 100 * (1 - 1 / x);
    return (p >= 99.9999 ? p.toFixed(5) : p >= 99 ? p.toFixed(3) : p.toFixed(1)) + '%';
  }
  var TICK = { 1: '0%', 10: '90%', 100: '99%', 1000: '99.9%', 10000: '99.99%', 100000: '99.999%',
    1000000: '99.9999%' };

  function make(id, opts, columns) {
    var el = document.getElementById(id);
    if (!el) { fail(id, 'no such element'); return; }
    opts.width = Math.max(320, el.clientWidth || 640);
    opts.hooks = { draw: [function () {
      if (!drawn[id]) { drawn[id] = true; drawnCount++; body.dataset.plotsDrawn = String(drawnCount); }
    }] };
    try {
      new uPlot(opts, columns, el);
    } catch (e) {
      fail(id, e);
    }
  }

  function percentileChart(id, chart) {
    var columns = [chart.x];
    var series = [{ label: 'percentile', value: function (u, v) { return percentileOf(v); } }];
    Object.keys(chart.series).forEach(function (name, i) {
      columns.push(chart.series[name].map(us));
      series.push({ label: name, stroke: palette[i % palette.length], width: 1.5, value: fmtUs,
        points: { show: false } });
    });
    make(id, {
      title: chart.title,
      height: 440,
      series: series,
      scales: {
        x: { time: false, distr: 3, log: 10 },
        y: { range: function (u, min, max) { return [0, max > 0 ? max * 1.05 : 1]; } }
      },
      axes: [
        { label: 'percentile (log scale of 1/(1-p))', splits: function () { return chart.ticks; },
          values: function (u, splits) { return splits.map(function (s) { return TICK[s] || ''; }); } },
        { label: 'latency (µs)', size: 70 }
      ]
    }, columns);
  }

  function timeChart(id, title, x, named, ylabel, fmt) {
    var columns = [x];
    var series = [{ label: 's', value: function (u, v) { return v == null ? '-' : v.toFixed(3) + ' s'; } }];
    named.forEach(function (entry, i) {
      columns.push(entry[1]);
      series.push({ label: entry[0], stroke: palette[i % palette.length], width: 1.5, value: fmt,
        points: { show: x.length < 60, size: 4 } });
    });
    make(id, {
      title: title,
      height: 260,
      series: series,
      scales: { x: { time: false } },
      axes: [{ label: 'seconds since the first interval started' }, { label: ylabel, size: 70 }]
    }, columns);
  }

  try {
    var data = JSON.parse(document.getElementById('ringside-data').textContent);
    var seconds = function (ms) { return (ms - data.intervals_start_ms) / 1000; };
    if (typeof uPlot !== 'function') { throw new Error('uPlot did not load'); }
    percentileChart('chart-distribution', data.distribution);
    data.comparisons.forEach(function (chart, i) { percentileChart('chart-compare-' + i, chart); });
    Object.keys(data.intervals).forEach(function (stage, i) {
      var iv = data.intervals[stage];
      timeChart('chart-interval-' + i, stage + ' per interval', iv.start_ms.map(seconds),
        [['p50', iv.p50.map(us)], ['p99', iv.p99.map(us)], ['max', iv.max.map(us)]], 'latency (µs)', fmtUs);
    });
    if (data.throughput) {
      var t = data.throughput;
      timeChart('chart-throughput', 'events per second (' + t.stage + ' stage, per interval)',
        t.start_ms.map(seconds), [['events/s', t.rate]], 'events / s', fmtRate);
    }
  } catch (e) {
    fail('report', e);
  }
})();
