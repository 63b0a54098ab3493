// Agent console: the Call-backs view. Requests whose admin prefers the phone, or that nobody was online
// for: the number to call, the admin's time now and zone, the hours that suit them, the calls so far,
// and "Record the call" with its outcome. Uses console.js's API helper (window.SupportConsole).
(function () {
  'use strict';

  var con = window.SupportConsole;
  var h = con.h;
  var $ = function (id) {
    return document.getElementById(id);
  };
  var OUTCOMES = { reached: 'Reached the admin', no_answer: 'No answer', voicemail: 'Left a voicemail', wrong_number: 'Wrong number' };

  function showError(text) {
    $('callback-error').hidden = !text;
    $('callback-error').textContent = text || '';
  }

  function refresh() {
    return con
      .api('GET', '/api/callbacks')
      .then(function (data) {
        render(data.callbacks);
      })
      .catch(function (err) {
        showError(err.message);
      });
  }

  function record(number, outcome, note) {
    showError('');
    return con
      .api('POST', '/api/tickets/' + encodeURIComponent(number) + '/calls', { outcome: outcome, note: note || undefined })
      .then(refresh)
      .catch(function (err) {
        showError(err.message);
      });
  }

  function render(callbacks) {
    $('callback-count').textContent = String(callbacks.length);
    var list = $('callback-list');
    list.textContent = '';
    if (callbacks.length === 0) {
      list.appendChild(h('li', { class: 'muted', text: 'Nobody is waiting for a call.' }));
      return;
    }
    callbacks.forEach(function (c) {
      var outcome = h('select', { 'aria-label': 'Outcome of the call to ' + c.requester.name });
      Object.keys(OUTCOMES).forEach(function (k) {
        outcome.appendChild(h('option', { value: k, text: OUTCOMES[k] }));
      });
      var note = h('input', { type: 'text', maxlength: '2000', placeholder: 'Note (what was agreed)', 'aria-label': 'Note on the call' });
      var form = h(
        'form',
        { class: 'row-buttons call-form' },
        outcome,
        note,
        h('button', { type: 'submit', class: 'primary', text: 'Record the call' }),
      );
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        record(c.number, outcome.value, note.value.trim());
      });
      list.appendChild(
        h(
          'li',
          { class: 'card callback sev-' + c.severity.toLowerCase() },
          h(
            'div',
            { class: 'webhook-head' },
            h('button', { type: 'button', class: 'link', text: c.number + ' · Severity ' + c.severity, onclick: function () { con.selectTicket(c.number); } }),
            h('span', { class: 'status-pill', text: c.reason === 'phone_preferred' ? 'Prefers the phone' : 'Nobody was online' }),
          ),
          h('div', { class: 'small', text: c.description.split('\n')[0] }),
          h(
            'div',
            { class: 'callback-who' },
            h('strong', { text: c.requester.name + ' ' }),
            c.requester.phone ? h('a', { href: 'tel:' + c.requester.phone, text: c.requester.phone }) : h('span', { class: 'bad', text: 'no phone number: write to ' + c.requester.email }),
          ),
          h('div', { class: 'small', text: c.localTime ? 'Their time now: ' + c.localTime + ' · ' + c.timeZoneName : 'Their time zone is not known.' }),
          h('div', { class: 'small', text: 'Hours that suit them: ' + (c.callbackHours || 'not given') }),
          c.lastCall
            ? h('div', { class: 'small muted', text: 'Last call: ' + (OUTCOMES[c.lastCall.outcome] || c.lastCall.outcome) + ' · ' + new Date(c.lastCall.at).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }) + (c.lastCall.note ? ' · ' + c.lastCall.note : '') + ' (' + c.calls + ' in all)' })
            : null,
          form,
        ),
      );
    });
  }

  document.addEventListener('console:tab', function (event) {
    if (event.detail === 'callbacks') refresh();
  });
  document.addEventListener('console:signed-in', refresh);
})();
