// Agent console: the managers' Insights dashboard (docs/insights.md). Outcomes of cases over time and by
// topic, category, channel, language or cloud; satisfaction; response objectives met by severity;
// knowledge gaps; agents' times. Charts are Chart.js (served from node_modules, /agent/vendor/chart.js),
// told apart by pattern and line style as well as colour, each with its numbers in a table and as a CSV
// download. Uses console.js's API helper (window.SupportConsole); the API refuses other agents.
(function () {
  'use strict';

  var con = window.SupportConsole;
  var h = con.h;
  var $ = function (id) {
    return document.getElementById(id);
  };

  var OUTCOMES = [
    { key: 'selfHelp', label: 'Solved by self-help', colour: '#107c41', pattern: 'solid' },
    { key: 'incident', label: 'Waited for an incident fix', colour: '#5c2e91', pattern: 'dots' },
    { key: 'escalated', label: 'Request filed', colour: '#0f6cbd', pattern: 'diagonal' },
    { key: 'handedToPerson', label: 'Handed to a person', colour: '#004e8c', pattern: 'cross' },
    { key: 'abandoned', label: 'Abandoned', colour: '#c4314b', pattern: 'horizontal' },
    { key: 'refused', label: 'Not covered / not an admin', colour: '#8a8886', pattern: 'vertical' },
    { key: 'open', label: 'Still open', colour: '#c8c6c4', pattern: 'backslash' },
  ];
  var OBJECTIVE_STATES = [
    { key: 'met', label: 'Met', colour: '#107c41', pattern: 'solid' },
    { key: 'missed', label: 'Missed', colour: '#c4314b', pattern: 'cross' },
    { key: 'pending', label: 'Not yet due', colour: '#8a8886', pattern: 'dots' },
  ];
  var SCORE_LABELS = { 1: '1 – Very dissatisfied', 2: '2 – Dissatisfied', 3: '3 – Neutral', 4: '4 – Satisfied', 5: '5 – Very satisfied' };
  var DIMENSIONS = { topic: 'Topic', category: 'Category', channel: 'Channel', language: 'Language', cloud: 'Cloud' };
  var CHANNELS = { msteams: 'Teams', directline: 'Web chat widget', webchat: 'Web chat', emulator: 'Emulator', unknown: 'Unknown' };
  var LANGUAGES = { en: 'English', de: 'German', 'zh-Hans': 'Chinese (Simplified)', 'zh-Hant': 'Chinese (Traditional)' };
  var CLOUDS = { worldwide: 'Worldwide', '21vianet': '21Vianet (China)', germany: 'Germany', unknown: 'Not known yet' };
  var REASONS = { clarification: 'asked which topic', something_else: '“something else”', out_of_scope_low_confidence: 'unsure “not covered”', self_help_failed: 'articles did not help' };

  var charts = {};
  var loaded = false;
  var loading = 0;

  var percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
  var number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
  function pct(v) {
    return v === null || v === undefined ? '–' : percent.format(v);
  }
  function num(v) {
    return v === null || v === undefined ? '–' : number.format(v);
  }
  function minutes(v) {
    if (v === null || v === undefined) return '–';
    if (v < 90) return number.format(Math.round(v)) + ' min';
    if (v < 48 * 60) return number.format(Math.round((v / 60) * 10) / 10) + ' h';
    return number.format(Math.round((v / 1440) * 10) / 10) + ' days';
  }
  function nameOf(dimension, key) {
    var names = { channel: CHANNELS, language: LANGUAGES, cloud: CLOUDS }[dimension];
    return (names && names[key]) || key;
  }

  // ---- Patterns: each series is told apart without colour ------------------------------------------

  function pattern(kind, colour) {
    if (kind === 'solid') return colour;
    var size = 10;
    var canvas = document.createElement('canvas');
    canvas.width = canvas.height = size;
    var c = canvas.getContext('2d');
    c.fillStyle = '#ffffff';
    c.fillRect(0, 0, size, size);
    c.strokeStyle = colour;
    c.fillStyle = colour;
    c.lineWidth = 2.5;
    c.beginPath();
    if (kind === 'dots') {
      c.arc(size / 2, size / 2, 2.4, 0, Math.PI * 2);
      c.fill();
    } else {
      if (kind === 'diagonal' || kind === 'cross') {
        c.moveTo(0, size);
        c.lineTo(size, 0);
        c.moveTo(-2, 2);
        c.lineTo(2, -2);
        c.moveTo(size - 2, size + 2);
        c.lineTo(size + 2, size - 2);
      }
      if (kind === 'backslash' || kind === 'cross') {
        c.moveTo(0, 0);
        c.lineTo(size, size);
      }
      if (kind === 'horizontal') {
        c.moveTo(0, size / 2);
        c.lineTo(size, size / 2);
      }
      if (kind === 'vertical') {
        c.moveTo(size / 2, 0);
        c.lineTo(size / 2, size);
      }
      c.stroke();
    }
    return c.createPattern(canvas, 'repeat');
  }

  // ---- The query ----------------------------------------------------------------------------------

  function isoDay(d) {
    var local = new Date(d.getTime() - d.getTimezoneOffset() * 60000);
    return local.toISOString().slice(0, 10);
  }

  function query(extra) {
    var params = new URLSearchParams();
    var preset = $('ins-range').value;
    if (preset === 'custom') {
      if ($('ins-from').value) params.set('from', $('ins-from').value);
      if ($('ins-to').value) params.set('to', $('ins-to').value);
    } else {
      var to = new Date();
      var from = new Date(to.getTime() - (Number(preset) - 1) * 86400000);
      params.set('from', isoDay(from));
      params.set('to', isoDay(to));
    }
    params.set('bucket', $('ins-bucket').value);
    ['channel', 'language', 'cloud', 'category'].forEach(function (f) {
      if ($('ins-' + f).value) params.set(f, $('ins-' + f).value);
    });
    if ($('ins-topic').value.trim()) params.set('topic', $('ins-topic').value.trim());
    Object.keys(extra || {}).forEach(function (k) {
      params.set(k, extra[k]);
    });
    return params.toString();
  }

  function get(name, extra) {
    return con.api('GET', '/api/insights/' + name + '?' + query(extra));
  }

  /** Downloads the numbers behind a chart (the API needs the token, so a plain link would not do). */
  function downloadCsv(name, extra) {
    var params = query(Object.assign({ format: 'csv' }, extra || {}));
    return fetch('/api/insights/' + name + '?' + params, { headers: { authorization: 'Bearer ' + con.state.token } })
      .then(function (res) {
        if (!res.ok) throw new Error('The download failed (HTTP ' + res.status + ').');
        var disposition = res.headers.get('content-disposition') || '';
        var file = (/filename="([^"]+)"/.exec(disposition) || [])[1] || name + '.csv';
        return res.blob().then(function (blob) {
          var url = URL.createObjectURL(blob);
          var a = h('a', { href: url, download: file, hidden: true });
          document.body.appendChild(a);
          a.click();
          a.remove();
          setTimeout(function () {
            URL.revokeObjectURL(url);
          }, 1000);
        });
      })
      .catch(function (err) {
        showError(err.message);
      });
  }

  function showError(text) {
    $('ins-error').hidden = !text;
    $('ins-error').textContent = text || '';
  }

  // ---- Building blocks ----------------------------------------------------------------------------

  /** A table of the numbers behind a chart: the chart's accessible text and its colour-free reading. */
  function numbersTable(caption, head, rows) {
    return h(
      'details',
      { class: 'ins-numbers' },
      h('summary', { text: 'Numbers' }),
      h(
        'table',
        { class: 'ins-table' },
        h('caption', { class: 'visually-hidden', text: caption }),
        h(
          'thead',
          null,
          h.apply(
            null,
            ['tr', null].concat(
              head.map(function (c, i) {
                return h('th', { scope: 'col', class: i ? 'num' : '', text: c });
              }),
            ),
          ),
        ),
        h.apply(
          null,
          ['tbody', null].concat(
            rows.map(function (r) {
              return h.apply(
                null,
                ['tr', null].concat(
                  r.map(function (c, i) {
                    return h(i ? 'td' : 'th', i ? { class: 'num', text: c } : { scope: 'row', text: c });
                  }),
                ),
              );
            }),
          ),
        ),
      ),
    );
  }

  function csvButton(name, extra, label) {
    return h('button', {
      type: 'button',
      class: 'link ins-csv',
      text: label || 'Download CSV',
      onclick: function () {
        downloadCsv(name, extra);
      },
    });
  }

  /** Each kind of series (outcomes, objective states) with its values from the rows. */
  function seriesOf(kinds, rows) {
    return kinds.map(function (kind) {
      return Object.assign({}, kind, {
        data: rows.map(function (row) {
          return row[kind.key];
        }),
      });
    });
  }

  /** Puts a chart's numbers table in its place. */
  function showNumbers(id, caption, head, rows) {
    var box = $(id);
    box.textContent = '';
    box.appendChild(numbersTable(caption, head, rows));
  }

  function drawChart(id, config) {
    if (charts[id]) charts[id].destroy();
    var canvas = $(id);
    if (!canvas || !window.Chart) return;
    config.options = Object.assign(
      {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 18, boxHeight: 12 } },
        },
      },
      config.options || {},
    );
    charts[id] = new window.Chart(canvas, config);
  }

  function stackedBars(series, labels, horizontal) {
    return {
      type: 'bar',
      data: {
        labels: labels,
        datasets: series.map(function (s) {
          return { label: s.label, data: s.data, backgroundColor: pattern(s.pattern, s.colour), borderColor: s.colour, borderWidth: 1 };
        }),
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        scales: {
          x: { stacked: true, beginAtZero: true, ticks: { precision: 0, maxRotation: 0, autoSkip: true } },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0, autoSkip: false } },
        },
      },
    };
  }

  function bucketLabel(bucket) {
    var d = new Date(bucket + 'T12:00:00Z');
    var text = d.toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    return $('ins-bucket').value === 'week' ? 'Week of ' + text : text;
  }

  // ---- The sections -------------------------------------------------------------------------------

  function renderSummary(data) {
    var t = data.totals;
    var tiles = [
      ['Cases', num(t.cases), num(t.conversations) + ' conversation' + (t.conversations === 1 ? '' : 's') + (t.open ? ' · ' + num(t.open) + ' still open' : '')],
      ['Solved without an engineer', pct(t.deflectionRate), 'self-help ' + pct(t.selfHelpRate) + ' · incident ' + pct(t.cases - t.open ? t.incident / (t.cases - t.open) : null)],
      ['Escalated to a request', pct(t.escalationRate), 'handed to a person ' + pct(t.handoffRate)],
      ['Abandoned', pct(t.abandonRate), 'not covered or not an admin ' + pct(t.refusalRate)],
      ['Satisfaction', t.satisfaction.average === null ? '–' : num(t.satisfaction.average) + ' / 5', 'CSAT ' + pct(t.satisfaction.csat) + ' of ' + num(t.satisfaction.responses) + ' answer' + (t.satisfaction.responses === 1 ? '' : 's')],
      ['Response objectives met', pct(t.objectives.metRate), num(t.objectives.met) + ' met · ' + num(t.objectives.missed) + ' missed · ' + num(t.objectives.pending) + ' not yet due'],
    ];
    var list = $('ins-tiles');
    list.textContent = '';
    tiles.forEach(function (tile) {
      list.appendChild(h('li', { class: 'ins-tile' }, h('span', { class: 'ins-tile-label', text: tile[0] }), h('strong', { class: 'ins-tile-value', text: tile[1] }), h('span', { class: 'ins-tile-detail', text: tile[2] })));
    });
    $('ins-range-text').textContent = 'Days ' + data.range.from + ' to ' + data.range.to + ' in ' + data.range.timeZone + ' (the team’s reporting time zone).';
  }

  function renderOutcomes(data) {
    var labels = data.series.map(function (s) {
      return bucketLabel(s.bucket);
    });
    drawChart(
      'ins-outcomes-chart',
      stackedBars(seriesOf(OUTCOMES, data.series), labels, false),
    );
    showNumbers(
      'ins-outcomes-numbers',
      'Cases by outcome',
      [$('ins-bucket').value === 'week' ? 'Week of' : 'Day', 'Cases'].concat(
        OUTCOMES.map(function (o) {
          return o.label;
        }),
      ),
      data.series.map(function (s) {
        return [s.bucket, num(s.cases)].concat(
          OUTCOMES.map(function (o) {
            return num(s[o.key]);
          }),
        );
      }),
    );
  }

  function renderBreakdown(data) {
    var rows = data.rows.slice(0, 15);
    var labels = rows.map(function (r) {
      return nameOf(data.by, r.key);
    });
    $('ins-breakdown-box').style.height = Math.max(180, 70 + rows.length * 28) + 'px';
    drawChart(
      'ins-breakdown-chart',
      stackedBars(seriesOf(OUTCOMES, rows), labels, true),
    );
    showNumbers(
      'ins-breakdown-numbers',
      'Cases by ' + DIMENSIONS[data.by].toLowerCase(),
      [DIMENSIONS[data.by], 'Cases', 'Self-help', 'Escalated', 'Handed to a person', 'Abandoned', 'Not covered'],
      data.rows.map(function (r) {
        return [nameOf(data.by, r.key), num(r.cases), pct(r.selfHelpRate), pct(r.escalationRate), pct(r.handoffRate), pct(r.abandonRate), pct(r.refusalRate)];
      }),
    );
  }

  function renderSatisfaction(data) {
    drawChart('ins-satisfaction-chart', {
      type: 'bar',
      data: {
        labels: data.distribution.map(function (d) {
          return SCORE_LABELS[d.score];
        }),
        datasets: [{ label: 'Answers', data: data.distribution.map(function (d) { return d.count; }), backgroundColor: pattern('diagonal', '#0f6cbd'), borderColor: '#0f6cbd', borderWidth: 1 }],
      },
      options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    drawChart('ins-satisfaction-trend', {
      type: 'line',
      data: {
        labels: data.series.map(function (s) {
          return bucketLabel(s.bucket);
        }),
        datasets: [{ label: 'Average score', data: data.series.map(function (s) { return s.average; }), borderColor: '#0f6cbd', backgroundColor: '#0f6cbd', pointStyle: 'rectRot', pointRadius: 5, spanGaps: true }],
      },
      options: { scales: { x: { ticks: { maxRotation: 0, autoSkip: true } }, y: { min: 1, max: 5, ticks: { stepSize: 1 } } } },
    });
    var a = data.byAbout;
    $('ins-satisfaction-about').textContent =
      'After self-help: ' + (a.self_help.average === null ? 'no answers' : num(a.self_help.average) + ' average, ' + num(a.self_help.responses) + ' answers') +
      '. After a request: ' + (a.ticket.average === null ? 'no answers' : num(a.ticket.average) + ' average, ' + num(a.ticket.responses) + ' answers') + '.';
    showNumbers(
      'ins-satisfaction-numbers',
      'Satisfaction answers by score',
      ['Score', 'Answers'],
      data.distribution.map(function (d) {
        return [SCORE_LABELS[d.score], num(d.count)];
      }),
    );
    var comments = $('ins-comments');
    comments.textContent = '';
    if (!data.recentComments.length) comments.appendChild(h('li', { class: 'muted', text: 'No comments in these days.' }));
    data.recentComments.forEach(function (c) {
      comments.appendChild(
        h('li', null, h('strong', { text: c.score + '/5 ' }), h('span', { text: c.comment }), h('span', { class: 'muted small', text: ' — ' + (c.about === 'ticket' ? c.ticketNumber : 'self-help') + ', ' + new Date(c.at).toLocaleDateString() })),
      );
    });
  }

  function renderObjectives(data) {
    drawChart(
      'ins-objectives-chart',
      stackedBars(
        seriesOf(OBJECTIVE_STATES, data.bySeverity),
        data.bySeverity.map(function (s) {
          return 'Severity ' + s.severity;
        }),
        false,
      ),
    );
    showNumbers(
      'ins-objectives-numbers',
      'Response objectives by severity',
      ['Severity', 'Requests', 'Met', 'Missed', 'Not yet due', 'Met rate', 'Median first response'],
      data.bySeverity.map(function (s) {
        return [s.severity, num(s.tickets), num(s.met), num(s.missed), num(s.pending), pct(s.metRate), minutes(s.medianFirstResponseMinutes)];
      }),
    );
  }

  function renderGaps(data) {
    var list = $('ins-gaps');
    list.textContent = '';
    if (!data.clusters.length) {
      list.appendChild(h('li', { class: 'muted', text: 'No knowledge gaps in these days.' }));
      return;
    }
    data.clusters.forEach(function (c) {
      var reasons = Object.keys(REASONS)
        .filter(function (r) {
          return c.reasons[r];
        })
        .map(function (r) {
          return c.reasons[r] + '× ' + REASONS[r];
        })
        .join(', ');
      list.appendChild(
        h(
          'li',
          { class: 'ins-gap' },
          h('div', { class: 'ins-gap-head' }, h('strong', { text: c.label }), h('span', { class: 'count', text: String(c.count), title: c.count + ' time' + (c.count === 1 ? '' : 's') })),
          h('div', { class: 'small muted', text: (LANGUAGES[c.language] || c.language) + ' · ' + reasons }),
          h(
            'div',
            { class: 'small' },
            c.closestArticle ? 'Closest article: ' + (c.closestArticle.title || c.closestArticle.id) + ' (' + c.closestArticle.id + (c.closestArticle.score === null ? '' : ', score ' + num(c.closestArticle.score)) + ')' : 'No article came close.',
          ),
          h.apply(
            null,
            ['ul', { class: 'ins-samples' }].concat(
              c.samples.map(function (s) {
                return h('li', { text: '“' + s + '”' });
              }),
            ),
          ),
        ),
      );
    });
  }

  function renderAgents(data) {
    var box = $('ins-agents');
    box.textContent = '';
    if (!data.rows.length) {
      box.appendChild(h('p', { class: 'muted', text: 'No request was claimed or resolved in these days.' }));
      return;
    }
    var table = numbersTable(
      "Agents' time to claim and to resolve",
      ['Agent', 'Claimed', 'Resolved', 'Median time to claim', 'Median time to resolve'],
      data.rows.map(function (r) {
        return [r.name, num(r.claimed), num(r.resolved), minutes(r.medianMinutesToClaim), minutes(r.medianMinutesToResolve)];
      }),
    );
    table.open = true;
    box.appendChild(table);
  }

  function refresh() {
    if (!window.Chart) {
      showError('The charting library did not load; the numbers are still in each section’s table.');
    }
    var mine = ++loading;
    $('ins-status').textContent = 'Loading…';
    showError('');
    var by = $('ins-by').value;
    return Promise.all([get('summary'), get('outcomes'), get('breakdown', { by: by }), get('satisfaction'), get('objectives'), get('gaps'), get('agents')])
      .then(function (r) {
        if (mine !== loading) return;
        renderSummary(r[0]);
        renderOutcomes(r[1]);
        renderBreakdown(r[2]);
        renderSatisfaction(r[3]);
        renderObjectives(r[4]);
        renderGaps(r[5]);
        renderAgents(r[6]);
        loaded = true;
        $('ins-status').textContent = 'Updated ' + new Date().toLocaleTimeString([], { timeStyle: 'short' });
      })
      .catch(function (err) {
        if (mine !== loading) return;
        $('ins-status').textContent = '';
        showError(err.message);
      });
  }

  // ---- Wiring -------------------------------------------------------------------------------------

  $('ins-range').addEventListener('change', function () {
    var custom = $('ins-range').value === 'custom';
    $('ins-custom').hidden = !custom;
    if (!custom) refresh();
  });
  $('ins-form').addEventListener('submit', function (event) {
    event.preventDefault();
    refresh();
  });
  ['ins-bucket', 'ins-channel', 'ins-language', 'ins-cloud', 'ins-category', 'ins-by'].forEach(function (id) {
    $(id).addEventListener('change', refresh);
  });
  document.querySelectorAll('[data-ins-csv]').forEach(function (el) {
    var spec = el.getAttribute('data-ins-csv').split(':');
    el.appendChild(csvButton(spec[0], spec[1] ? { table: spec[1] } : undefined, el.getAttribute('data-ins-label') || undefined));
  });
  $('ins-breakdown-csv').addEventListener('click', function () {
    downloadCsv('breakdown', { by: $('ins-by').value });
  });
  document.addEventListener('console:tab', function (event) {
    var open = event.detail === 'insights';
    $('console-view').classList.toggle('wide', open);
    if (open && !loaded) refresh();
  });
  document.addEventListener('console:signed-in', function (event) {
    loaded = false;
    if (event.detail.role !== 'manager') $('console-view').classList.remove('wide');
  });
})();
