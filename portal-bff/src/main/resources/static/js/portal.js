// Shared helpers for every portal page: JSON calls with the CSRF header, the live stream, small formatters.
(function () {
  'use strict';
  const csrfToken = document.querySelector('meta[name="_csrf"]')?.content;
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]')?.content;
  const sessionMark = document.querySelector('meta[name="session-mark"]')?.content;
  // The words for the server's enums (statuses with their tone, reasons, queue types, ...), made from the enums
  // themselves (portal-bff's Vocabulary): pages look them up here and list none of their own.
  const vocabulary = Object.assign({ statuses: {}, reasons: {}, queueTypes: {}, unansweredActions: {}, changeSources: {} },
    JSON.parse(document.querySelector('meta[name="vocabulary"]')?.content || '{}'));
  const statusOf = status => vocabulary.statuses[status] || { label: status, takesQueueCalls: false, tone: 'away' };

  // The session this page was opened in has ended (signed out here or elsewhere, password reset, signed in again
  // as someone else): say so once and offer sign-in; the page's CSRF token died with that session.
  let liveSource = null;
  function signedOut() {
    if (liveSource) liveSource.close();
    const indicator = document.getElementById('live-indicator');
    if (indicator) {
      indicator.dataset.state = 'signed-out';
      indicator.querySelector('.live-text').textContent = 'Signed out';
    }
    if (document.getElementById('signed-out-notice')) return;
    const notice = el('div', { id: 'signed-out-notice', class: 'notice error', role: 'alert' },
      'You are signed out. ', el('a', { href: '/login', id: 'sign-in-again' }, 'Sign in again'));
    (document.querySelector('main') || document.body).prepend(notice);
  }

  async function api(method, url, body) {
    const headers = { 'Accept': 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && csrfToken) headers[csrfHeader] = csrfToken;
    const response = await fetch(url, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin'
    });
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (response.status === 401 || (response.status === 403 && data && data.sessionEnded)) {
      signedOut();
      const error = new Error('You are signed out: sign in again.');
      error.status = response.status;
      throw error;
    }
    if (!response.ok) {
      const error = new Error((data && (data.detail || data.title)) || ('Request failed (' + response.status + ')'));
      error.status = response.status;
      throw error;
    }
    return data;
  }

  // One EventSource per page; reconnects by itself. onReconnect lets the page reload state it may have missed.
  // An event can arrive twice (the user's own change is pushed as soon as the command answers, then again through
  // Kafka with the same id): each id is applied once.
  // When the session ends (signed out in another tab, password reset, role changed) the server sends `signed-out`
  // and closes the stream; a stream refused with 401 means the same. Then the page says so and stops listening.
  function live(onEvent, onReconnect) {
    const applied = new Set();
    const indicator = document.getElementById('live-indicator');
    const show = (state, text) => {
      if (!indicator) return;
      indicator.dataset.state = state;
      indicator.querySelector('.live-text').textContent = text;
    };
    let wasDown = false;
    const source = new EventSource('/api/live');
    liveSource = source;
    source.addEventListener('hello', message => {
      // a stream that reconnected under another session (signed in again in another tab) is not this page's
      const hello = message.data ? JSON.parse(message.data) : {};
      if (sessionMark && hello.session && hello.session !== sessionMark) { signedOut(); return; }
      show('live', 'Live');
      if (wasDown && onReconnect) onReconnect();
      wasDown = false;
    });
    source.addEventListener('cca', message => {
      try {
        const event = JSON.parse(message.data);
        if (applied.has(event.id)) return;
        applied.add(event.id);
        if (applied.size > 1000) applied.delete(applied.values().next().value);
        onEvent(event);
      } catch (e) { console.error('live event failed', e); }
    });
    source.addEventListener('signed-out', signedOut);
    source.onerror = () => {
      wasDown = true;
      show('down', 'Reconnecting');
      if (source.readyState !== EventSource.CLOSED) return;
      // the browser gave up (an answer that is no stream): find out whether the session is gone
      fetch('/api/me', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
        .then(response => { if (response.status === 401) signedOut(); })
        .catch(() => { });
    };
    return source;
  }

  function debounce(fn, ms) {
    let timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  // Runs fn at most once per ms (the first call at once, later ones folded into one at the end of the window).
  function throttle(fn, ms) {
    let last = 0, timer = null;
    return function () {
      if (timer) return;
      const wait = Math.max(0, last + ms - Date.now());
      timer = setTimeout(() => { timer = null; last = Date.now(); fn(); }, wait);
    };
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.substring(2), value);
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function duration(seconds) {
    seconds = Math.max(0, Math.round(seconds || 0));
    const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    if (h) return h + 'h' + (m ? ' ' + String(m).padStart(2, '0') + 'm' : '');
    if (m) return m + 'm' + (s ? ' ' + String(s).padStart(2, '0') + 's' : '');
    return s + 's';
  }

  // Times are shown in one zone per page (the agent's own), never silently in the browser's: set it once with
  // useZone; zoneLabel() is what pages print next to their times. Pages listing several agents pass each agent's
  // zone to time, dayOf and zoneLabel instead.
  let zone;
  function knownZone(timeZone) {
    if (!timeZone) return undefined;
    try { new Intl.DateTimeFormat([], { timeZone }); return timeZone; } catch (e) { return undefined; }
  }
  function useZone(timeZone) {
    zone = knownZone(timeZone);
  }
  function zoneLabel(timeZone) {
    return knownZone(timeZone) || zone || Intl.DateTimeFormat().resolvedOptions().timeZone;
  }
  function dayOf(date, timeZone) {
    return new Intl.DateTimeFormat('en-CA', { timeZone: knownZone(timeZone) || zone, year: 'numeric', month: '2-digit',
      day: '2-digit' }).format(date);
  }

  // "10:32" today, "Nov 27, 10:32" on other days; seconds when asked ("until 10:32:15" of a short wrap-up)
  function time(iso, withSeconds, timeZone) {
    if (!iso) return '';
    const date = new Date(iso);
    const options = { timeZone: knownZone(timeZone) || zone, hour: '2-digit', minute: '2-digit' };
    if (withSeconds) options.second = '2-digit';
    if (dayOf(date, timeZone) !== dayOf(new Date(), timeZone)) Object.assign(options, { month: 'short', day: 'numeric' });
    return date.toLocaleString([], options);
  }

  function toast(text, isError) {
    const box = document.getElementById('toast');
    if (!box) return;
    box.textContent = text;
    box.classList.toggle('error', !!isError);
    box.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { box.hidden = true; }, 4000);
  }

  const local = id => (id || '').split('@')[0];

  // A wrap-up ends by itself at its `until`: the router publishes nothing then (docs/events.md), so a page shows an
  // agent's availability in a queue as of now, and draws again when the first wrap-up it shows runs out.
  function availabilityNow(row) {
    if (!row || row.available || !row.until || Date.now() < new Date(row.until).getTime()) return row;
    const reasons = (row.reasons && row.reasons.length ? row.reasons : [row.reason]).filter(r => r !== 'WRAP_UP');
    return Object.assign({}, row, { until: null, reasons, reasonText: null, reasonTexts: null },
      reasons.length ? { reason: reasons[0] } : { available: true, reason: 'NONE' });
  }
  function onWrapUpEnd(redraw) {
    let timer = null;
    return rows => {
      clearTimeout(timer);
      const left = rows.filter(r => r && !r.available && r.until).map(r => new Date(r.until).getTime() - Date.now())
        .filter(ms => ms > 0);
      if (left.length) timer = setTimeout(redraw, Math.min(...left) + 50);
    };
  }

  window.Portal = { api, live, debounce, throttle, el, duration, time, toast, local, useZone, zoneLabel, dayOf,
    signedOut, vocabulary, statusOf, availabilityNow, onWrapUpEnd };
})();
