/*
 * Support Assistant chat widget. One tag adds the chat bubble to any page:
 *
 *   <script src="https://bot.example.com/widget.js" data-bot-url="https://bot.example.com" async></script>
 *
 * Optional attributes: data-locale (the page's language, e.g. "de-DE" or "zh-TW"; default the
 * browser's), data-title (header text), data-open="true" (open the chat on load). The bot's own demo
 * page also sets data-locale-param="lang" (?lang=de picks the language) and data-page-strings="true"
 * (fill the page's [data-i18n] elements too).
 * The page's origin must be listed in the bot's WIDGET_ALLOWED_ORIGINS unless it is the bot's own.
 *
 * Who the user is (docs/identity.md): a site that signs its users in passes a signed identity token,
 * fresh for every request, through window.SupportAssistantWidget.identify(getToken) (getToken returns
 * the token or a promise of it; identify(null) on sign-out), data-identity-endpoint (a URL of the site
 * the widget POSTs to, with the site's cookies, for {"token": "..."}), or data-identity-token (one token,
 * used once). The same user then gets the same chat and tickets in every tab and on every device.
 * Anonymous visitors get a credential from the bot, kept in localStorage, which does the same for
 * this browser.
 *
 * Its texts come from the bot's message catalog (GET /widget/strings.json?lang=...), in the language
 * that best matches the page's locale; Web Chat gets the matching locale, so its own chrome ("Send",
 * timestamps) and the locale on every activity follow. It loads Web Chat from the bot server (no CDN),
 * asks the bot for a Direct Line token, and keeps the conversation in sessionStorage so a reload in
 * the same tab resumes it with its history. Without a saved live token (a new tab, a token expired while
 * away) the bot hands back the user's latest conversation, with its history, when it still has it.
 */
