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
 * Its texts come from the bot's message catalog (GET /widget/strings.json?lang=...), in the language
 * that best matches the page's locale; Web Chat gets the matching locale, so its own chrome ("Send",
 * timestamps) and the locale on every activity follow. It loads Web Chat from the bot server (no CDN),
 * asks the bot for a Direct Line token, and keeps the conversation in sessionStorage so a reload in
 * the same tab resumes it with its history.
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
  // Refresh a saved token only while it still has this much life left; otherwise start over.
  var REFRESH_MARGIN_MS = 60 * 1000;

  var state = { open: false, started: false, directLine: null };

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
  var subtitle = el('span', 'sa-widget__subtitle');
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
    subtitle.textContent = t('widget.subtitle');
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

  function postForJson(url, token) {
    var headers = token ? { Authorization: 'Bearer ' + token } : {};
    return fetch(url, { method: 'POST', headers: headers, mode: 'cors', credentials: 'omit' }).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.json();
    });
  }

  /** A saved conversation with a refreshed token, or a new one from the bot's token route. */
  function connection() {
    var saved = readSession();
    if (saved && saved.token && saved.conversationId && saved.domain && saved.expiresAt > Date.now() + REFRESH_MARGIN_MS) {
      return postForJson(saved.domain + '/tokens/refresh', saved.token)
        .then(function (refreshed) {
          return { token: refreshed.token, conversationId: saved.conversationId, domain: saved.domain, expiresIn: refreshed.expires_in, resumed: true };
        })
        .catch(newConversation);
    }
    return newConversation();
  }

  function newConversation() {
    return postForJson(botUrl + '/api/directline/token').then(function (issued) {
      return { token: issued.token, conversationId: issued.conversationId, domain: issued.domain, expiresIn: issued.expires_in, resumed: false };
    });
  }

  function remember(conn, token) {
    writeSession({
      token: token,
      conversationId: conn.conversationId,
      domain: conn.domain,
      expiresAt: Date.now() + (conn.expiresIn || 1800) * 1000,
    });
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
    hideUploadButton: true,
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
        setInterval(function () {
          if (directLine.token && directLine.token !== (readSession() || {}).token) remember(conn, directLine.token);
        }, 30 * 1000);
        window.addEventListener('pagehide', function () {
          if (directLine.token) writeSession({ token: directLine.token });
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
        document.body.appendChild(root);
        // The visitor's own choice in this tab wins over data-open. A conversation held in another
        // language is not resumed: the demo page's language switcher starts a new one in the new language.
        var saved = readSession();
        if (saved && saved.language && saved.language !== texts.language) {
          writeSession({ token: null, conversationId: null, expiresAt: 0 });
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
  };

  // The whole page is parsed first: the demo page's [data-i18n] elements must all be there.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
