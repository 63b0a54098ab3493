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
    // The search over all requests (null: the queue), and the cursor of its next page.
    search: null,
    searchCursor: null,
    replies: [],
    // What the open ticket's canned-reply menu holds, filled for that ticket.
    filledReplies: [],
    resolveAction: null,
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
        // Managers' views (webhooks); other agents never see them, and the API refuses them anyway.
        document.querySelectorAll('[data-managers]').forEach(function (el) {
          el.hidden = state.me.role !== 'manager';
        });
        document.dispatchEvent(new CustomEvent('console:signed-in', { detail: state.me }));
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

  // One change often comes as several events (the ticket, then its handoff): read the open ticket once.
  // Re-rendering leaves what the agent is typing alone (the reply box, the note, the resolution note).
  var ticketTimer = null;
  function reloadTicketSoon() {
    clearTimeout(ticketTimer);
    ticketTimer = setTimeout(function () {
      if (!state.selected) return;
      loadTicket(state.selected, true);
      loadAttachments(state.selected);
      loadNotifications(state.selected);
      loadFilledReplies(state.selected);
    }, 120);
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
      if (state.selected === data.ticket) reloadTicketSoon();
    } else if (name === 'incident') {
      refreshIncidents();
    }
  }

  // ---- Queue -----------------------------------------------------------------------------------

  function searchPath(cursor) {
    var params = new URLSearchParams();
    Object.keys(state.search).forEach(function (key) {
      if (state.search[key]) params.set(key, state.search[key]);
    });
    if (cursor) params.set('cursor', cursor);
    return '/api/tickets?' + params.toString();
  }

  /** The queue, or (while a search is on) the first page of the search again. */
  function refreshQueue() {
    var path = state.search ? searchPath() : '/api/tickets' + ($('unassigned-only').checked ? '?unassigned=true' : '');
    var search = state.search;
    return api('GET', path)
      .then(function (data) {
        if (search !== state.search) return;
        // A search that had more pages open keeps them: live refresh replaces only the first page.
        var kept = search && state.tickets.length > data.tickets.length ? state.tickets.slice(data.tickets.length) : [];
        state.tickets = data.tickets.concat(
          kept.filter(function (t) {
            return !data.tickets.some(function (d) {
              return d.number === t.number;
            });
          }),
        );
        if (search && !kept.length) state.searchCursor = data.nextCursor || null;
        $('presence').textContent = data.agentsOnline + ' online · ' + data.agentsAvailable + ' free';
        $('queue-updated').textContent = 'Updated ' + timeOf(new Date().toISOString());
        renderQueue();
      })
      .catch(function (err) {
        if (search && err.status === 400) {
          $('search-summary').hidden = false;
          $('search-summary').textContent = err.message;
        }
      });
  }

  $('search-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var search = {
      q: $('search-q').value.trim(),
      status: $('search-status').value,
      severity: $('search-severity').value,
      from: $('search-from').value,
      to: $('search-to').value,
    };
    var any = Object.keys(search).some(function (k) {
      return search[k];
    });
    // A search with nothing in it lists every request, newest first.
    state.search = any ? search : { status: '', q: '', severity: '', from: '2000-01-01', to: '' };
    state.searchCursor = null;
    state.tickets = [];
    $('search-clear').hidden = false;
    $('unassigned-label').hidden = true;
    refreshQueue();
  });

  $('search-clear').addEventListener('click', function () {
    state.search = null;
    state.searchCursor = null;
    $('search-form').reset();
    $('search-clear').hidden = true;
    $('unassigned-label').hidden = false;
    refreshQueue();
  });

  $('search-more').addEventListener('click', function () {
    if (!state.search || !state.searchCursor) return;
    var search = state.search;
    api('GET', searchPath(state.searchCursor))
      .then(function (data) {
        if (search !== state.search) return;
        state.tickets = state.tickets.concat(data.tickets);
        state.searchCursor = data.nextCursor || null;
        renderQueue();
      })
      .catch(function (err) {
        notice(err.message, true);
      });
  });

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
    // A resolved or closed request (in search results) has no countdown left.
    if (ticket.status === 'resolved' || ticket.status === 'closed') return h('span', { class: 'due muted', text: '—' });
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
      var objective = objectiveBadge(t);
      if (objective) badges.push(objective);
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
    $('queue-empty').textContent = state.search ? 'No request matches this search.' : 'The queue is empty. New requests appear here as admins file them.';
    $('queue-empty').hidden = state.tickets.length > 0;
    $('queue').hidden = state.tickets.length === 0;
    $('search-summary').hidden = !state.search;
    if (state.search) {
      $('search-summary').textContent = state.tickets.length + (state.searchCursor ? '+' : '') + ' found, newest first';
    }
    $('search-more-row').hidden = !(state.search && state.searchCursor);
    tickCountdowns();
  }

  // The first-response objective as the server judged it: a warning from 80% of the time, then a breach.
  // Each says it in words and with a symbol, so it reads without colour.
  var objectiveTexts = {
    warning: { icon: '⚠', text: 'Response due soon', title: 'Over 80% of the time to the first response has passed with no agent response.' },
    breached: { icon: '✖', text: 'Response overdue', title: 'The first-response objective was missed: nobody has responded yet.' },
  };

  function objectiveBadge(t) {
    var o = t.responseObjective && objectiveTexts[t.responseObjective.state];
    if (!o) return null;
    return h('span', { class: 'badge objective-' + t.responseObjective.state, title: o.title, role: 'img', 'aria-label': o.text }, o.icon + ' ' + o.text);
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
    if (state.selected !== number) {
      // Another request: what was typed for the previous one must not be sent to this one's admin.
      $('composer-text').value = '';
      $('note-text').value = '';
    }
    state.selected = number;
    delete state.unread[number];
    renderQueue();
    loadTicket(number);
    loadFilledReplies(number);
    loadAttachments(number);
    loadNotifications(number);
  }

  function loadTicket(number, quiet) {
    return api('GET', '/api/tickets/' + encodeURIComponent(number))
      .then(function (data) {
        if (state.selected !== number) return;
        var before = state.detail && state.detail.ticket.number === number ? state.detail.ticket : null;
        state.detail = data;
        renderTicket(quiet);
        // Someone else changed it while it was open: say so, instead of leaving an older notice up.
        if (quiet && before && before.status !== data.ticket.status) notice('Updated just now: the request is ' + data.ticket.statusLabel + '.');
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
    var objective = t.responseObjective && objectiveTexts[t.responseObjective.state];
    $('t-objective').hidden = !objective;
    $('t-objective').className = 'objective objective-' + (t.responseObjective ? t.responseObjective.state : 'none');
    $('t-objective').textContent = objective
      ? objective.icon + ' ' + objective.text + ': ' + objective.title + ' Due ' + dateTimeOf(t.responseObjective.dueAt) + '.'
      : '';
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
      ...[
        t.firstResponseAt ? fact('First response', dateTimeOf(t.firstResponseAt)) : null,
        t.resolutionNote ? h('div', { class: 'wide' }, h('dt', { text: 'Resolution note' }), h('dd', { text: t.resolutionNote })) : null,
      ].filter(Boolean),
    );
    renderOwnershipCodes(t.ownershipCodes);

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
        return h(
          'li',
          { class: e.kind === 'internal_note' || e.kind === 'call_attempt' ? 'internal-note' : null },
          h('time', { datetime: e.at, text: dateTimeOf(e.at) }),
          h('span', null, e.kind === 'internal_note' || e.kind === 'call_attempt' ? h('span', { class: 'badge internal', text: 'agents only' }) : null, describeEvent(e, names)),
        );
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
      case 'internal_note':
        return 'Internal note by ' + who + ': ' + e.data.text;
      case 'call_attempt':
        return (
          who +
          ' called the admin: ' +
          ({ reached: 'reached them', no_answer: 'no answer', voicemail: 'left a voicemail', wrong_number: 'wrong number' }[e.data.outcome] || e.data.outcome) +
          (e.data.note ? ' (' + e.data.note + ')' : '.')
        );
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
      $('t-history-panel').hidden = state.ticketTab !== 'history';
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
    if (action === 'resolved' || action === 'closed') return openResolveDialog(action);
    runAction(action, spec[1], button);
  });

  function runAction(action, body, button) {
    var spec = actionPaths[action];
    if (button) button.disabled = true;
    return api('POST', '/api/tickets/' + encodeURIComponent(state.selected) + '/' + spec[0], body || spec[1])
      .then(function (data) {
        // This agent's own change: the re-read below must not announce it as someone else's.
        if (state.detail && data.ticket && state.detail.ticket.number === data.ticket.number) state.detail.ticket = data.ticket;
        notice(data.adminNotified === false && action !== 'release' ? actionDone[action].replace(/; the admin was .*$/, '.') + ' (The admin could not be reached in their chat.)' : actionDone[action]);
        return Promise.all([loadTicket(state.selected, true), refreshQueue()]);
      })
      .catch(function (err) {
        notice(err.message, true);
        if (button) button.disabled = false;
        throw err;
      });
  }

  // ---- Resolve / close: a confirmation with the resolution note ------------------------------------

  function openResolveDialog(action) {
    state.resolveAction = action;
    var verb = action === 'resolved' ? 'Resolve' : 'Close';
    $('resolve-title').textContent = verb + ' ' + state.selected + '?';
    $('resolve-intro').textContent =
      action === 'resolved'
        ? 'The admin is told it is resolved, with your note, in their language; they can reopen it within 14 days.'
        : 'The admin is told it is closed, with your note, in their language; they can reopen it within 14 days.';
    $('resolve-confirm').textContent = verb;
    $('resolve-error').hidden = true;
    $('resolve-count').textContent = String($('resolve-note').value.length);
    $('resolve-dialog').showModal();
    $('resolve-note').focus();
  }

  $('resolve-note').addEventListener('input', function () {
    $('resolve-count').textContent = String($('resolve-note').value.length);
    // What was wrong is fixed as soon as there is a note; a message saying otherwise would mislead.
    if ($('resolve-note').value.trim()) $('resolve-error').hidden = true;
  });

  $('resolve-cancel').addEventListener('click', function () {
    $('resolve-dialog').close();
  });

  $('resolve-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var note = $('resolve-note').value.trim();
    if (!note) {
      $('resolve-error').hidden = false;
      $('resolve-error').textContent = 'Write a resolution note: the admin reads it.';
      return;
    }
    $('resolve-confirm').disabled = true;
    runAction(state.resolveAction, { status: state.resolveAction, note: note })
      .then(function () {
        $('resolve-note').value = '';
        $('resolve-dialog').close();
      })
      .catch(function (err) {
        $('resolve-error').hidden = false;
        $('resolve-error').textContent = err.message;
      })
      .then(function () {
        $('resolve-confirm').disabled = false;
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
      document.querySelectorAll('[data-tab]').forEach(function (t) {
        $(t.dataset.tab + '-panel').hidden = t.dataset.tab !== state.tab;
      });
      if (state.tab === 'replies') refreshReplies();
      // Views in their own files (webhooks.js) refresh when they are opened.
      document.dispatchEvent(new CustomEvent('console:tab', { detail: state.tab }));
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

  // ---- Internal notes --------------------------------------------------------------------------

  $('note-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var text = $('note-text').value.trim();
    if (!text || !state.selected) return;
    $('note-save').disabled = true;
    api('POST', '/api/tickets/' + encodeURIComponent(state.selected) + '/notes', { text: text })
      .then(function () {
        $('note-text').value = '';
        notice('Internal note added; only agents see it.');
        return loadTicket(state.selected, true);
      })
      .catch(function (err) {
        notice(err.message, true);
      })
      .then(function () {
        $('note-save').disabled = false;
      });
  });

  // ---- Canned replies --------------------------------------------------------------------------

  /** The replies for the open request, filled from it by the server, in the menu above the reply box. */
  function loadFilledReplies(number) {
    return api('GET', '/api/tickets/' + encodeURIComponent(number) + '/canned-replies')
      .then(function (data) {
        if (state.selected !== number) return;
        state.filledReplies = data.replies;
        $('canned-select').replaceChildren.apply(
          $('canned-select'),
          [h('option', { value: '', text: data.replies.length ? 'Insert a canned reply…' : 'No canned replies yet (see the Canned replies tab)' })].concat(
            data.replies.map(function (r) {
              return h('option', { value: String(r.id), text: r.title + (r.language ? ' (' + r.language + ')' : '') });
            }),
          ),
        );
      })
      .catch(function () {});
  }

  $('canned-select').addEventListener('change', function () {
    var id = Number($('canned-select').value);
    var reply = state.filledReplies.find(function (r) {
      return r.id === id;
    });
    $('canned-select').value = '';
    if (!reply) return;
    // Inserted where the cursor is, so the agent can add to it and edit before sending.
    var box = $('composer-text');
    var start = box.selectionStart || 0;
    var end = box.selectionEnd || 0;
    box.value = box.value.slice(0, start) + reply.text + box.value.slice(end);
    box.focus();
    box.selectionStart = box.selectionEnd = start + reply.text.length;
  });

  function refreshReplies() {
    return api('GET', '/api/canned-replies')
      .then(function (data) {
        state.replies = data.replies;
        renderReplies();
      })
      .catch(function () {});
  }

  function renderReplies() {
    $('reply-list').replaceChildren.apply(
      $('reply-list'),
      state.replies.length
        ? state.replies.map(function (r) {
            return h(
              'li',
              { class: 'card reply' },
              h('h4', null, r.title, r.language ? h('span', { class: 'chip lang', text: r.language }) : h('span', { class: 'muted small', text: ' · any language' })),
              h('p', { class: 'reply-body', text: r.body }),
              h('p', { class: 'muted small', text: 'Last changed by ' + r.updatedBy.name + ', ' + dateTimeOf(r.updatedAt) }),
              h(
                'div',
                { class: 'row-buttons' },
                h('button', { type: 'button', text: 'Edit', 'aria-label': 'Edit ' + r.title, onclick: function () { editReply(r); } }),
                h('button', {
                  type: 'button',
                  text: 'Delete',
                  'aria-label': 'Delete ' + r.title,
                  onclick: function () {
                    if (!window.confirm('Delete the canned reply "' + r.title + '" for every agent?')) return;
                    api('DELETE', '/api/canned-replies/' + r.id).then(repliesChanged, function (err) {
                      alert(err.message);
                    });
                  },
                }),
              ),
            );
          })
        : [h('li', { class: 'empty', text: 'No canned replies yet. Save the answers you give often; every agent can use them.' })],
    );
  }

  function editReply(r) {
    $('reply-id').value = String(r.id);
    $('reply-title').value = r.title;
    $('reply-language').value = r.language || '';
    $('reply-body').value = r.body;
    $('reply-form-title').textContent = 'Edit "' + r.title + '"';
    $('reply-cancel').hidden = false;
    $('reply-title').focus();
  }

  function resetReplyForm() {
    $('reply-form').reset();
    $('reply-id').value = '';
    $('reply-form-title').textContent = 'New canned reply';
    $('reply-cancel').hidden = true;
    $('reply-error').hidden = true;
  }

  function repliesChanged() {
    refreshReplies();
    if (state.selected) loadFilledReplies(state.selected);
  }

  $('reply-cancel').addEventListener('click', resetReplyForm);

  $('reply-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var id = $('reply-id').value;
    var body = { title: $('reply-title').value, body: $('reply-body').value, language: $('reply-language').value || null };
    api(id ? 'PATCH' : 'POST', '/api/canned-replies' + (id ? '/' + id : ''), body)
      .then(function () {
        resetReplyForm();
        repliesChanged();
      })
      .catch(function (err) {
        $('reply-error').hidden = false;
        $('reply-error').textContent = err.message;
      });
  });

  // ---- Ownership codes and attachments ---------------------------------------------------------

  /** Shown when the ticket view carries codes (an admin proving a request is theirs). */
  function renderOwnershipCodes(codes) {
    var list = Array.isArray(codes) ? codes : [];
    $('t-ownership').hidden = list.length === 0;
    $('t-ownership-list').replaceChildren.apply(
      $('t-ownership-list'),
      list.map(function (c) {
        return h('li', null, h('code', { class: 'code', text: c.code }), h('span', { class: 'muted small', text: ' requested ' + dateTimeOf(c.requestedAt) + ' · expires ' + dateTimeOf(c.expiresAt) }));
      }),
    );
  }

  function formatSize(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + ' MB' : bytes >= 1024 ? Math.round(bytes / 1024) + ' KB' : bytes + ' bytes';
  }

  /** The request's files; the section stays hidden where the server has no attachments (404). */
  function loadAttachments(number) {
    return api('GET', '/api/tickets/' + encodeURIComponent(number) + '/attachments')
      .then(function (data) {
        if (state.selected !== number) return;
        $('t-attachments').hidden = false;
        var files = data.attachments || [];
        $('t-attachment-list').replaceChildren.apply(
          $('t-attachment-list'),
          files.length
            ? files.map(function (a) {
                return h(
                  'li',
                  null,
                  h('button', { type: 'button', class: 'link', text: '📎 ' + a.name, onclick: function () { download(a); } }),
                  h('span', { class: 'muted small', text: ' ' + formatSize(a.size) + ' · from ' + (a.from === 'agent' ? 'an agent' : a.from === 'admin' ? 'the admin' : a.from) + ' · ' + dateTimeOf(a.createdAt) }),
                );
              })
            : [h('li', { class: 'muted small', text: 'No files yet.' })],
        );
      })
      .catch(function () {
        if (state.selected === number) $('t-attachments').hidden = true;
      });
  }

  var NOTIFICATION_WHAT = {
    agent_message: 'Your message',
    needs_information: 'Waiting on the admin',
    in_progress: 'In progress',
    resolved: 'Resolved',
    closed: 'Closed',
    reopened: 'Reopened',
  };
  var NOTIFICATION_STATE = {
    pending: 'to be sent (waiting for more updates to send together)',
    sending: 'being sent',
    sent: 'emailed',
    skipped_present: 'not emailed: the admin was in the chat',
    skipped_no_mail_server: 'not emailed: no mail server is configured (SMTP_URL)',
    skipped_unsubscribed: 'not emailed: the admin unsubscribed from this request',
    failed: 'not emailed: the mail server refused every attempt',
  };

  /** Whether the admin was told by email about what agents did on the ticket (src/notifications/). */
  function loadNotifications(number) {
    return api('GET', '/api/tickets/' + encodeURIComponent(number) + '/notifications')
      .then(function (data) {
        if (state.selected !== number) return;
        var list = data.notifications || [];
        var teams = state.detail && state.detail.ticket.contactMethod === 'teams_chat';
        $('t-notifications').hidden = list.length === 0 && data.mailServer && !teams;
        if (teams && list.length === 0) {
          $('t-notifications-summary').textContent = 'The admin chose Teams: your messages and status changes reach their Teams chat, not their email.';
          $('t-notifications-summary').classList.remove('bad');
          $('t-notification-list').replaceChildren();
          return;
        }
        $('t-notifications-summary').textContent = data.mailServer
          ? list.length
            ? ''
            : 'No emails yet.'
          : 'The admin is not notified by email: no mail server is configured (SMTP_URL). Contact them by their preferred method.';
        $('t-notifications-summary').classList.toggle('bad', !data.mailServer);
        $('t-notification-list').replaceChildren.apply(
          $('t-notification-list'),
          list.slice(0, 10).map(function (n) {
            var bad = n.state === 'failed' || n.state === 'skipped_no_mail_server';
            var retrying = n.state === 'pending' && n.lastError;
            return h(
              'li',
              { class: 'small' + (bad ? ' bad' : '') },
              h('strong', { text: (NOTIFICATION_WHAT[n.kind] || n.kind) + ': ' }),
              retrying ? 'retrying (' + n.lastError + ')' : NOTIFICATION_STATE[n.state] || n.state,
              h('span', { class: 'muted', text: ' · ' + dateTimeOf(n.sentAt || n.occurredAt) }),
            );
          }),
        );
      })
      .catch(function () {
        if (state.selected === number) $('t-notifications').hidden = true;
      });
  }

  /** Downloads with the token in the header (never in a URL), then saves the file from memory. */
  function download(a) {
    fetch(a.downloadUrl, { headers: { authorization: 'Bearer ' + state.token } })
      .then(function (res) {
        if (!res.ok) throw new Error('The file could not be downloaded (' + res.status + ').');
        return res.blob();
      })
      .then(function (blob) {
        var url = URL.createObjectURL(blob);
        var link = h('a', { href: url, download: a.name });
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(function () {
          URL.revokeObjectURL(url);
        }, 10000);
      })
      .catch(function (err) {
        notice(err.message, true);
      });
  }

  $('attach-file').addEventListener('change', function () {
    var file = $('attach-file').files[0];
    var number = state.selected;
    if (!file || !number) return;
    fetch('/api/tickets/' + encodeURIComponent(number) + '/attachments', {
      method: 'POST',
      headers: { authorization: 'Bearer ' + state.token, 'content-type': file.type || 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) },
      body: file,
    })
      .then(function (res) {
        return res.text().then(function (text) {
          var data = text ? JSON.parse(text) : {};
          if (!res.ok) throw new Error((data.error && data.error.message) || 'The file was not accepted (' + res.status + ').');
          notice(file.name + ' attached.');
          return loadAttachments(number);
        });
      })
      .catch(function (err) {
        notice(err.message, true);
      })
      .then(function () {
        $('attach-file').value = '';
      });
  });

  // What the views in their own files (webhooks.js) use: the API with the session's token, elements, notices.
  window.SupportConsole = { api: api, h: h, notice: notice, state: state, selectTicket: selectTicket };

  // ---- Go --------------------------------------------------------------------------------------

  if (state.token) start();
  else showSignIn();
})();
