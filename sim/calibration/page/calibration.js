// The calibration page's charts (docs/calibration.md), drawn with Vega-Lite from the page's
// data block, which is calibration.json's document. Names from the scenario and the
// history reach the charts as data values only, each behind its position, so a name such
// as 'constructor' cannot become a property Vega looks up.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('data').textContent);
  const opts = {renderer: 'svg', actions: false};
  const config = {font: 'Helvetica, Arial, sans-serif', axis: {labelFontSize: 11, titleFontSize: 12},
                  legend: {labelFontSize: 11, titleFontSize: 12, orient: 'top'}, view: {stroke: null}};
  const schema = 'https://vega.github.io/schema/vega-lite/v5.json';
  const unit = data.currency ? ' (' + data.currency + ')' : '';
  const blue = '#0072B2', orange = '#D55E00', grey = '#7a8291';
  const draw = function (id, spec) {
    const place = document.getElementById(id);
    if (place) vegaEmbed(place, Object.assign({$schema: schema, config: config}, spec), opts);
  };

  // p0: the scenario's value as a prior and the posterior, per unit of log p0, with the
  // posterior's mean (solid) and 90% interval (dashed) marked.
  data.incident_rates.forEach(function (rate, i) {
    const judged = rate.prior.set_aside ? "the scenario's value as a prior (set aside)" : "prior: the scenario's value";
    const names = [judged, 'posterior: with the history'];
    const curves = [];
    rate.curve.forEach(function (point) {
      curves.push({p0: point.p0, density: point.prior, curve: names[0]});
      curves.push({p0: point.p0, density: point.posterior, curve: names[1]});
    });
    draw('rate-' + i, {
      width: 860, height: 170,
      layer: [
        {data: {values: curves}, mark: {type: 'line', interpolate: 'monotone'},
         encoding: {x: {field: 'p0', type: 'quantitative', scale: {type: 'log'},
                        title: 'p0, incident probability per unit at balance', axis: {format: '~g'}},
                    y: {field: 'density', type: 'quantitative', title: 'density (per log p0)', axis: {labels: false}},
                    color: {field: 'curve', type: 'nominal', title: null, scale: {domain: names, range: [grey, blue]},
                            legend: {labelLimit: 400}},
                    strokeDash: {field: 'curve', type: 'nominal', scale: {domain: names, range: [[4, 3], [1, 0]]}, legend: null}}},
        {data: {values: [{p0: rate.p0.mean}]}, mark: {type: 'rule', color: blue},
         encoding: {x: {field: 'p0', type: 'quantitative'}}},
        {data: {values: [{p0: rate.p0.p5}, {p0: rate.p0.p95}]}, mark: {type: 'rule', color: blue, strokeDash: [4, 3], opacity: 0.6},
         encoding: {x: {field: 'p0', type: 'quantitative'}}}
      ]
    });
  });

  // Severity: the losses' empirical distribution against the fitted lognormal, and the
  // normal QQ plot of the log-losses with the fitted line.
  data.severities.forEach(function (severity, i) {
    if (!severity.curve) return;
    const layers = [
      {data: {values: severity.curve.ecdf}, mark: {type: 'point', filled: true, color: orange},
       encoding: {x: {field: 'loss', type: 'quantitative', scale: {type: 'log'}, title: 'loss' + unit, axis: {format: '~s'}},
                  y: {field: 'p', type: 'quantitative', title: 'share of losses at or below', scale: {domain: [0, 1]}}}}
    ];
    if (severity.curve.fitted.length)
      layers.unshift({data: {values: severity.curve.fitted}, mark: {type: 'line', color: blue},
                      encoding: {x: {field: 'loss', type: 'quantitative', scale: {type: 'log'}},
                                 y: {field: 'p', type: 'quantitative'}}});
    draw('severity-' + i, {width: 400, height: 220, layer: layers});
    const qq = [{data: {values: severity.curve.qq}, mark: {type: 'point', filled: true, color: orange},
                 encoding: {x: {field: 'normal', type: 'quantitative', title: 'standard normal quantile'},
                            y: {field: 'log_loss', type: 'quantitative', title: 'log loss', scale: {zero: false}}}}];
    if (severity.mu !== undefined) {
      const ends = severity.curve.qq.map(function (p) { return p.normal; });
      const lo = Math.min.apply(null, ends), hi = Math.max.apply(null, ends);
      qq.unshift({data: {values: [lo, hi].map(function (z) { return {normal: z, log_loss: severity.mu + severity.sigma * z}; })},
                  mark: {type: 'line', color: blue},
                  encoding: {x: {field: 'normal', type: 'quantitative'}, y: {field: 'log_loss', type: 'quantitative'}}});
    }
    draw('qq-' + i, {width: 400, height: 220, layer: qq});
  });

  // Learning: each person's successes per unit, period by period and activity by activity,
  // against the fitted curve, a panel each, named by position and name.
  data.learning.forEach(function (profile, i) {
    const rows = [], order = [];
    profile.people.forEach(function (person, k) {
      const who = (k + 1) + '. ' + person.person + ' (rate ' + person.rate.estimate.toPrecision(2) + ')';
      order.push(who);
      person.curve.forEach(function (c) {
        rows.push({who: who, activity: c.activity, period: c.period, share: c.successes / c.units, units: c.units,
                   fitted: c.fitted});
      });
    });
    const color = {field: 'activity', type: 'nominal', title: 'activity',
                   scale: {range: ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000']}};
    draw('learning-' + i, {
      data: {values: rows},
      facet: {field: 'who', type: 'nominal', title: null, sort: order, header: {labelFontSize: 11}},
      columns: 3,
      spec: {
        width: 260, height: 120,
        layer: [
          {mark: {type: 'point', filled: true, opacity: 0.45},
           encoding: {x: {field: 'period', type: 'quantitative', title: 'period'},
                      y: {field: 'share', type: 'quantitative', title: 'successes per unit', scale: {domain: [0, 1]}},
                      color: color, size: {field: 'units', type: 'quantitative', legend: null, scale: {range: [6, 50]}}}},
          {mark: {type: 'line', strokeWidth: 1.5},
           encoding: {x: {field: 'period', type: 'quantitative'}, y: {field: 'fitted', type: 'quantitative'},
                      color: color}}
        ]
      }
    });
  });
})();
