// Draws Ringside's charts with uPlot (inlined above this script): HdrHistogram-style percentile distributions and
// series over time. Each page's own script, after this one, says which chart goes in which element.
// When a chart has drawn, body[data-plots-drawn] counts it; body[data-charts] is how many there are.
var ringsideCharts = (function () {
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
  // On a log axis a value must be positive: a 0 ns latency is drawn at 1 ns, the histograms' resolution anyway.
  function logUs(v) { return v == null ? null : Math.max(v, 1) / 1000; }
  var LOG_Y = { distr: 3, log: 10 };
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

  // A chart of the JSON ChartPage.percentileChart writes: x is 1/(1-p) on a log scale, y the latency in µs on a log
  // scale too, so a stage of microseconds and one of milliseconds are both readable on one chart.
  function percentileChart(id, chart) {
    var columns = [chart.x];
    var series = [{ label: 'percentile', value: function (u, v) { return percentileOf(v); } }];
    Object.keys(chart.series).forEach(function (name, i) {
      columns.push(chart.series[name].map(logUs));
      series.push({ label: name, stroke: palette[i % palette.length], width: 1.5, value: fmtUs,
        points: { show: false } });
    });
    make(id, {
      title: chart.title,
      height: 440,
      series: series,
      scales: {
        x: { time: false, distr: 3, log: 10 },
        y: LOG_Y
      },
      axes: [
        { label: 'percentile (log scale of 1/(1-p))', splits: function () { return chart.ticks; },
          values: function (u, splits) { return splits.map(function (s) { return TICK[s] || ''; }); } },
        { label: 'latency (µs, log scale)', size: 70 }
      ]
    }, columns);
  }

  // Seconds since startMs at each interval's start, then at the last one's end: a step chart needs the last edge.
  function edges(intervals, startMs) {
    var x = intervals.start_ms.map(function (ms) { return (ms - startMs) / 1000; });
    var n = intervals.end_ms.length;
    if (n > 0) { x.push((intervals.end_ms[n - 1] - startMs) / 1000); }
    return x;
  }

  // A value per interval, repeated at the closing edge so the last step is drawn its full width.
  function closed(values) {
    return values.length > 0 ? values.concat([values[values.length - 1]]) : values;
  }

  // named: [[label, values], ...] against x, seconds since the first interval started; each value holds over its
  // interval, so it is drawn as a step from the interval's start to its end.
  function timeChart(id, title, x, named, ylabel, fmt, yScale) {
    var columns = [x];
    var series = [{ label: 's', value: function (u, v) { return v == null ? '-' : v.toFixed(3) + ' s'; } }];
    var stepped = uPlot.paths && uPlot.paths.stepped ? uPlot.paths.stepped({ align: 1 }) : undefined;
    named.forEach(function (entry, i) {
      columns.push(closed(entry[1]));
      series.push({ label: entry[0], stroke: palette[i % palette.length], width: 1.5, value: fmt,
        paths: stepped, points: { show: false } });
    });
    make(id, {
      title: title,
      height: 260,
      series: series,
      scales: { x: { time: false }, y: yScale || {} },
      axes: [{ label: 'seconds since the first interval started' }, { label: ylabel, size: 70 }]
    }, columns);
  }

  // One stage's intervals (ChartPage.intervals): p50, p99 and max per interval, on a log axis.
  function latencyOverTime(id, title, intervals, startMs) {
    timeChart(id, title, edges(intervals, startMs),
      [['p50', intervals.p50.map(logUs)], ['p99', intervals.p99.map(logUs)], ['max', intervals.max.map(logUs)]],
      'latency (µs, log scale)', fmtUs, LOG_Y);
  }

  // named: [[label, intervals], ...] of one log, so every stage has the same intervals: each one's values per second.
  function rateOverTime(id, title, named, startMs) {
    timeChart(id, title, edges(named[0][1], startMs), named.map(function (entry) { return [entry[0], entry[1].rate]; }),
      'per second', fmtRate);
  }

  // Hands the page's data block to draw; whatever goes wrong is shown on the page and in body[data-plot-errors].
  function drawPage(where, draw) {
    try {
      if (typeof uPlot !== 'function') { throw new Error('uPlot did not load'); }
      draw(JSON.parse(document.getElementById('ringside-data').textContent));
    } catch (e) {
      fail(where, e);
    }
  }

  return { fail: fail, drawPage: drawPage, percentileChart: percentileChart, latencyOverTime: latencyOverTime,
    rateOverTime: rateOverTime };
})();
