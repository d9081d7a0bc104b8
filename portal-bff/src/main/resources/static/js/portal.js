// Shared helpers for every portal page: JSON calls with the CSRF header, the live stream, small formatters.
(function () {
  'use strict';
  const csrfToken = document.querySelector('meta[name="_csrf"]')?.content;
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]')?.content;

  async function api(method, url, body) {
    const headers = { 'Accept': 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && csrfToken) headers[csrfHeader] = csrfToken;
    const response = await fetch(url, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin'
    });
    if (response.status === 401) {
      window.location.href = '/login';
      throw new Error('Your session has ended; sign in again.');
    }
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
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
    const signedOut = () => {
      source.close();
      show('signed-out', 'Signed out');
      if (document.getElementById('signed-out-notice')) return;
      const notice = el('div', { id: 'signed-out-notice', class: 'notice error', role: 'alert' },
        'You are signed out. ', el('a', { href: '/login' }, 'Sign in again'));
      (document.querySelector('main') || document.body).prepend(notice);
    };
    source.addEventListener('hello', () => {
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

  function time(iso) {
    if (!iso) return '';
    const date = new Date(iso);
    const today = new Date();
    const sameDay = date.toDateString() === today.toDateString();
    return sameDay ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
      : date.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
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

  window.Portal = { api, live, debounce, throttle, el, duration, time, toast, local };
})();
