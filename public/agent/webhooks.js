// Agent console: the managers' Webhooks view. Endpoints (add with the secret shown once, turn off and on,
// rotate the secret, remove), recent deliveries and dead letters with Replay. Uses console.js's API
// helper (window.SupportConsole); the API refuses other agents, and the tab is shown to managers only.
(function () {
  'use strict';

  var con = window.SupportConsole;
  var $ = function (id) {
    return document.getElementById(id);
  };
  var h = con.h;
  var EVENT_NAMES = {
    'ticket.created': 'Request filed',
    'ticket.updated': 'Request changed',
    'ticket.closed': 'Request closed',
    'handoff.started': 'Handed to people',
    'satisfaction.recorded': 'Satisfaction answered',
  };
  var STATE_NAMES = { pending: 'Waiting to retry', sending: 'Sending', delivered: 'Delivered', dead: 'Dead letter' };

  function when(iso) {
    return iso ? new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }) : '';
  }

  function showError(text) {
    $('webhook-error').hidden = !text;
    $('webhook-error').textContent = text || '';
  }

  function showSecret(secret) {
    $('webhook-secret').hidden = !secret;
    $('webhook-secret-value').textContent = secret || '';
    if (secret) $('webhook-secret').scrollIntoView({ block: 'nearest' });
  }

  function refresh() {
    return Promise.all([con.api('GET', '/api/webhooks'), con.api('GET', '/api/webhooks/deliveries?limit=50' + ($('delivery-filter').value ? '&state=' + $('delivery-filter').value : '')), con.api('GET', '/api/webhooks/deliveries?state=dead&limit=500')])
      .then(function (results) {
        renderEndpoints(results[0].endpoints);
        renderDeliveries(results[1].deliveries, results[0].endpoints);
        var dead = results[2].deliveries.length;
        $('dead-count').hidden = dead === 0;
        $('dead-count').textContent = String(dead);
        $('dead-count').title = dead + ' dead letter' + (dead === 1 ? '' : 's');
      })
      .catch(function (err) {
        showError(err.message);
      });
  }

  function act(method, path, body, done) {
    showError('');
    return con
      .api(method, path, body)
      .then(function (data) {
        if (done) done(data);
        return refresh();
      })
      .catch(function (err) {
        showError(err.message);
      });
  }

  function renderEndpoints(endpoints) {
    var list = $('webhook-list');
    list.textContent = '';
    if (endpoints.length === 0) {
      list.appendChild(h('li', { class: 'muted', text: 'No endpoints yet. Add the address of your helpdesk\u2019s receiver above.' }));
      return;
    }
    endpoints.forEach(function (e) {
      var events = e.events
        .map(function (t) {
          return EVENT_NAMES[t] || t;
        })
        .join(', ');
      list.appendChild(
        h(
          'li',
          { class: 'card webhook' + (e.enabled ? '' : ' off') },
          h('div', { class: 'webhook-head' }, h('strong', { text: e.description || e.url }), h('span', { class: 'status-pill', text: e.enabled ? 'On' : 'Off' })),
          e.description ? h('div', { class: 'mono small', text: e.url }) : null,
          h('div', { class: 'small', text: 'Sends: ' + events }),
          e.enabled ? null : h('div', { class: 'small bad', text: 'Off: ' + (e.disabledReason || 'turned off') }),
          h(
            'div',
            { class: 'row-buttons' },
            h('button', { type: 'button', text: e.enabled ? 'Turn off' : 'Turn on', onclick: function () { act('PATCH', '/api/webhooks/' + encodeURIComponent(e.id), { enabled: !e.enabled }); } }),
            h('button', {
              type: 'button',
              text: 'New secret',
              onclick: function () {
                if (window.confirm('Make a new signing secret for ' + (e.description || e.url) + '? The old one stops working at once; the receiver must get the new one.')) {
                  act('POST', '/api/webhooks/' + encodeURIComponent(e.id) + '/rotate-secret', undefined, function (data) { showSecret(data.secret); });
                }
              },
            }),
            h('button', {
              type: 'button',
              class: 'danger',
              text: 'Remove',
              onclick: function () {
                if (window.confirm('Remove ' + (e.description || e.url) + ' and its deliveries?')) act('DELETE', '/api/webhooks/' + encodeURIComponent(e.id));
              },
            }),
          ),
        ),
      );
    });
  }

  function renderDeliveries(deliveries, endpoints) {
    var names = {};
    endpoints.forEach(function (e) {
      names[e.id] = e.description || e.url;
    });
    var list = $('delivery-list');
    list.textContent = '';
    if (deliveries.length === 0) {
      list.appendChild(h('li', { class: 'muted', text: $('delivery-filter').value === 'dead' ? 'No dead letters.' : 'Nothing sent yet.' }));
      return;
    }
    deliveries.forEach(function (d) {
      var outcome = d.state === 'delivered' ? 'HTTP ' + d.lastStatus : d.lastError || (d.lastStatus ? 'HTTP ' + d.lastStatus : '');
      list.appendChild(
        h(
          'li',
          { class: 'delivery ' + d.state },
          h('div', { class: 'delivery-head' }, h('strong', { text: (EVENT_NAMES[d.eventType] || d.eventType) + (d.subject ? ' \u00b7 ' + d.subject : '') }), h('span', { class: 'status-pill', text: STATE_NAMES[d.state] || d.state })),
          h('div', { class: 'small', text: 'To ' + (names[d.endpointId] || d.endpointId) + ' \u00b7 ' + d.attempts + ' attempt' + (d.attempts === 1 ? '' : 's') + ' \u00b7 ' + when(d.deliveredAt || d.createdAt) }),
          outcome ? h('div', { class: 'small' + (d.state === 'delivered' ? '' : ' bad'), text: outcome }) : null,
          d.state === 'pending' ? h('div', { class: 'small muted', text: 'Next attempt ' + when(d.nextAttemptAt) }) : null,
          d.state === 'dead'
            ? h('div', { class: 'row-buttons' }, h('button', { type: 'button', text: 'Replay', onclick: function () { act('POST', '/api/webhooks/deliveries/' + encodeURIComponent(d.id) + '/replay'); } }))
            : null,
        ),
      );
    });
  }

  $('webhook-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var events = Array.prototype.slice.call(document.querySelectorAll('input[name="webhook-event"]:checked')).map(function (c) {
      return c.value;
    });
    if (events.length === 0) {
      showError('Choose at least one event to send.');
      return;
    }
    act('POST', '/api/webhooks', { url: $('webhook-url').value.trim(), events: events, description: $('webhook-description').value.trim() }, function (data) {
      $('webhook-form').reset();
      showSecret(data.secret);
    });
  });
  $('webhook-secret-copy').addEventListener('click', function () {
    if (navigator.clipboard) navigator.clipboard.writeText($('webhook-secret-value').textContent).catch(function () {});
  });
  $('webhook-secret-done').addEventListener('click', function () {
    showSecret('');
  });
  $('delivery-filter').addEventListener('change', refresh);
  document.addEventListener('console:tab', function (event) {
    if (event.detail === 'webhooks') refresh();
  });
  // The tab's dead-letter count, for managers, from sign-in on.
  document.addEventListener('console:signed-in', function (event) {
    if (event.detail.role === 'manager') refresh();
  });
})();
