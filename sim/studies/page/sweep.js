// The sweep page's decision chart (docs/sweeps.md, "The decision chart"), drawn with
// Vega-Lite from the page's data block, which is decision.json's document. For the chosen
// pair: the paired mean npv difference along the axis with its 95% band, one line per
// combination of the other axes; a point whose interval holds zero is drawn grey and
// hollow, so noise is never drawn as a flip; the break-even and its interval marked; and
// P(strategy beats baseline) beneath. Names reach the charts as data values only.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('data').textContent);
  const opts = {renderer: 'svg', actions: false};
  const config = {font: 'Helvetica, Arial, sans-serif', axis: {labelFontSize: 11, titleFontSize: 12},
                  legend: {labelFontSize: 11, titleFontSize: 12, orient: 'top'}, view: {stroke: null}};
  const schema = 'https://vega.github.io/schema/vega-lite/v5.json';
  const draw = function (id, spec) {
    const place = document.getElementById(id);
    if (place) vegaEmbed(place, Object.assign({$schema: schema, config: config}, spec), opts);
  };
  const numericAxis = data.axes.findIndex(function (a) { return a.numeric; });
  const be = data.break_even;
  const axisIndex = be ? data.axes.findIndex(function (a) { return a.name === be.axis; }) : numericAxis;
  if (axisIndex < 0 || data.pairs.length === 0) return;
  const axis = data.axes[axisIndex];
  const pair = (be && data.pairs.find(function (p) { return p.strategy === be.strategy && p.baseline === be.baseline; })) ||
               data.pairs[0];
  const others = function (point) {
    return data.axes.map(function (a, k) { return k === axisIndex ? null : a.name + '=' + a.points[point[k]]; })
      .filter(function (t) { return t !== null; }).join(', ') || 'as written';
  };
  const rows = pair.points.map(function (p) {
    return {x: axis.numbers[p.point[axisIndex]], mean: p.mean, lo: p.lo95, hi: p.hi95, p: p.p_beats,
            line: others(p.point), sure: p.lo95 > 0 || p.hi95 < 0 ? 'clear of zero' : 'within noise'};
  });
  const xTitle = axis.name + (axis.kind === 'scale' ? ' (times its base value)' : '');
  const x = {field: 'x', type: 'quantitative', title: xTitle, scale: axis.log ? {type: 'log', nice: false} : {zero: false, nice: false}};
  const line = {field: 'line', type: 'nominal', title: null, legend: {labelLimit: 500}};
  const layers = [
    {data: {values: [{zero: 0}]}, mark: {type: 'rule', color: '#333'}, encoding: {y: {field: 'zero', type: 'quantitative'}}},
    {data: {values: rows}, mark: {type: 'area', opacity: 0.18}, encoding: {x: x, y: {field: 'lo', type: 'quantitative'},
     y2: {field: 'hi'}, color: Object.assign({}, line, {legend: null})}},
    {data: {values: rows}, mark: {type: 'line'}, encoding: {x: x, y: {field: 'mean', type: 'quantitative',
     title: 'mean npv, ' + pair.strategy_label + ' minus ' + pair.baseline_label}, color: line}},
    {data: {values: rows}, mark: {type: 'point', size: 60, strokeWidth: 1.5},
     encoding: {x: x, y: {field: 'mean', type: 'quantitative'},
                color: {condition: {test: "datum.sure === 'within noise'", value: '#9aa0a8'}, field: 'line', type: 'nominal',
                        legend: null},
                fill: {condition: {test: "datum.sure === 'within noise'", value: 'white'}, field: 'line', type: 'nominal',
                       legend: null},
                tooltip: [{field: 'x', title: axis.name}, {field: 'mean', format: ',.0f'}, {field: 'lo', title: '95% low', format: ',.0f'},
                          {field: 'hi', title: '95% high', format: ',.0f'}, {field: 'sure', title: 'the difference is'}]}}];
  const marks = [];
  if (be) be.searches.forEach(function (s) {
    // A crossing inside noise on both sides is not a flip: it is not drawn as one.
    s.crossings.forEach(function (c) { if (c.clear) marks.push({value: c.value, lo: c.lo95, hi: c.hi95, fixed: s.fixed}); });
  });
  if (marks.length) {
    layers.push({data: {values: marks}, mark: {type: 'rect', color: '#D55E00', opacity: 0.12},
                 encoding: {x: {field: 'lo', type: 'quantitative'}, x2: {field: 'hi'}}});
    layers.push({data: {values: marks}, mark: {type: 'rule', color: '#D55E00', strokeDash: [5, 3], strokeWidth: 2},
                 encoding: {x: {field: 'value', type: 'quantitative'}, tooltip: [{field: 'value', title: 'break-even', format: '.4~g'},
                            {field: 'lo', title: '95% low', format: '.4~g'}, {field: 'hi', title: '95% high', format: '.4~g'}]}});
  }
  draw('difference', {width: 860, height: 300, layer: layers});
  draw('p-beats', {width: 860, height: 150, layer: [
    {data: {values: [{half: 0.5}]}, mark: {type: 'rule', color: '#333', strokeDash: [2, 2]},
     encoding: {y: {field: 'half', type: 'quantitative'}}},
    {data: {values: rows}, mark: {type: 'line', point: true},
     encoding: {x: x, y: {field: 'p', type: 'quantitative', scale: {domain: [0, 1]}, axis: {format: '%'},
                title: 'P(' + pair.strategy_label + ' beats ' + pair.baseline_label + ')'}, color: line}}]});
  if (data.robustness) {
    const r = data.robustness;
    const bars = [];
    r.inputs.forEach(function (b, i) {
      bars.push({rank: i, input: b.input, side: 'low end', end: b.low, value: b.at_low.mean});
      bars.push({rank: i, input: b.input, side: 'high end', end: b.high, value: b.at_high.mean});
    });
    draw('tornado', {width: 700, height: {step: 22}, layer: [
      {data: {values: [{base: r.base.mean}]}, mark: {type: 'rule', color: '#333'},
       encoding: {x: {field: 'base', type: 'quantitative'}}},
      {data: {values: bars}, mark: {type: 'bar', opacity: 0.8},
       encoding: {y: {field: 'input', type: 'nominal', sort: {field: 'rank'}, title: null},
                  x: {field: 'value', type: 'quantitative', title: 'mean npv, ' + r.strategy + ' minus ' + r.baseline},
                  x2: {datum: r.base.mean},
                  color: {field: 'side', type: 'nominal', title: null, scale: {domain: ['low end', 'high end'], range: ['#0072B2', '#E69F00']}},
                  tooltip: [{field: 'input'}, {field: 'end'}, {field: 'value', format: ',.0f'}]}}]});
  }
})();