(function () {
  'use strict';

  if (window.SupportAssistantWidget) return;

  var script =
    document.currentScript ||
    document.querySelector('script[data-bot-url][src*="widget.js"]') ||
    document.querySelector('script[src*="widget.js"]');
  var botUrl = ((script && script.getAttribute('data-bot-url')) || new URL(script.src, location.href).origin).replace(/\/+$/, '');
  var customTitle = script && script.getAttribute('data-title');
  var openOnLoad = script && script.getAttribute('data-open') === 'true';
  var localizePage = script && script.getAttribute('data-page-strings') === 'true';
  var storageKey = 'support-assistant:' + botUrl;
  var visitorKey = storageKey + ':visitor';
  var identityEndpoint = script && script.getAttribute('data-identity-endpoint');
  // Used once: a token is refused the second time (the page signs a new one on every load).
  var identityTokenAttribute = script && script.getAttribute('data-identity-token');
  /** The page's function that returns a fresh identity token (identify()). */
  var identityProvider = null;
  // Refresh a saved token only while it still has this much life left; otherwise start over.
  var REFRESH_MARGIN_MS = 60 * 1000;
  // Direct Line JS's ConnectionStatus.ExpiredToken.
  var CONNECTION_EXPIRED_TOKEN = 3;

  var state = { open: false, started: false, directLine: null, tokenTimer: null };

  // ---- language ------------------------------------------------------------------------------

  /** The page's locale: its query parameter (when it names one), data-locale, or the browser's. */
  function requestedLocale() {
    var param = script && script.getAttribute('data-locale-param');
    if (param) {
      try {
        var fromQuery = new URLSearchParams(location.search).get(param);
        if (fromQuery) return fromQuery;
      } catch (e) {
        // An old browser without URLSearchParams: data-locale or the browser's language instead.
      }
    }
    return (script && script.getAttribute('data-locale')) || navigator.language || 'en-US';
  }

  // Asked for at once, in parallel with the page loading; nothing is drawn before it arrives.
  var stringsLoaded = fetch(botUrl + '/widget/strings.json?lang=' + encodeURIComponent(requestedLocale()), { mode: 'cors', credentials: 'omit' }).then(
    function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.json();
    },
  );
  /** { language, locale, languages, strings } from the bot, once loaded. */
  var texts = { language: 'en', locale: 'en-US', languages: {}, strings: {} };

  /** A message of the catalog; a `{name}` in it is replaced with values[name]. */
  function t(key, values) {
    var message = texts.strings[key];
    if (typeof message !== 'string') return '';
    return message.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && name in values ? String(values[name]) : whole;
    });
  }

  // ---- storage -------------------------------------------------------------------------------

  function readSession() {
    try {
      return JSON.parse(sessionStorage.getItem(storageKey) || 'null');
    } catch (e) {
      return null;
    }
  }

  function writeSession(patch) {
    try {
      var next = Object.assign({}, readSession() || {}, patch);
      sessionStorage.setItem(storageKey, JSON.stringify(next));
    } catch (e) {
      // Storage can be disabled (private mode, policies); the chat still works, without resuming.
    }
  }

  /** The anonymous visitor's credential from the bot: the same user id in every tab of this browser. */
  function readVisitor() {
    try {
      return localStorage.getItem(visitorKey) || undefined;
    } catch (e) {
      return undefined;
    }
  }

  function writeVisitor(credential) {
    try {
      localStorage.setItem(visitorKey, credential);
    } catch (e) {
      // Without localStorage a visitor is new in every tab; the chat still works.
    }
  }

  // ---- identity ------------------------------------------------------------------------------

  function hasIdentity() {
    return !!(identityProvider || identityEndpoint || identityTokenAttribute);
  }

  /** A fresh identity token from the page, or null for an anonymous visitor. */
  function identityToken() {
    if (identityProvider) {
      return Promise.resolve()
        .then(identityProvider)
        .then(function (token) {
          return typeof token === 'string' && token ? token : null;
        });
    }
    if (identityEndpoint) {
      return fetch(identityEndpoint, { method: 'POST', credentials: 'include', headers: { Accept: 'application/json' } })
        .then(function (res) {
          if (!res.ok) throw new Error('HTTP ' + res.status);
          return res.json();
        })
        .then(function (body) {
          return body && typeof body.token === 'string' && body.token ? body.token : null;
        });
    }
    var once = identityTokenAttribute;
    identityTokenAttribute = null;
    return Promise.resolve(once || null);
  }

  // ---- DOM -----------------------------------------------------------------------------------

  function el(tag, className, attrs) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    Object.keys(attrs || {}).forEach(function (key) {
      node.setAttribute(key, attrs[key]);
    });
    return node;
  }

  var ICON_CHAT =
    '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 3C6.5 3 2 6.86 2 11.6c0 2.4 1.16 4.57 3.03 6.13-.13 1.1-.6 2.32-1.53 3.27a.5.5 0 0 0 .37.85c1.98-.05 3.63-.78 4.8-1.62 1.04.28 2.16.42 3.33.42 5.5 0 10-3.86 10-8.6S17.5 3 12 3Zm-4.5 9.85a1.25 1.25 0 1 1 0-2.5 1.25 1.25 0 0 1 0 2.5Zm4.5 0a1.25 1.25 0 1 1 0-2.5 1.25 1.25 0 0 1 0 2.5Zm4.5 0a1.25 1.25 0 1 1 0-2.5 1.25 1.25 0 0 1 0 2.5Z"/></svg>';
  var ICON_CLOSE =
    '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><path fill="currentColor" d="M6.7 5.3 12 10.6l5.3-5.3a1 1 0 1 1 1.4 1.4L13.4 12l5.3 5.3a1 1 0 0 1-1.4 1.4L12 13.4l-5.3 5.3a1 1 0 0 1-1.4-1.4l5.3-5.3-5.3-5.3a1 1 0 0 1 1.4-1.4Z"/></svg>';

  var root = el('div', 'sa-widget', { 'data-state': 'closed' });
  var panel = el('section', 'sa-widget__panel', { role: 'dialog', id: 'sa-widget-panel' });
  panel.hidden = true;
  var header = el('header', 'sa-widget__header');
  var heading = el('div', 'sa-widget__heading');
  var avatar = el('span', 'sa-widget__avatar', { 'aria-hidden': 'true' });
  avatar.textContent = 'SA';
  var titles = el('div', 'sa-widget__titles');
  var titleText = el('strong', 'sa-widget__title');
  // Who can help now: a dot and a line from GET /widget/status (the dot's colour is only a repeat of the text).
  var subtitle = el('span', 'sa-widget__subtitle', { 'aria-live': 'polite' });
  var presenceDot = el('span', 'sa-widget__presence', { 'aria-hidden': 'true' });
  var subtitleText = el('span', 'sa-widget__subtitle-text');
  subtitle.appendChild(presenceDot);
  subtitle.appendChild(subtitleText);
  titles.appendChild(titleText);
  titles.appendChild(subtitle);
  heading.appendChild(avatar);
  heading.appendChild(titles);
  var closeButton = el('button', 'sa-widget__close', { type: 'button' });
  closeButton.innerHTML = ICON_CLOSE;
  header.appendChild(heading);
  header.appendChild(closeButton);
  var chat = el('div', 'sa-widget__chat');
  var status = el('div', 'sa-widget__status', { role: 'status' });
  chat.appendChild(status);
  panel.appendChild(header);
  panel.appendChild(chat);
  var bubble = el('button', 'sa-widget__bubble', {
    type: 'button',
    'aria-controls': 'sa-widget-panel',
    'aria-expanded': 'false',
  });
  bubble.innerHTML = ICON_CHAT;
  root.appendChild(panel);
  root.appendChild(bubble);

  /** Puts the loaded texts on the widget; `lang` makes screen readers and the :lang() fonts right. */
  function applyTexts() {
    root.setAttribute('lang', texts.language);
    var title = customTitle || t('widget.title');
    panel.setAttribute('aria-label', title);
    titleText.textContent = title;
    if (!subtitle.getAttribute('data-agents')) subtitleText.textContent = t('widget.subtitle');
    closeButton.setAttribute('aria-label', t('widget.close'));
    bubble.setAttribute('aria-label', t(state.open ? 'widget.bubble.close' : 'widget.bubble.open'));
  }

  function showStatus(text, retry) {
    status.textContent = text;
    status.hidden = !text;
    if (retry) {
      var again = el('button', 'sa-widget__retry', { type: 'button' });
      again.textContent = t('widget.retry');
      again.addEventListener('click', function () {
        state.started = false;
        start();
      });
      status.appendChild(document.createElement('br'));
      status.appendChild(again);
    }
  }

  // ---- who can help now ------------------------------------------------------------------------

  // Asked again while the chat is open: agents come and go, and the wait changes with the queue.
  var STATUS_EVERY_MS = 60 * 1000;
  var cloud = script && script.getAttribute('data-cloud');

  function browserTimeZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    } catch (e) {
      return '';
    }
  }

  /**
   * The header's second line says what is so (agents online, the wait to reach one) instead of a
   * promise; the first message says the same at more length, with the admin's support hours.
   */
  function refreshStatus() {
    var url =
      botUrl + '/widget/status?lang=' + encodeURIComponent(texts.locale) + '&tz=' + encodeURIComponent(browserTimeZone()) + (cloud ? '&cloud=' + encodeURIComponent(cloud) : '');
    return fetch(url, { mode: 'cors', credentials: 'omit' })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      })
      .then(function (status) {
        if (!status || typeof status.headline !== 'string') return;
        subtitleText.textContent = status.headline;
        subtitle.setAttribute('data-agents', String(status.agents));
        subtitle.setAttribute('title', typeof status.summary === 'string' ? status.summary : '');
      })
      .catch(function () {
        // The last line shown stays; the chat itself does not depend on it.
      });
  }

  var statusTimer = null;
  function watchStatus(on) {
    clearInterval(statusTimer);
    statusTimer = null;
    if (!on) return;
    refreshStatus();
    statusTimer = setInterval(function () {
      if (!document.hidden) refreshStatus();
    }, STATUS_EVERY_MS);
  }

  function setOpen(open) {
    if (!root.parentNode) {
      // Not mounted yet (its texts have not arrived): open()/close() called early take effect then.
      openOnLoad = open;
      return;
    }
    state.open = open;
    panel.hidden = !open;
    root.setAttribute('data-state', open ? 'open' : 'closed');
    bubble.setAttribute('aria-expanded', String(open));
    bubble.setAttribute('aria-label', t(open ? 'widget.bubble.close' : 'widget.bubble.open'));
    writeSession({ open: open });
    watchStatus(open);
    if (open) {
      start();
      focusSendBox();
    }
  }

  function focusSendBox() {
    setTimeout(function () {
      var input = chat.querySelector('input[type="text"], textarea');
      if (input) input.focus();
    }, 50);
  }

  // ---- loading and connecting -----------------------------------------------------------------

  function loadWebChat() {
    if (window.WebChat) return Promise.resolve(window.WebChat);
    return new Promise(function (resolve, reject) {
      var tag = document.createElement('script');
      tag.src = botUrl + '/webchat/webchat.js';
      tag.async = true;
      tag.onload = function () {
        window.WebChat ? resolve(window.WebChat) : reject(new Error('Web Chat did not load'));
      };
      tag.onerror = function () {
        reject(new Error('Web Chat did not load'));
      };
      document.head.appendChild(tag);
    });
  }

  function postForJson(url, token, body) {
    var headers = token ? { Authorization: 'Bearer ' + token } : {};
    if (body) headers['Content-Type'] = 'application/json';
    var init = { method: 'POST', headers: headers, mode: 'cors', credentials: 'omit' };
    if (body) init.body = JSON.stringify(body);
    return fetch(url, init).then(function (res) {
      if (!res.ok) {
        var err = new Error('HTTP ' + res.status);
        err.status = res.status;
        throw err;
      }
      return res.json();
    });
  }

  /**
   * The tab's saved conversation with a refreshed token; otherwise a token from the bot for this user
   * (the saved conversation again when it is theirs, else their latest, else a new one). A signed-in
   * user always goes through the bot, which checks the conversation is theirs.
   */
  function connection() {
    var saved = readSession() || {};
    var live = saved.token && saved.conversationId && saved.domain && saved.expiresAt > Date.now() + REFRESH_MARGIN_MS;
    if (live && !hasIdentity() && saved.who !== 'identified') {
      return postForJson(saved.domain + '/tokens/refresh', saved.token)
        .then(function (refreshed) {
          return { token: refreshed.token, conversationId: saved.conversationId, domain: saved.domain, expiresIn: refreshed.expires_in, resumed: true, who: 'visitor' };
        })
        .catch(function () {
          return tokenForUser(saved);
        });
    }
    return tokenForUser(saved);
  }

  function tokenForUser(saved) {
    // The locale and zone make the bot's greeting of a new conversation right (language, support hours).
    var request = {
      conversationId: saved.conversationId || undefined,
      newConversation: saved.fresh ? true : undefined,
      locale: texts.locale,
      timeZone: browserTimeZone() || undefined,
    };
    var asVisitor = function () {
      return postForJson(botUrl + '/api/directline/token', null, Object.assign({ visitor: readVisitor() }, request));
    };
    return identityToken()
      .catch(function (err) {
        warn('no identity token from the page (' + err.message + '); chatting anonymously');
        return null;
      })
      .then(function (token) {
        if (!token) return asVisitor();
        return postForJson(botUrl + '/api/directline/token', null, Object.assign({ identityToken: token }, request)).catch(function (err) {
          // A refused identity (expired, wrongly signed, used twice): chat anonymously rather than not at all.
          if (err.status !== 401 && err.status !== 400) throw err;
          warn('the bot refused the identity token (' + err.message + '); chatting anonymously');
          return asVisitor();
        });
      })
      .then(function (issued) {
        if (issued.visitor) writeVisitor(issued.visitor);
        return {
          token: issued.token,
          conversationId: issued.conversationId,
          domain: issued.domain,
          expiresIn: issued.expires_in,
          resumed: !!issued.resumed,
          who: issued.identified ? 'identified' : 'visitor',
        };
      });
  }

  function warn(message) {
    if (window.console) console.warn('Support Assistant widget: ' + message);
  }

  function remember(conn, token) {
    writeSession({
      token: token,
      conversationId: conn.conversationId,
      domain: conn.domain,
      expiresAt: Date.now() + (conn.expiresIn || 1800) * 1000,
      who: conn.who,
      fresh: false,
    });
  }

  /** Drops the chat on the page and connects again (a sign-in or sign-out changed who the user is). */
  function restart() {
    if (state.directLine && state.directLine.end) state.directLine.end();
    state.directLine = null;
    clearInterval(state.tokenTimer);
    var old = chat.querySelector('.sa-widget__webchat');
    if (old) old.parentNode.removeChild(old);
    state.started = false;
    if (state.open) start();
  }

  var styleOptions = {
    accent: '#0f6cbd',
    backgroundColor: '#ffffff',
    primaryFont: "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', Arial, sans-serif",
    bubbleBackground: '#f3f5f8',
    bubbleBorderWidth: 0,
    bubbleBorderRadius: 12,
    bubbleNubSize: 0,
    bubbleFromUserBackground: '#0f6cbd',
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderWidth: 0,
    bubbleFromUserBorderRadius: 12,
    bubbleFromUserNubSize: 0,
    botAvatarInitials: 'SA',
    botAvatarBackgroundColor: '#0f6cbd',
    avatarSize: 32,
    // Screenshots and logs for the case (docs/attachments.md). The server decides a file's type from its
    // content; this list only spares the admin picking a file it would refuse (src/attachments/fileTypes.ts).
    hideUploadButton: false,
    uploadAccept: '.png,.jpg,.jpeg,.gif,.webp,.pdf,.txt,.log,.csv,.json',
    uploadMultiple: true,
    // Sent as soon as it is picked: Web Chat 4.18 otherwise only marks the paperclip and waits for Send.
    sendAttachmentOn: 'attach',
    sendBoxBackground: '#ffffff',
    sendBoxHeight: 52,
    suggestedActionBorderRadius: 8,
    suggestedActionLayout: 'flow',
    cardEmphasisBackgroundColor: '#f3f5f8',
    paddingRegular: 10,
    rootHeight: '100%',
    rootWidth: '100%',
  };

  /** The font stack widget.css gives the widget in its language (:lang rules), for Web Chat too. */
  function primaryFont() {
    var family = window.getComputedStyle ? getComputedStyle(root).fontFamily : '';
    return family || styleOptions.primaryFont;
  }

  function start() {
    if (state.started) return;
    state.started = true;
    showStatus(t('widget.status.connecting'));
    Promise.all([loadWebChat(), connection(), styleSheetLoaded])
      .then(function (results) {
        var WebChat = results[0];
        var conn = results[1];
        var directLine = WebChat.createDirectLine({
          token: conn.token,
          domain: conn.domain,
          // A resumed conversation reconnects from the start, so the whole history is shown again.
          conversationId: conn.resumed ? conn.conversationId : undefined,
          webSocket: true,
        });
        state.directLine = directLine;
        remember(conn, conn.token);
        // Direct Line JS refreshes the token on its own; keep the newest one for the next reload.
        state.tokenTimer = setInterval(function () {
          if (directLine.token && directLine.token !== (readSession() || {}).token) remember(conn, directLine.token);
        }, 30 * 1000);
        // A token that expired while the page slept (Direct Line JS could not refresh it): the same
        // conversation again from the bot, on the user's identity or visitor credential.
        directLine.connectionStatus$.subscribe(function (status) {
          if (status === CONNECTION_EXPIRED_TOKEN && state.directLine === directLine) {
            writeSession({ token: null, expiresAt: 0 });
            restart();
          }
        });
        var host = el('div', 'sa-widget__webchat');
        chat.appendChild(host);
        // The locale is in a form Web Chat's own localization knows (de-DE, zh-CN, zh-TW...); it is
        // also the locale of every activity, which is how the bot learns the page's language.
        var options = Object.assign({}, styleOptions, { primaryFont: primaryFont() });
        WebChat.renderWebChat({ directLine: directLine, styleOptions: options, locale: texts.locale }, host);
        showStatus('');
        if (state.open) focusSendBox();
      })
      .catch(function () {
        state.started = false;
        showStatus(t('widget.status.unavailable'), true);
      });
  }

  // ---- wiring ---------------------------------------------------------------------------------

  window.addEventListener('pagehide', function () {
    if (state.directLine && state.directLine.token) writeSession({ token: state.directLine.token });
  });

  bubble.addEventListener('click', function () {
    setOpen(!state.open);
  });
  closeButton.addEventListener('click', function () {
    setOpen(false);
    bubble.focus();
  });
  panel.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') {
      setOpen(false);
      bubble.focus();
    }
  });

  var styleSheetLoaded;

  /** The bot's demo page: its own copy, title and language switcher come from the same strings. */
  function localizeThePage() {
    document.documentElement.setAttribute('lang', texts.language);
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (node) {
      fillText(node, t(node.getAttribute('data-i18n')));
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n-content]'), function (node) {
      node.setAttribute('content', t(node.getAttribute('data-i18n-content')));
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n-aria-label]'), function (node) {
      node.setAttribute('aria-label', t(node.getAttribute('data-i18n-aria-label')));
    });
    Array.prototype.forEach.call(document.querySelectorAll('a[data-language]'), function (link) {
      var language = link.getAttribute('data-language');
      link.textContent = texts.languages[language] || language;
      link.setAttribute('lang', language);
      link.setAttribute('hreflang', language);
      if (language === texts.language) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
    });
  }

  /**
   * Sets a node's text to a message; a `{name}` in the message is replaced with the node's child
   * marked data-i18n-arg="name" (a <code> in the sentence, say), so markup stays out of the catalog.
   */
  function fillText(node, message) {
    var args = {};
    Array.prototype.forEach.call(node.querySelectorAll('[data-i18n-arg]'), function (child) {
      args[child.getAttribute('data-i18n-arg')] = child;
    });
    while (node.firstChild) node.removeChild(node.firstChild);
    message.split(/(\{\w+\})/).forEach(function (part) {
      var name = /^\{(\w+)\}$/.exec(part);
      if (name && args[name[1]]) node.appendChild(args[name[1]]);
      else if (part) node.appendChild(document.createTextNode(part));
    });
  }

  function mount() {
    var css = el('link', null, { rel: 'stylesheet', href: botUrl + '/widget.css' });
    styleSheetLoaded = new Promise(function (resolve) {
      css.onload = resolve;
      // Without the stylesheet the chat still works, in the default font.
      css.onerror = resolve;
    });
    document.head.appendChild(css);
    stringsLoaded
      .then(function (loaded) {
        texts = loaded;
        if (localizePage) localizeThePage();
        applyTexts();
        // The header is right before the chat is opened, too.
        refreshStatus();
        document.body.appendChild(root);
        // The visitor's own choice in this tab wins over data-open. A conversation held in another
        // language is not resumed: the demo page's language switcher starts a new one in the new language.
        var saved = readSession();
        if (saved && saved.language && saved.language !== texts.language) {
          writeSession({ token: null, conversationId: null, expiresAt: 0, fresh: true });
        }
        writeSession({ language: texts.language });
        var open = saved && typeof saved.open === 'boolean' ? saved.open : openOnLoad;
        if (open) setOpen(true);
      })
      .catch(function (err) {
        // Without its texts the widget has nothing to say; the bot is most likely unreachable too.
        if (window.console) console.warn('Support Assistant widget: no texts from ' + botUrl + ' (' + err.message + ')');
      })
      .then(function () {
        if (localizePage) document.documentElement.classList.remove('sa-localizing');
      });
  }

  window.SupportAssistantWidget = {
    open: function () {
      setOpen(true);
    },
    close: function () {
      setOpen(false);
    },
    /**
     * The page's signed-in user: `getToken` returns a fresh identity token signed by the site (or a
     * promise of one) each time the widget needs one. null on sign-out: the chat continues as this
     * browser's anonymous visitor, in a new conversation.
     */
    identify: function (getToken) {
      var before = hasIdentity();
      identityProvider = typeof getToken === 'function' ? getToken : null;
      if (!identityProvider) {
        identityEndpoint = null;
        identityTokenAttribute = null;
      }
      var session = readSession() || {};
      // Someone else, or no one, is now signed in: the tab's conversation is not theirs to continue.
      if (before || session.who === 'identified' || identityProvider) {
        writeSession({ token: null, conversationId: null, expiresAt: 0, who: null, fresh: !identityProvider });
        if (state.started) restart();
      }
    },
  };

  // The whole page is parsed first: the demo page's [data-i18n] elements must all be there.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
