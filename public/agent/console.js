// Agent console: signs in with an agent token, shows the queue, one ticket at a time with its
// transcript, history and live chat, and the service-health incidents. Plain DOM, no framework.
// Live updates come from GET /api/events (Server-Sent Events) read with fetch(), because EventSource
// cannot send the Authorization header and the token must never go into a URL.
(function () {
  'use strict';

  var TOKEN_KEY = 'supportAssistant.agentToken';
  var state = {
    token: sessionStorage.getItem(TOKEN_KEY) || '',
    me: null,
    tickets: [],
    selected: null,
    detail: null,
    unread: {},
    tab: 'queue',
    ticketTab: 'chat',
    stream: null,
    streamGeneration: 0,
  };

  var $ = function (id) {
    return document.getElementById(id);
  };

  /** Builds an element; children are nodes or text (never parsed as HTML). */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    for (var key in attrs || {}) {
      var value = attrs[key];
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'text') el.textContent = value;
      else if (key.slice(0, 2) === 'on') el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? '' : String(value));
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : String(child));
    }
    return el;
  }

  /** Text with **bold** spans (the bot's own markdown), safely as DOM nodes. */
  function richText(text) {
    var span = h('span', { class: 'bubble' });
    String(text || '')
      .split(/\*\*(.+?)\*\*/g)
      .forEach(function (part, i) {
        span.append(i % 2 ? h('strong', { text: part }) : part);
      });
    return span;
  }

  function timeOf(iso) {
    if (!iso) return '';
    return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function dateTimeOf(iso) {
    if (!iso) return '—';
    var d = new Date(iso);
    return d.toLocaleDateString([], { day: 'numeric', month: 'short' }) + ' ' + timeOf(iso);
  }

  // ---- API -------------------------------------------------------------------------------------

  function ApiError(status, message) {
    this.status = status;
    this.message = message;
  }

  function api(method, path, body) {
    var token = state.token;
    var init = { method: method, headers: { authorization: 'Bearer ' + token } };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (res) {
      return res.text().then(function (text) {
        var data = text ? JSON.parse(text) : {};
        if (res.status === 401) {
          // A call that was under way when the console signed out (e.g. on a `revoked` event) keeps that reason.
          if (token === state.token) signOut('Your token was not accepted (it may have been revoked). Sign in again.');
          throw new ApiError(401, 'Unauthorized.');
        }
        if (!res.ok) throw new ApiError(res.status, (data.error && data.error.message) || 'Request failed (' + res.status + ').');
        return data;
      });
    });
  }

  // ---- Sign in / out ---------------------------------------------------------------------------

  function showSignIn(message) {
    $('console-view').hidden = true;
    $('session').hidden = true;
    $('sign-in-view').hidden = false;
    $('sign-in-error').hidden = !message;
    $('sign-in-error').textContent = message || '';
    $('token').focus();
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    state.token = '';
    state.me = null;
    state.selected = null;
    stopStream();
    showSignIn(message);
  }

  function start() {
    api('GET', '/api/agents/me')
      .then(function (data) {
        state.me = data.agent;
        $('me').textContent = state.me.name;
        $('sign-in-view').hidden = true;
        $('console-view').hidden = false;
        $('session').hidden = false;
        startStream();
        refreshQueue();
        refreshIncidents();
      })
      .catch(function (err) {
        if (err.status !== 401) showSignIn('Could not reach the server: ' + err.message);
      });
  }

  $('sign-in-form').addEventListener('submit', function (event) {
    event.preventDefault();
    state.token = $('token').value.trim();
    sessionStorage.setItem(TOKEN_KEY, state.token);
    $('token').value = '';
    start();
  });

  $('sign-out').addEventListener('click', function () {
    signOut();
  });

  // ---- Live events (SSE over fetch) ------------------------------------------------------------

  function setConnection(kind, text) {
    $('connection').dataset.state = kind;
    $('connection').textContent = text;
  }

  function stopStream() {
    state.streamGeneration++;
    if (state.stream) state.stream.abort();
    state.stream = null;
  }

  function startStream(attempt) {
    stopStream();
    var generation = state.streamGeneration;
    var controller = new AbortController();
    state.stream = controller;
    setConnection('connecting', 'Connecting…');
    fetch('/api/events', { headers: { authorization: 'Bearer ' + state.token }, signal: controller.signal })
      .then(function (res) {
        if (res.status === 401) return signOut('Your token was not accepted. Sign in again.');
        if (!res.ok || !res.body) throw new Error('stream ' + res.status);
        setConnection('live', 'Live');
        if (attempt) {
          // Catch up on whatever happened while the stream was down.
          refreshQueue();
          if (state.selected) loadTicket(state.selected, true);
        }
        var reader = res.body.getReader();
        var decoder = new TextDecoder();
        var buffer = '';
        var pump = function () {
          return reader.read().then(function (chunk) {
            if (chunk.done) throw new Error('stream ended');
            buffer += decoder.decode(chunk.value, { stream: true });
            var cut;
            while ((cut = buffer.indexOf('\n\n')) >= 0) {
              var block = buffer.slice(0, cut);
              buffer = buffer.slice(cut + 2);
              var name = /^event: (.*)$/m.exec(block);
              var data = /^data: (.*)$/m.exec(block);
              if (name && data) onEvent(name[1], JSON.parse(data[1]));
            }
            return pump();
          });
        };
        return pump();
      })
      .catch(function () {
        if (generation !== state.streamGeneration || !state.token) return;
        setConnection('offline', 'Reconnecting…');
        var delay = Math.min(30000, 1000 * Math.pow(2, attempt || 0));
        setTimeout(function () {
          if (generation === state.streamGeneration && state.token) startStream((attempt || 0) + 1);
        }, delay);
      });
  }

  var queueTimer = null;
  function refreshQueueSoon() {
    clearTimeout(queueTimer);
    queueTimer = setTimeout(refreshQueue, 150);
  }

  function onEvent(name, data) {
    if (name === 'revoked') {
      // The server ends the stream after this; reconnecting would only be refused.
      signOut('You have been signed out: your agent token was revoked. Ask your administrator for a new one.');
      return;
    }
    if (name === 'takeover') {
      notice(data.by.name + ' took over ' + data.ticket + ' from you; the admin was told.', true);
      refreshQueueSoon();
      if (state.selected === data.ticket) loadTicket(state.selected, true);
      return;
    }
    if (name === 'message') {
      if (state.detail && state.detail.ticket.number === data.ticket) {
        appendChat(data);
      } else if (data.sender === 'admin') {
        state.unread[data.ticket] = true;
        renderQueue();
      }
    } else if (name === 'ticket') {
      refreshQueueSoon();
      if (state.selected === data.ticket) loadTicket(state.selected, true);
    } else if (name === 'incident') {
      refreshIncidents();
    }
  }

  // ---- Queue -----------------------------------------------------------------------------------

  function refreshQueue() {
    var path = '/api/tickets' + ($('unassigned-only').checked ? '?unassigned=true' : '');
    return api('GET', path)
      .then(function (data) {
        state.tickets = data.tickets;
        $('presence').textContent = data.agentsOnline + ' online · ' + data.agentsAvailable + ' free';
        $('queue-updated').textContent = 'Updated ' + timeOf(new Date().toISOString());
        renderQueue();
      })
      .catch(function () {});
  }

  $('unassigned-only').addEventListener('change', refreshQueue);

  function severityChip(severity) {
    return h('span', { class: 'chip sev-' + severity, title: 'Severity ' + severity, text: severity });
  }

  // The admin's language, as its own speakers write it (what the agent should answer in) with the code;
  // the title says it in English. The transcript and chat are shown as written.
  var languages = {
    en: { name: 'English', own: 'English' },
    de: { name: 'German', own: 'Deutsch' },
    'zh-Hans': { name: 'Simplified Chinese', own: '简体中文' },
    'zh-Hant': { name: 'Traditional Chinese', own: '繁體中文' },
  };

  function languageChip(language) {
    var known = languages[language] || { name: language, own: language };
    return h('span', { class: 'chip lang', lang: language, title: 'The admin writes in ' + known.name, text: known.own + ' (' + language + ')' });
  }

  function dueCell(ticket) {
    if (!ticket.responseDueAt) return h('span', { class: 'due muted', text: 'no commitment' });
    return h('span', { class: 'due', 'data-due': ticket.responseDueAt });
  }

  function renderQueue() {
    var body = $('queue-body');
    body.replaceChildren();
    state.tickets.forEach(function (t) {
      var badges = [];
      if (t.handoff && t.handoff.status === 'waiting') badges.push(h('span', { class: 'badge waiting', text: 'admin waiting' }));
      if (t.handoff && t.handoff.status === 'with_agent') badges.push(h('span', { class: 'badge live', text: 'live chat' }));
      if (t.callbackRequested) badges.push(h('span', { class: 'badge callback', text: 'callback' }));
      if (state.unread[t.number]) badges.push(h('span', { class: 'badge unread', text: 'new message' }));
      var row = h(
        'tr',
        { 'data-number': t.number, 'aria-selected': state.selected === t.number ? 'true' : 'false', tabindex: '0' },
        // English is the usual case; only another language gets a badge in the queue.
        h('td', null, severityChip(t.severity), t.language && t.language !== 'en' ? languageChip(t.language) : null),
        h(
          'td',
          null,
          h('div', null, h('span', { class: 'req-number', text: t.number }), ...badges),
          h('div', { class: 'req-desc', text: t.description }),
          h('div', { class: 'req-meta', text: t.requester.name + (t.assignedAgent ? ' · ' + t.assignedAgent.name : ' · unassigned') }),
        ),
        h('td', null, h('span', { class: 'status ' + t.status, text: t.statusLabel })),
        h('td', null, dueCell(t)),
      );
      row.addEventListener('click', function () {
        selectTicket(t.number);
      });
      row.addEventListener('keydown', function (e) {
        if (e.key === 'Enter') selectTicket(t.number);
      });
      body.append(row);
    });
    $('queue-count').textContent = String(state.tickets.length);
    $('queue-empty').hidden = state.tickets.length > 0;
    $('queue').hidden = state.tickets.length === 0;
    tickCountdowns();
  }

  /** "in 42 min", "in 3 h 05 min", "overdue by 12 min": every countdown on the page, once a second. */
  function tickCountdowns() {
    var now = Date.now();
    document.querySelectorAll('[data-due]').forEach(function (el) {
      var ms = new Date(el.getAttribute('data-due')).getTime() - now;
      var minutes = Math.floor(Math.abs(ms) / 60000);
      var seconds = Math.floor((Math.abs(ms) % 60000) / 1000);
      var text =
        minutes >= 60 * 24
          ? Math.floor(minutes / 1440) + ' d ' + Math.floor((minutes % 1440) / 60) + ' h'
          : minutes >= 60
            ? Math.floor(minutes / 60) + ' h ' + String(minutes % 60).padStart(2, '0') + ' min'
            : minutes + ':' + String(seconds).padStart(2, '0');
      el.textContent = ms >= 0 ? 'in ' + text : 'overdue ' + text;
      el.classList.toggle('overdue', ms < 0);
      el.classList.toggle('soon', ms >= 0 && ms < 15 * 60000);
      el.title = 'First response due ' + new Date(el.getAttribute('data-due')).toLocaleString();
    });
  }
  setInterval(tickCountdowns, 1000);
  // A safety net for events lost while a connection was down.
  setInterval(function () {
    if (state.me) refreshQueue();
  }, 30000);

  // ---- Ticket ----------------------------------------------------------------------------------

  function selectTicket(number) {
    state.selected = number;
    delete state.unread[number];
    renderQueue();
    loadTicket(number);
  }

  function loadTicket(number, quiet) {
    return api('GET', '/api/tickets/' + encodeURIComponent(number))
      .then(function (data) {
        if (state.selected !== number) return;
        state.detail = data;
        renderTicket(quiet);
      })
      .catch(function (err) {
        if (err.status === 404) notice('That request no longer exists.', true);
      });
  }

  function notice(text, bad) {
    var el = $('t-notice');
    el.hidden = !text;
    el.textContent = text || '';
    el.classList.toggle('bad', !!bad);
  }

  function fact(label, value) {
    return h('div', null, h('dt', { text: label }), h('dd', { text: value === null || value === undefined || value === '' ? '—' : value }));
  }

  var contactLabels = { email: 'Email', phone: 'Phone call', teams_chat: 'Teams chat', web_chat: 'Web chat' };
  var roleLabels = { user: 'Admin', bot: 'Assistant', agent: 'Agent', admin: 'Admin' };

  function renderTicket(quiet) {
    var d = state.detail;
    var t = d.ticket;
    $('ticket-placeholder').hidden = true;
    $('ticket').hidden = false;
    $('t-sev').className = 'chip sev-' + t.severity;
    $('t-sev').textContent = t.severity;
    $('t-lang').replaceWith(Object.assign(languageChip(t.language || 'en'), { id: 't-lang' }));
    $('t-number').textContent = t.number;
    $('t-status').className = 'status ' + t.status;
    $('t-status').textContent = t.statusLabel;
    $('t-description').textContent = t.description;
    if (!quiet) notice('');

    var live = t.handoff;
    var dueEl = t.responseDueAt ? h('span', { class: 'due', 'data-due': t.responseDueAt }) : 'no commitment';
    $('t-facts').replaceChildren(
      fact('Requester', t.requester.name),
      fact('Email', t.requester.email),
      fact('Phone', t.requester.phone),
      fact('Language', (languages[t.language] || { name: t.language }).name + ' (' + t.language + ')'),
      fact('Contact by', contactLabels[t.contactMethod] + (t.callbackRequested ? ' (callback requested)' : '')),
      fact('Plan', t.planId || 'not known'),
      fact('Cloud', t.cloud),
      fact('Category', t.category + (t.topic ? ' · ' + t.topic : '')),
      fact('Product', t.product),
      fact('Assigned to', t.assignedAgent ? t.assignedAgent.name : 'nobody'),
      fact('Opened', dateTimeOf(t.createdAt)),
      h('div', null, h('dt', { text: 'Response due' }), h('dd', null, dueEl)),
      fact('Live chat', live ? (live.status === 'waiting' ? 'admin waiting in the queue' : 'with ' + (live.agent ? live.agent.name : 'an agent')) : 'none'),
    );

    var open = ['new', 'in_progress', 'waiting_on_customer'].indexOf(t.status) >= 0;
    var mine = !!(t.assignedAgent && state.me && t.assignedAgent.id === state.me.id);
    // Another agent holds an open request (claimed it, or is in its live chat): only they may act on it
    // until someone takes it over.
    var chatHolder = live && live.status === 'with_agent' && live.agent && !(state.me && live.agent.id === state.me.id) ? live.agent : null;
    var holder = open ? chatHolder || (t.assignedAgent && !mine ? t.assignedAgent : null) : null;
    var enable = {
      claim: open && (!t.assignedAgent || (mine && !(live && live.status === 'with_agent'))),
      takeover: !!holder,
      release: open && mine && !holder,
      handback: !holder && !!live && (live.status === 'waiting' || (live.agent && state.me && live.agent.id === state.me.id)),
      waiting_on_customer: !holder && open && t.status !== 'waiting_on_customer',
      resolved: !holder && open,
      closed: !holder && t.status !== 'closed',
    };
    document.querySelectorAll('#t-actions button').forEach(function (b) {
      b.disabled = !enable[b.dataset.action];
    });
    var takeover = $('t-actions').querySelector('[data-action="takeover"]');
    takeover.hidden = !holder;
    takeover.textContent = holder ? 'Take over from ' + holder.name : 'Take over';
    takeover.dataset.holder = holder ? holder.name : '';
    var inMyChat = !!(live && live.status === 'with_agent' && live.agent && state.me && live.agent.id === state.me.id);
    $('t-actions').querySelector('[data-action="claim"]').textContent = !mine ? 'Claim' : inMyChat ? 'Claimed' : 'Join chat';

    var canWrite = open && mine && !holder;
    $('composer-text').disabled = !canWrite;
    $('composer-send').disabled = !canWrite;
    $('composer-hint').textContent = canWrite
      ? 'Your messages reach the admin in Teams or the web chat, sent by the assistant with your name.'
      : holder
        ? holder.name + ' has this request. Take it over to chat with the admin or change its status.'
        : open
          ? 'Claim this request to chat with the admin.'
          : 'This request is ' + t.statusLabel + '.';

    $('t-chat').replaceChildren();
    d.chat.forEach(appendChat);
    $('t-transcript').replaceChildren.apply(
      $('t-transcript'),
      d.transcript.length
        ? d.transcript.map(function (line) {
            return h('li', { class: 'from-' + line.role }, h('span', { class: 'who', text: roleLabels[line.role] + ' · ' + timeOf(line.at) }), richText(line.text));
          })
        : [h('li', { class: 'from-system', text: 'No transcript is stored for this conversation.' })],
    );
    // Agents' names as this request knows them, for history lines that name an agent by id.
    var names = {};
    d.history.forEach(function (e) {
      if (e.by.kind === 'agent') names[e.by.id] = e.by.name;
    });
    d.chat.forEach(function (m) {
      if (m.agent) names[m.agent.id] = m.agent.name;
    });
    $('t-history').replaceChildren.apply(
      $('t-history'),
      d.history.map(function (e) {
        return h('li', null, h('time', { datetime: e.at, text: dateTimeOf(e.at) }), h('span', { text: describeEvent(e, names) }));
      }),
    );
    tickCountdowns();
  }

  function describeEvent(e, names) {
    var who = e.by.kind === 'agent' ? e.by.name : 'The admin';
    switch (e.kind) {
      case 'created':
        return 'Request filed as severity ' + e.data.severity + '.';
      case 'assigned':
        if (e.data.takeOver) return who + ' took the request over from ' + ((names && names[e.data.previousAgentId]) || e.data.previousAgentId || 'another agent') + '.';
        return e.data.agentId ? who + ' claimed the request.' : who + ' put the request back in the queue.';
      case 'status_changed':
        return who + ' changed the status from ' + e.data.from.replace(/_/g, ' ') + ' to ' + e.data.to.replace(/_/g, ' ') + (e.data.note ? ': ' + e.data.note : '.');
      case 'message':
        return who + ' added: ' + e.data.text;
      case 'reopened':
        return who + ' reopened the request' + (e.data.reason ? ': ' + e.data.reason : '.');
      default:
        return e.kind;
    }
  }

  function appendChat(m) {
    var list = $('t-chat');
    if (list.querySelector('[data-id="' + m.id + '"]')) return;
    var who = m.sender === 'agent' ? (m.agent ? m.agent.name : 'Agent') : m.sender === 'admin' ? 'Admin' : '';
    var item =
      m.sender === 'system'
        ? h('li', { class: 'from-system', 'data-id': m.id, text: m.text + ' · ' + timeOf(m.at) })
        : h('li', { class: 'from-' + m.sender, 'data-id': m.id }, h('span', { class: 'who', text: who + ' · ' + timeOf(m.at) }), richText(m.text));
    list.append(item);
    list.scrollTop = list.scrollHeight;
  }

  document.querySelectorAll('[data-ttab]').forEach(function (tab) {
    tab.addEventListener('click', function () {
      state.ticketTab = tab.dataset.ttab;
      document.querySelectorAll('[data-ttab]').forEach(function (t) {
        t.setAttribute('aria-selected', t === tab ? 'true' : 'false');
      });
      $('t-chat-panel').hidden = state.ticketTab !== 'chat';
      $('t-transcript').hidden = state.ticketTab !== 'transcript';
      $('t-history').hidden = state.ticketTab !== 'history';
    });
  });

  var actionPaths = {
    claim: ['claim'],
    takeover: ['takeover'],
    release: ['release'],
    handback: ['handback'],
    waiting_on_customer: ['status', { status: 'waiting_on_customer' }],
    resolved: ['status', { status: 'resolved' }],
    closed: ['status', { status: 'closed' }],
  };
  var actionDone = {
    claim: 'You have the request; the admin was told you joined.',
    takeover: 'You took the request over; the admin was told, and so was the agent who had it.',
    release: 'The request is back in the queue; the admin was told.',
    handback: 'The admin is back with the assistant.',
    waiting_on_customer: 'Marked as waiting on the customer; the admin was asked for information.',
    resolved: 'Resolved; the admin was told.',
    closed: 'Closed; the admin was told.',
  };

  $('t-actions').addEventListener('click', function (event) {
    var button = event.target.closest('button[data-action]');
    if (!button || !state.selected) return;
    var action = button.dataset.action;
    var spec = actionPaths[action];
    if (action === 'takeover' && !window.confirm('Take ' + state.selected + ' over from ' + button.dataset.holder + '? They will be told, the admin too, and the history records it.')) return;
    button.disabled = true;
    api('POST', '/api/tickets/' + encodeURIComponent(state.selected) + '/' + spec[0], spec[1])
      .then(function (data) {
        notice(data.adminNotified === false && action !== 'release' ? actionDone[action].replace(/; the admin was .*$/, '.') + ' (The admin could not be reached in their chat.)' : actionDone[action]);
        return Promise.all([loadTicket(state.selected, true), refreshQueue()]);
      })
      .catch(function (err) {
        notice(err.message, true);
        button.disabled = false;
      });
  });

  $('composer').addEventListener('submit', function (event) {
    event.preventDefault();
    var text = $('composer-text').value.trim();
    if (!text || !state.selected) return;
    $('composer-send').disabled = true;
    api('POST', '/api/tickets/' + encodeURIComponent(state.selected) + '/messages', { text: text })
      .then(function (data) {
        $('composer-text').value = '';
        appendChat(data.message);
        if (!data.delivered) notice('The message is saved but could not be delivered to the admin’s chat.', true);
      })
      .catch(function (err) {
        notice(err.message, true);
      })
      .then(function () {
        $('composer-send').disabled = false;
        $('composer-text').focus();
      });
  });

  $('composer-text').addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      $('composer').requestSubmit();
    }
  });

  // ---- Incidents -------------------------------------------------------------------------------

  document.querySelectorAll('[data-tab]').forEach(function (tab) {
    tab.addEventListener('click', function () {
      state.tab = tab.dataset.tab;
      document.querySelectorAll('[data-tab]').forEach(function (t) {
        t.setAttribute('aria-selected', t === tab ? 'true' : 'false');
      });
      $('queue-panel').hidden = state.tab !== 'queue';
      $('incidents-panel').hidden = state.tab !== 'incidents';
    });
  });

  function refreshIncidents() {
    return api('GET', '/api/incidents')
      .then(function (data) {
        renderIncidents(data.incidents);
      })
      .catch(function () {});
  }

  function renderIncidents(incidents) {
    var active = incidents.filter(function (i) {
      return i.status === 'active';
    });
    $('incident-count').textContent = String(active.length);
    $('incident-list').replaceChildren.apply(
      $('incident-list'),
      incidents.length
        ? incidents.map(incidentCard)
        : [h('p', { class: 'empty', text: 'No incidents. Publish one when a service problem affects many admins; the assistant then mentions it before self-help.' })],
    );
  }

  function incidentCard(i) {
    var update = h('textarea', { rows: '2', placeholder: 'New summary for admins…', 'aria-label': 'New summary for ' + i.id, hidden: true });
    var actions =
      i.status === 'active'
        ? h(
            'div',
            { class: 'incident-actions' },
            h('button', {
              type: 'button',
              text: 'Post update',
              onclick: function (e) {
                if (update.hidden) {
                  update.hidden = false;
                  update.value = i.summary;
                  update.focus();
                  e.target.textContent = 'Save update';
                  return;
                }
                api('PATCH', '/api/incidents/' + encodeURIComponent(i.id), { summary: update.value }).then(refreshIncidents, function (err) {
                  alert(err.message);
                });
              },
            }),
            h('button', {
              type: 'button',
              class: 'good',
              text: 'Resolve',
              onclick: function () {
                api('POST', '/api/incidents/' + encodeURIComponent(i.id) + '/resolve').then(refreshIncidents, function (err) {
                  alert(err.message);
                });
              },
            }),
          )
        : null;
    return h(
      'div',
      { class: 'incident ' + i.classification + ' ' + i.status },
      h('h3', { text: i.id + ' · ' + i.title }),
      h('p', { class: 'muted small', text: i.product + ' · ' + i.classification + ' · ' + (i.status === 'active' ? 'active since ' + dateTimeOf(i.startedAt) : 'resolved ' + dateTimeOf(i.resolvedAt)) }),
      h('p', { text: i.summary }),
      i.userImpact ? h('p', { class: 'muted', text: 'Impact: ' + i.userImpact }) : null,
      update,
      actions,
    );
  }

  $('incident-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var form = event.target;
    // form.elements, not form.title: a form element has its own `title` property.
    var field = function (name) {
      return form.elements[name].value;
    };
    var body = {
      title: field('title'),
      product: field('product'),
      classification: field('classification'),
      topics: field('topics')
        .split(',')
        .map(function (s) {
          return s.trim();
        })
        .filter(Boolean),
      summary: field('summary'),
      userImpact: field('userImpact'),
    };
    api('POST', '/api/incidents', body)
      .then(function () {
        form.reset();
        $('incident-error').hidden = true;
        $('new-incident').open = false;
        refreshIncidents();
      })
      .catch(function (err) {
        $('incident-error').hidden = false;
        $('incident-error').textContent = err.message;
      });
  });

  // ---- Go --------------------------------------------------------------------------------------

  if (state.token) start();
  else showSignIn();
})();
