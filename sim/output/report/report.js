(function () {
  const data = JSON.parse(document.getElementById('data').textContent);
  // Vega keeps categories as keys of plain objects and writes them into expressions of
  // its own, so a strategy named 'constructor' or '__proto__', or one holding U+2028,
  // would blank the charts. The charts see each name behind its own count of zero-width
  // spaces (unique, and never a property of Object.prototype), line separators as
  // spaces: the reader sees the same text.
  const label = new Map();
  data.strategies.forEach(function (name, i) {
    label.set(name, '\u200b'.repeat(i + 1) + name.replace(/[\u2028\u2029]/g, ' '));
  });
  const relabel = function (rows) {
    (rows || []).forEach(function (row) {
      if (label.has(row.strategy)) row.strategy = label.get(row.strategy);
    });
  };
  [data.npv_spread, data.fan, data.zones, data.paired, data.risk].forEach(relabel);
  if (data.frontier) relabel(data.frontier.points.concat(data.frontier.best ? [data.frontier.best] : []));
  data.strategies = data.strategies.map(function (name) { return label.get(name); });
  data.baseline = data.baseline.replace(/[\u2028\u2029]/g, ' ');
  const unit = data.currency ? ' (' + data.currency + ')' : '';
  const color = {field: 'strategy', type: 'nominal', title: 'strategy',
                 scale: {domain: data.strategies, range: data.colors}};
  const config = {font: 'Helvetica, Arial, sans-serif', axis: {labelFontSize: 11, titleFontSize: 12},
                  legend: {labelFontSize: 11, titleFontSize: 12}, view: {stroke: null}};
  const opts = {renderer: 'svg', actions: false};
  const width = 900;
  const specs = {
    'chart-npv': {width: width, height: Math.max(80, 38 * data.strategies.length), data: {values: data.npv_spread},
      encoding: {y: {field: 'strategy', type: 'nominal', title: null, sort: data.strategies}},
      layer: [
        {mark: {type: 'rule', strokeWidth: 2}, encoding: {
          x: {field: 'p5', type: 'quantitative', title: 'npv' + unit, axis: {format: '~s'}}, x2: {field: 'p95'}, color: color}},
        {mark: {type: 'bar', size: 16, opacity: 0.55}, encoding: {x: {field: 'p25', type: 'quantitative'}, x2: {field: 'p75'}, color: color}},
        {mark: {type: 'tick', thickness: 3, size: 22, color: '#1d2330'}, encoding: {x: {field: 'p50', type: 'quantitative'}}},
        {mark: {type: 'point', shape: 'diamond', filled: true, size: 90, color: '#1d2330'}, encoding: {x: {field: 'mean', type: 'quantitative'}}},
        {mark: {type: 'rule', strokeDash: [4, 4], color: '#555'}, encoding: {x: {datum: 0}}}]},
    'chart-fan': {data: {values: data.fan}, columns: 3,
      facet: {field: 'strategy', type: 'nominal', title: null, sort: data.strategies},
      spec: {width: 280, height: 170, layer: [
        {mark: {type: 'area', opacity: 0.22}, encoding: {x: {field: 'period', type: 'quantitative', title: data.period},
          y: {field: 'p5', type: 'quantitative', title: 'cumulative discounted cash flow' + unit, axis: {format: '~s'}},
          y2: {field: 'p95'}, color: color}},
        {mark: {type: 'area', opacity: 0.45}, encoding: {x: {field: 'period', type: 'quantitative'},
          y: {field: 'p25', type: 'quantitative'}, y2: {field: 'p75'}, color: color}},
        {mark: {type: 'line', strokeWidth: 2}, encoding: {x: {field: 'period', type: 'quantitative'},
          y: {field: 'p50', type: 'quantitative'}, color: color}}]},
      resolve: {scale: {y: 'shared'}}},
    'chart-paired': {width: width, height: Math.max(60, 34 * data.paired.length), data: {values: data.paired},
      layer: [
        {mark: {type: 'rule', strokeWidth: 3}, encoding: {y: {field: 'strategy', type: 'nominal', title: null, sort: data.strategies},
          x: {field: 'lo', type: 'quantitative', title: 'npv difference from ' + data.baseline + unit, axis: {format: '~s'}},
          x2: {field: 'hi'}, color: color}},
        {mark: {type: 'point', filled: true, size: 90}, encoding: {y: {field: 'strategy', type: 'nominal', sort: data.strategies},
          x: {field: 'mean', type: 'quantitative'}, color: color}},
        {mark: {type: 'text', dy: -12, fontSize: 11}, encoding: {y: {field: 'strategy', type: 'nominal', sort: data.strategies},
          x: {field: 'mean', type: 'quantitative'}, text: {field: 'p_beats', type: 'quantitative', format: '.0%'}}},
        {mark: {type: 'rule', strokeDash: [4, 4], color: '#555'}, encoding: {x: {datum: 0}}}]},
    'chart-zones': {data: {values: data.zones}, columns: 3,
      facet: {field: 'strategy', type: 'nominal', title: null, sort: data.strategies},
      spec: {width: 280, height: 150, mark: {type: 'area'},
        encoding: {x: {field: 'period', type: 'quantitative', title: data.period},
          y: {field: 'share', type: 'quantitative', stack: 'zero', title: 'share of worked hours', axis: {format: '.0%'}},
          order: {field: 'zone', sort: 'ascending'},
          color: {field: 'zone', type: 'nominal', title: 'zone',
                  scale: {domain: ['anxiety', 'flow', 'boredom'], range: ['#D55E00', '#009E73', '#56B4E9']}}}}},
    'chart-risk': {width: 600, height: 320, data: {values: data.risk},
      layer: [
        {mark: {type: 'point', filled: true, size: 160}, encoding: {
          x: {field: 'cvar95', type: 'quantitative', title: 'CVaR95: average loss in the worst 5% of futures' + unit, axis: {format: '~s'}},
          y: {field: 'mean', type: 'quantitative', title: 'mean npv' + unit, axis: {format: '~s'}}, color: color}},
        {mark: {type: 'text', dx: 10, align: 'left', fontSize: 12}, encoding: {
          x: {field: 'cvar95', type: 'quantitative'}, y: {field: 'mean', type: 'quantitative'}, text: {field: 'strategy'}}}]}
  };
  if (data.frontier) {
    const f = data.frontier;
    const riskTitle = f.cvar ? 'CVaR95: average loss in the worst 5% of futures' + unit : 'P(loss): share of futures with npv below 0';
    const riskFormat = f.cvar ? '~s' : '.0%';
    const layers = [
      {data: {values: f.points.filter(function (p) { return !p.front && !p.current; })},
       mark: {type: 'point', filled: true, size: 20, opacity: 0.25},
       encoding: {x: {field: 'risk', type: 'quantitative', title: riskTitle + (f.cvar ? ' (symmetric log scale)' : ''),
                      axis: {format: riskFormat}, scale: f.cvar ? {type: 'symlog', constant: 1e5} : {}},
                  y: {field: 'mean', type: 'quantitative', title: 'mean npv' + unit, axis: {format: '~s'}},
                  color: Object.assign({legend: {symbolOpacity: 1}}, color)}},
      {data: {values: f.points.filter(function (p) { return p.front; })},
       mark: {type: 'line', point: {filled: true, size: 45}, strokeWidth: 2},
       encoding: {x: {field: 'risk', type: 'quantitative'}, y: {field: 'mean', type: 'quantitative'}, color: color,
                  order: {field: 'risk', type: 'quantitative'}}},
      {data: {values: f.points.filter(function (p) { return p.current; })},
       mark: {type: 'point', shape: 'diamond', filled: true, size: 160, stroke: '#1d2330', strokeWidth: 1.5},
       encoding: {x: {field: 'risk', type: 'quantitative'}, y: {field: 'mean', type: 'quantitative'}, color: color}}];
    if (f.best) layers.push({data: {values: [f.best]}, mark: {type: 'point', shape: 'M0,-1L0.24,-0.33L0.95,-0.31L0.39,0.12L0.59,0.81L0,0.4L-0.59,0.81L-0.39,0.12L-0.95,-0.31L-0.24,-0.33Z',
      filled: true, size: 420, color: '#F0E442', stroke: '#1d2330', strokeWidth: 1.5},
      encoding: {x: {field: 'risk', type: 'quantitative'}, y: {field: 'mean', type: 'quantitative'}}});
    if (f.ceiling !== undefined) layers.push({data: {values: [{}]}, mark: {type: 'rule', strokeDash: [6, 4], color: '#555'}, encoding: {x: {datum: f.ceiling}}});
    specs['chart-frontier'] = {width: 700, height: 380, layer: layers};
  }
  if (data.sensitivity) {
    const sens = data.sensitivity;
    const format = sens.share ? '.0%' : '~s';
    const order = sens.bars.filter(function (b, i) { return i % 2 === 0; }).map(function (b) { return b.input; });
    specs['chart-tornado'] = {width: 700, height: Math.max(80, 30 * order.length), data: {values: sens.bars},
      layer: [
        {mark: {type: 'bar', size: 18}, encoding: {
          y: {field: 'input', type: 'nominal', title: null, sort: order},
          x: {field: 'value', type: 'quantitative', title: sens.label + (sens.share ? '' : unit), axis: {format: format}},
          x2: {datum: sens.base},
          color: {field: 'end', type: 'nominal', title: null, scale: {domain: ['input at its low end', 'input at its high end'], range: ['#56B4E9', '#E69F00']}},
          tooltip: [{field: 'input'}, {field: 'end'}, {field: 'setting', title: 'set to'}, {field: 'value', format: format}]}},
        {mark: {type: 'rule', color: '#1d2330', strokeWidth: 2}, encoding: {x: {datum: sens.base}}}]};
  }
  if (data.sensitivity && data.sensitivity.indices.length) {
    const sens = data.sensitivity;
    const order = sens.indices.filter(function (b, i) { return i % 2 === 0; }).map(function (b) { return b.input; });
    specs['chart-indices'] = {width: 700, height: Math.max(80, 34 * order.length), data: {values: sens.indices},
      encoding: {y: {field: 'input', type: 'nominal', title: null, sort: order}, yOffset: {field: 'index', type: 'nominal'}},
      layer: [
        {mark: {type: 'bar', size: 12}, encoding: {
          x: {field: 'value', type: 'quantitative', title: 'Sobol index of the ' + sens.label, scale: {domain: [0, 1], clamp: true}},
          color: {field: 'index', type: 'nominal', title: null, scale: {range: ['#0072B2', '#CC79A7']}}}},
        {mark: {type: 'rule', color: '#1d2330'}, encoding: {x: {field: 'lo', type: 'quantitative'}, x2: {field: 'hi'}}}]};
  }
  // What would change the answer: per assumption, the paired difference of the recommended
  // strategy against the runner-up (and the baseline) from its low to its high end.
  if (data.decision && data.decision.rows.length) {
    const dec = data.decision;
    // Inputs are named by the scenario: each behind a zero-width space, as strategies are.
    const plain = function (text) { return text.replace(/[\u2028\u2029]/g, ' '); };
    dec.rows.forEach(function (r) { r.input = '\u200b' + plain(r.input); r.comparison = plain(r.comparison); });
    dec.comparisons = dec.comparisons.map(plain);
    const order = [];
    dec.rows.forEach(function (r) { if (order.indexOf(r.input) < 0) order.push(r.input); });
    const rows = {y: {field: 'input', type: 'nominal', title: null, sort: order, axis: {labelLimit: 360}},
      yOffset: {field: 'comparison', type: 'nominal', sort: dec.comparisons}};
    const color = {field: 'comparison', type: 'nominal', title: null, scale: {domain: dec.comparisons, range: ['#0072B2', '#CC79A7']},
      legend: {orient: 'top'}};
    specs['chart-decision'] = {width: 560, height: Math.max(80, 16 * dec.rows.length), data: {values: dec.rows},
      layer: [
        {mark: {type: 'bar', size: 10}, encoding: Object.assign({
          x: {field: 'low', type: 'quantitative', title: 'paired mean npv difference' + unit, axis: {format: '~s'}},
          x2: {field: 'high'}, color: color,
          tooltip: [{field: 'input'}, {field: 'comparison'}, {field: 'low', title: 'at the low end', format: '~s'},
            {field: 'high', title: 'at the high end', format: '~s'}, {field: 'pick_low', title: 'picked at the low end'},
            {field: 'pick_high', title: 'picked at the high end'}]}, rows)},
        {mark: {type: 'tick', color: '#1d2330', thickness: 2, size: 12},
          encoding: Object.assign({x: {field: 'base', type: 'quantitative'}}, rows)},
        {mark: {type: 'rule', color: '#D55E00', strokeDash: [4, 3]}, encoding: {x: {datum: 0}}}]};
  }
  const rendered = [];
  for (const id of Object.keys(specs)) {
    const spec = Object.assign({$schema: 'https://vega.github.io/schema/vega-lite/v5.json', config: config}, specs[id]);
    rendered.push(vegaEmbed('#' + id, spec, opts));
  }
  Promise.all(rendered).then(function () { document.body.setAttribute('data-rendered', 'true'); })
    .catch(function (error) { console.error('chart failed: ' + error); });
})();
