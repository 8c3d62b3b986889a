(function () {
  const data = JSON.parse(document.getElementById('data').textContent);
  // Vega keeps categories as keys of plain objects and writes them into expressions of
  // its own, so a strategy named 'constructor' or '__proto__', or one holding U+2028,
  // would blank the charts. The charts see each name behind its own count of zero-width
  // spaces (unique, and never a property of Object.prototype), line separators as
  // spaces: the reader sees the same text. The charts show each strategy's label (its name
  // when it has none); labels need not be unique, the zero-width prefix keeps them apart.
  const label = new Map();
  data.strategies.forEach(function (name, i) {
    label.set(name, '\u200b'.repeat(i + 1) + data.labels[i].replace(/[\u2028\u2029]/g, ' '));
  });
  const relabel = function (rows) {
    (rows || []).forEach(function (row) {
      if (label.has(row.strategy)) row.strategy = label.get(row.strategy);
    });
  };
  const lec = data.loss_exceedance;
  [data.npv_spread, data.fan, data.zones, data.paired, data.risk, lec.points, lec.shares].forEach(relabel);
  if (data.frontier) relabel(data.frontier.points.concat(data.frontier.best ? [data.frontier.best] : []));
  data.strategies = data.strategies.map(function (name) { return label.get(name); });
  data.tied = data.tied.map(function (name) { return label.get(name); });
  data.recommended = label.get(data.recommended);
  data.baseline = data.baseline.replace(/[\u2028\u2029]/g, ' ');
  const unit = data.currency ? ' (' + data.currency + ')' : '';
  const color = {field: 'strategy', type: 'nominal', title: 'strategy',
                 scale: {domain: data.strategies, range: data.colors}};
  const config = {font: 'Helvetica, Arial, sans-serif', axis: {labelFontSize: 11, titleFontSize: 12},
                  legend: {labelFontSize: 11, titleFontSize: 12, labelLimit: 320}, view: {stroke: null},
                  title: {anchor: 'start', fontSize: 12, fontWeight: 'normal', color: '#5b6472', offset: 10},
                  header: {labelFontSize: 12}};
  const opts = {renderer: 'svg', actions: false};
  const width = 900;
  const labelSize = 12;

  // Label placement. Vega-Lite has no collision avoidance for text, so the page places
  // the labels of the risk and loss exceedance charts itself: the scales' domains are
  // set here, so a value's pixel is known before Vega draws it. Each label goes beside
  // its point where it overlaps no label or point placed before it and stays inside the
  // plot: right, left, above, below, the corners, then the same further out with a leader
  // line. The order of the labels decides who gets the nearest place, so it is the same
  // on every screen.
  const measure = (function () {
    const context = document.createElement('canvas').getContext('2d');
    return function (text, size, bold) {
      context.font = (bold ? 'bold ' : '') + size + 'px Helvetica, Arial, sans-serif';
      return context.measureText(text).width;
    };
  })();
  const linear = function (domain, range) {
    const to = function (v) { return range[0] + (v - domain[0]) / (domain[1] - domain[0]) * (range[1] - range[0]); };
    to.invert = function (p) { return domain[0] + (p - range[0]) / (range[1] - range[0]) * (domain[1] - domain[0]); };
    return to;
  };
  const logarithmic = function (domain, range) {
    const inner = linear([Math.log10(domain[0]), Math.log10(domain[1])], range);
    const to = function (v) { return inner(Math.log10(v)); };
    to.invert = function (p) { return Math.pow(10, inner.invert(p)); };
    return to;
  };
  const overlaps = function (a, b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; };
  // labels: [{x, y, text, ...}] in data units; obstacles: [{x, y}] points to keep clear;
  // taken: pixel boxes already used (labels placed before), which it adds to. Returns the
  // labels with lx, ly (the label's top left, data units) and, when it had to move away,
  // the end of its leader line (ex, ey).
  const placeLabels = function (labels, obstacles, sx, sy, plotWidth, plotHeight, size, bold, taken) {
    const height = size * 1.3;
    taken = taken || [];
    obstacles.forEach(function (o) {
      const px = sx(o.x), py = sy(o.y);
      taken.push({x0: px - 6, x1: px + 6, y0: py - 6, y1: py + 6});
    });
    return labels.map(function (l) {
      const w = measure(l.text.replace(/\u200b/g, ''), size, bold) + 3;
      const px = sx(l.x), py = sy(l.y);
      let chosen = null, far = false;
      for (const gap of [8, 16, 28, 44, 64, 90]) {
        const places = [[gap, -height / 2], [-gap - w, -height / 2], [-w / 2, -gap - height], [-w / 2, gap],
                        [gap, -gap - height], [gap, gap], [-gap - w, -gap - height], [-gap - w, gap]];
        for (const [dx, dy] of places) {
          const box = {x0: px + dx, x1: px + dx + w, y0: py + dy, y1: py + dy + height};
          if (box.x0 < 0 || box.y0 < 0 || box.x1 > plotWidth || box.y1 > plotHeight) continue;
          if (taken.some(function (t) { return overlaps(t, box); })) continue;
          chosen = box;
          far = gap > 8;
          break;
        }
        if (chosen) break;
      }
      // Nowhere free: the nearest place, and the browser test reports the overlap.
      if (!chosen) chosen = {x0: px + 8, x1: px + 8 + w, y0: py - height / 2, y1: py + height / 2};
      taken.push(chosen);
      const out = Object.assign({}, l, {lx: sx.invert(chosen.x0), ly: sy.invert(chosen.y0 + 1)});
      if (far) {
        out.ex = sx.invert(Math.min(Math.max(px, chosen.x0), chosen.x1));
        out.ey = sy.invert(Math.min(Math.max(py, chosen.y0), chosen.y1));
      }
      return out;
    });
  };
  // The text and leader-line layers of placed labels. Their marks are named "..._label"
  // so that the browser test finds them (Vega writes the name into the SVG's classes).
  const labelLayers = function (name, placed, textColor, size, bold) {
    const text = {name: name + '_label', data: {values: placed},
      mark: {type: 'text', align: 'left', baseline: 'top', fontSize: size, fontWeight: bold ? 'bold' : 'normal'},
      encoding: {x: {field: 'lx', type: 'quantitative'}, y: {field: 'ly', type: 'quantitative'}, text: {field: 'text'}}};
    if (textColor) text.encoding.color = textColor;
    else text.mark.color = '#1d2330';
    const leaders = placed.filter(function (p) { return p.ex !== undefined; });
    return leaders.length ? [{data: {values: leaders}, mark: {type: 'rule', color: '#7a8291', strokeWidth: 0.8},
      encoding: {x: {field: 'x', type: 'quantitative'}, y: {field: 'y', type: 'quantitative'},
                 x2: {field: 'ex'}, y2: {field: 'ey'}}}, text] : [text];
  };
  const padded = function (values, share, minimum) {
    const lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
    const pad = Math.max((hi - lo) * share, minimum || Math.abs(hi) * 0.02 || 1);
    return [lo - pad, hi + pad];
  };

  // Small multiples with no empty cell: at most five panels a row (readable at the page's
  // 1040 px), as few rows as that allows, the panels shared out evenly among them. Rows
  // of unequal length are facets of their own, stacked, so no row has a blank cell.
  const rowsOf = function (names) {
    const rows = Math.ceil(names.length / 5), out = [];
    let at = 0;
    for (let r = 0; r < rows; ++r) {
      const n = Math.ceil((names.length - at) / (rows - r));
      out.push(names.slice(at, at + n));
      at += n;
    }
    return out;
  };
  const smallMultiples = function (title, values, panel) {
    const rows = rowsOf(data.strategies);
    const perRow = rows[0].length;
    const panelWidth = Math.min(280, Math.floor((width - 70 - 12 * (perRow - 1)) / perRow));
    return {title: title, data: {values: values}, spacing: 16,
      vconcat: rows.map(function (names) {
        return {transform: [{filter: {field: 'strategy', oneOf: names}}], columns: names.length, spacing: 12,
          facet: {field: 'strategy', type: 'nominal', title: null, sort: names, header: {labelLimit: panelWidth}},
          spec: Object.assign({width: panelWidth}, panel)};
      }),
      resolve: {scale: {x: 'shared', y: 'shared', color: 'shared'}}};
  };

  // 100000 -> "100k", 2500000 -> "2.5M", as the axes' SI format writes them.
  const amount = function (v) {
    const units = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'k']];
    for (const [size, suffix] of units) if (Math.abs(v) >= size) return +(v / size).toPrecision(3) + suffix;
    return String(+v.toPrecision(3));
  };
  const formatShare = function (p) {
    if (p === 0) return '0%';
    const digits = p >= 0.1 ? 0 : p >= 0.01 ? 1 : p >= 0.001 ? 2 : 3;
    return (p * 100).toFixed(digits) + '%';
  };

  // Risk against return: every strategy on the left; on the right, the statistically
  // tied leaders (recommendation.hpp), or the leader and the runner-up, enlarged, since
  // one strategy's long tail can squash the others into a corner.
  const riskSpec = function () {
    const points = data.risk.map(function (r) { return {strategy: r.strategy, x: r.cvar95, y: r.mean, text: r.strategy}; });
    let leaders = data.tied.slice();
    if (leaders.length < 2 && points.length > 1) {
      const others = points.filter(function (p) { return p.strategy !== leaders[0]; })
        .sort(function (a, b) { return b.y - a.y; });
      leaders.push(others[0].strategy);
    }
    const lead = points.filter(function (p) { return leaders.indexOf(p.strategy) >= 0; });
    const xFull = padded(points.map(function (p) { return p.x; }), 0.08);
    const yFull = padded(points.map(function (p) { return p.y; }), 0.1);
    const xZoom = padded(lead.map(function (p) { return p.x; }), 0.3);
    const yZoom = padded(lead.map(function (p) { return p.y; }), 0.3);
    const inZoom = function (p) { return p.x >= xZoom[0] && p.x <= xZoom[1] && p.y >= yZoom[0] && p.y <= yZoom[1]; };
    // A zoom that enlarges less than twice shows nothing new.
    const zoom = lead.length > 1 && ((xFull[1] - xFull[0]) / (xZoom[1] - xZoom[0]) >= 2 ||
                                     (yFull[1] - yFull[0]) / (yZoom[1] - yZoom[0]) >= 2);
    const xTitle = 'CVaR95: average loss in the worst 5% of futures' + unit;
    const panel = function (xDomain, yDomain, panelWidth, shown, labelled, name, title) {
      const h = 300;
      const sx = linear(xDomain, [0, panelWidth]), sy = linear(yDomain, [h, 0]);
      const scale = function (domain) { return {domain: domain, nice: false, zero: false}; };
      const layers = [{data: {values: shown}, mark: {type: 'point', filled: true, size: 160, opacity: 1}, encoding: {
        x: {field: 'x', type: 'quantitative', title: xTitle, scale: scale(xDomain), axis: {format: '~s', tickCount: 6}},
        y: {field: 'y', type: 'quantitative', title: 'mean npv' + unit, scale: scale(yDomain), axis: {format: '~s'}},
        color: Object.assign({legend: null}, color)}}];
      // The enlarged area, drawn at least 24 px wide and high so that it shows around the
      // leaders' points.
      const grow = function (scale, domain, min) {
        const a = scale(domain[0]), b = scale(domain[1]), mid = (a + b) / 2, half = Math.max(Math.abs(b - a), min) / 2;
        return [scale.invert(mid - half), scale.invert(mid + half)];
      };
      const xBox = grow(sx, xZoom, 24), yBox = grow(sy, yZoom, 24);
      if (name === 'risk_full' && zoom)
        layers.push({data: {values: [{x: xBox[0], x2: xBox[1], y: yBox[0], y2: yBox[1]}]},
          mark: {type: 'rect', fill: null, stroke: '#1d2330', strokeDash: [4, 3], clip: true},
          encoding: {x: {field: 'x', type: 'quantitative'}, x2: {field: 'x2'}, y: {field: 'y', type: 'quantitative'}, y2: {field: 'y2'}}});
      const placed = placeLabels(labelled, shown, sx, sy, panelWidth, h, labelSize, false);
      return {title: title, width: panelWidth, height: h, layer: layers.concat(labelLayers(name, placed, null, labelSize, false))};
    };
    const order = function (list) {
      // The recommended strategy is labelled first, so it gets the nearest place.
      return list.slice().sort(function (a, b) { return (b.strategy === data.recommended) - (a.strategy === data.recommended); });
    };
    if (!zoom)
      return panel(xFull, yFull, 600, points, order(points), 'risk_full', 'Mean npv against CVaR95, every strategy');
    const zoomTitle = data.tied.length > 1 ? 'Enlarged: the strategies tied with the best' : 'Enlarged: the leader and the runner-up';
    return {title: 'Mean npv against CVaR95', spacing: 40, hconcat: [
      panel(xFull, yFull, 400, points, order(points.filter(function (p) { return !inZoom(p); })), 'risk_full',
            'Every strategy (dashed: the enlarged area)'),
      panel(xZoom, yZoom, 400, points.filter(inZoom), order(points.filter(inZoom)), 'risk_zoom', zoomTitle)],
      resolve: {scale: {x: 'independent', y: 'independent'}}};
  };

  // The loss exceedance curve: P(incident loss over the horizon >= x) on log axes, the
  // scenario's loss thresholds as dashed rules, each labelled with its amount and every
  // strategy's share where its curve crosses.
  const lecSpec = function () {
    const thresholds = lec.thresholds.filter(function (t) { return t > 0; });
    const losses = lec.points.map(function (p) { return p.loss; }).concat(thresholds);
    const decade = function (v, up) { return Math.pow(10, (up ? Math.ceil : Math.floor)(Math.log10(v))); };
    const xDomain = [decade(Math.min.apply(null, losses), false), decade(Math.max.apply(null, losses), true)];
    const yDomain = [decade(lec.floor, false), 1];
    const decades = function (domain) {
      const out = [];
      for (let v = domain[0]; v <= domain[1] * 1.001; v *= 10) out.push(v);
      return out;
    };
    const w = 760, h = 360;
    const sx = logarithmic(xDomain, [0, w]), sy = logarithmic(yDomain, [h, 0]);
    const x = {field: 'x', type: 'quantitative', title: 'incident loss over ' + lec.horizon + unit + ', log scale',
               scale: {type: 'log', domain: xDomain, nice: false}, axis: {format: '~s', values: decades(xDomain)}};
    const y = {field: 'y', type: 'quantitative', title: 'share of futures losing at least this much (log scale)',
               scale: {type: 'log', domain: yDomain, nice: false}, axis: {format: '~%', values: decades(yDomain)}};
    const curve = lec.points.map(function (p) { return {strategy: p.strategy, x: p.loss, y: p.p}; });
    const crossings = lec.shares.filter(function (s) { return s.threshold > 0; }).map(function (s) {
      return {strategy: s.strategy, x: s.threshold, y: Math.max(s.p, yDomain[0]), text: formatShare(s.p)};
    });
    const tops = thresholds.map(function (t) { return {x: t, y: yDomain[1], text: '\u2265 ' + amount(t)}; });
    // Threshold amounts first (they sit at the top of their rule), then the shares, each
    // threshold's from the highest share down.
    const taken = [];
    const placedTops = placeLabels(tops, crossings, sx, sy, w, h, 11, true, taken);
    const shares = placeLabels(crossings.slice().sort(function (a, b) { return a.x - b.x || b.y - a.y; }),
                               [], sx, sy, w, h, 11, true, taken);
    const layers = [
      {data: {values: curve}, mark: {type: 'line', strokeWidth: 2, point: {filled: true, size: 22}},
       encoding: {x: x, y: y, color: color, order: {field: 'x', type: 'quantitative'}}}];
    if (thresholds.length) {
      layers.push({data: {values: thresholds.map(function (t) { return {x: t}; })},
        mark: {type: 'rule', strokeDash: [5, 4], color: '#555'}, encoding: {x: {field: 'x', type: 'quantitative'}}});
      layers.push({data: {values: crossings}, mark: {type: 'point', filled: true, size: 50, stroke: '#1d2330', strokeWidth: 0.8},
        encoding: {x: {field: 'x', type: 'quantitative'}, y: {field: 'y', type: 'quantitative'}, color: color}});
    }
    return {title: 'Loss exceedance: incident loss over ' + lec.horizon, width: w, height: h,
      layer: layers.concat(labelLayers('lec_threshold', placedTops, null, 11, true),
                           labelLayers('lec_share', shares, color, 11, true))};
  };

  const specs = {
    'chart-npv': {title: 'npv over the horizon, per strategy', width: width, height: Math.max(80, 38 * data.strategies.length), data: {values: data.npv_spread},
      encoding: {y: {field: 'strategy', type: 'nominal', title: null, sort: data.strategies}},
      layer: [
        {mark: {type: 'rule', strokeWidth: 2}, encoding: {
          x: {field: 'p5', type: 'quantitative', title: 'npv' + unit, axis: {format: '~s'}}, x2: {field: 'p95'}, color: color}},
        {mark: {type: 'bar', size: 16, opacity: 0.55}, encoding: {x: {field: 'p25', type: 'quantitative'}, x2: {field: 'p75'}, color: color}},
        {mark: {type: 'tick', thickness: 3, size: 22, color: '#1d2330'}, encoding: {x: {field: 'p50', type: 'quantitative'}}},
        {mark: {type: 'point', shape: 'diamond', filled: true, size: 90, color: '#1d2330'}, encoding: {x: {field: 'mean', type: 'quantitative'}}},
        {mark: {type: 'rule', strokeDash: [4, 4], color: '#555'}, encoding: {x: {datum: 0}}}]},
    'chart-fan': smallMultiples('Cumulative discounted cash flow, per strategy', data.fan, {height: 170, layer: [
        {mark: {type: 'area', opacity: 0.22}, encoding: {x: {field: 'period', type: 'quantitative', title: data.period, axis: {tickCount: 4}},
          y: {field: 'p5', type: 'quantitative', title: 'cumulative discounted cash flow' + unit, axis: {format: '~s'}},
          y2: {field: 'p95'}, color: Object.assign({legend: null}, color)}},
        {mark: {type: 'area', opacity: 0.45}, encoding: {x: {field: 'period', type: 'quantitative'},
          y: {field: 'p25', type: 'quantitative'}, y2: {field: 'p75'}, color: color}},
        {mark: {type: 'line', strokeWidth: 2}, encoding: {x: {field: 'period', type: 'quantitative'},
          y: {field: 'p50', type: 'quantitative'}, color: color}}]}),
    'chart-paired': {title: 'npv difference from the baseline, paired on the same futures', width: width, height: Math.max(60, 34 * data.paired.length), data: {values: data.paired},
      layer: [
        {mark: {type: 'rule', strokeWidth: 3}, encoding: {y: {field: 'strategy', type: 'nominal', title: null, sort: data.strategies},
          x: {field: 'lo', type: 'quantitative', title: 'npv difference from ' + data.baseline + unit, axis: {format: '~s'}},
          x2: {field: 'hi'}, color: Object.assign({legend: null}, color)}},
        {mark: {type: 'point', filled: true, size: 90}, encoding: {y: {field: 'strategy', type: 'nominal', sort: data.strategies},
          x: {field: 'mean', type: 'quantitative'}, color: color}},
        {name: 'paired_label', mark: {type: 'text', dy: -12, fontSize: 11}, encoding: {y: {field: 'strategy', type: 'nominal', sort: data.strategies},
          x: {field: 'mean', type: 'quantitative'}, text: {field: 'p_beats', type: 'quantitative', format: '.0%'}}},
        {mark: {type: 'rule', strokeDash: [4, 4], color: '#555'}, encoding: {x: {datum: 0}}}]},
    'chart-zones': smallMultiples('Share of worked hours in anxiety, flow and boredom, per strategy', data.zones,
      {height: 150, mark: {type: 'area'},
        encoding: {x: {field: 'period', type: 'quantitative', title: data.period, axis: {tickCount: 4}},
          y: {field: 'share', type: 'quantitative', stack: 'zero', title: 'share of worked hours', axis: {format: '.0%'}},
          order: {field: 'zone', sort: 'ascending'},
          color: {field: 'zone', type: 'nominal', title: 'zone', legend: {orient: 'top'},
                  scale: {domain: ['anxiety', 'flow', 'boredom'], range: ['#D55E00', '#009E73', '#56B4E9']}}}}),
    'chart-risk': riskSpec()
  };
  if (lec.points.length) specs['chart-lec'] = lecSpec();
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
    specs['chart-frontier'] = {title: 'Frontier: mean npv against risk, every mix tried', width: 700, height: 380, layer: layers};
  }
  if (data.sensitivity) {
    const sens = data.sensitivity;
    const format = sens.share ? '.0%' : '~s';
    const order = sens.bars.filter(function (b, i) { return i % 2 === 0; }).map(function (b) { return b.input; });
    specs['chart-tornado'] = {title: 'Tornado: ' + sens.label + ', each assumption across its range', width: 700, height: Math.max(80, 30 * order.length), data: {values: sens.bars},
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
    specs['chart-indices'] = {title: 'Sobol indices: ' + sens.label, width: 700, height: Math.max(80, 34 * order.length), data: {values: sens.indices},
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
    const rows = {y: {field: 'input', type: 'nominal', title: null, sort: order, axis: {labelLimit: 300}}};
    const color = {field: 'comparison', type: 'nominal', title: null, scale: {domain: dec.comparisons, range: ['#0072B2', '#CC79A7']},
      legend: null};
    // One panel per comparison, each with its own x axis: the gap to the runner-up is often
    // a hundredth of the gap to the baseline, and would vanish on a shared axis.
    const panel = Math.floor((560 - 12 * (dec.comparisons.length - 1)) / dec.comparisons.length);
    specs['chart-decision'] = {title: 'Paired npv difference as each assumption moves across its range',
      data: {values: dec.rows}, spacing: 12,
      facet: {column: {field: 'comparison', type: 'nominal', title: null, sort: dec.comparisons, header: {labelLimit: panel,
        // "A minus B" on two lines, so both names fit over a narrow panel.
        labelExpr: "indexof(datum.value, ' minus ') < 0 ? datum.value : [slice(datum.value, 0, indexof(datum.value, ' minus ')), slice(datum.value, indexof(datum.value, ' minus ') + 1)]"}}},
      spec: {width: panel, height: Math.max(80, 22 * order.length), layer: [
        {mark: {type: 'bar', size: 12}, encoding: Object.assign({
          x: {field: 'low', type: 'quantitative', title: 'paired mean npv difference' + unit, axis: {format: '~s'}},
          x2: {field: 'high'}, color: color,
          tooltip: [{field: 'input'}, {field: 'comparison'}, {field: 'low', title: 'at the low end', format: '~s'},
            {field: 'high', title: 'at the high end', format: '~s'}, {field: 'pick_low', title: 'picked at the low end'},
            {field: 'pick_high', title: 'picked at the high end'}]}, rows)},
        {mark: {type: 'tick', color: '#1d2330', thickness: 2, size: 14},
          encoding: Object.assign({x: {field: 'base', type: 'quantitative'}}, rows)},
        {mark: {type: 'rule', color: '#D55E00', strokeDash: [4, 3]}, encoding: {x: {datum: 0}}}]},
      resolve: {scale: {x: 'independent'}}};
  }
  const rendered = [];
  for (const id of Object.keys(specs)) {
    const spec = Object.assign({$schema: 'https://vega.github.io/schema/vega-lite/v5.json', config: config}, specs[id]);
    rendered.push(vegaEmbed('#' + id, spec, opts));
  }
  Promise.all(rendered).then(function () { document.body.setAttribute('data-rendered', 'true'); })
    .catch(function (error) { console.error('chart failed: ' + error); });
})();
