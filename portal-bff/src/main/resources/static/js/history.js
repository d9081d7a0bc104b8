// One agent's state history for a day ("why was I red at 10:32?"): every change with where it came from and who.
(function () {
  'use strict';
  const { api, el, toast, useZone, zoneLabel, dayOf, vocabulary } = window.Portal;
  const url = document.body.dataset.historyUrl;
  const form = document.getElementById('history-form');
  const dayInput = document.getElementById('history-day');

  function render(changes) {
    document.querySelector('#history-table tbody').replaceChildren(...changes.map(c => el('tr', { dataset: { type: c.type } },
      el('td', { 'data-label': 'Time', class: 'cell-time', text: (c.localTime || '').replace('T', ' ').substring(11, 19) }),
      el('td', { class: 'cell-title', text: c.description }),
      el('td', { 'data-label': 'From', text: (vocabulary.changeSources[c.source] || {}).label || c.source }),
      el('td', { 'data-label': 'By', text: c.actor }))));
    document.getElementById('history-empty').hidden = changes.length > 0;
  }

  async function load(day) {
    const error = document.getElementById('page-error');
    try {
      // a generous window around the day in UTC; the rows of that local day are kept by their local time
      const start = new Date(day + 'T00:00:00Z').getTime() - 14 * 3600e3;
      const end = start + 52 * 3600e3;
      const changes = await api('GET', url + '?from=' + new Date(start).toISOString() + '&to=' + new Date(end).toISOString());
      render(changes.filter(c => (c.localTime || '').startsWith(day)));
      error.hidden = true;
    } catch (e) { error.textContent = e.message; error.hidden = false; }
  }

  form.addEventListener('submit', event => { event.preventDefault(); load(dayInput.value); });

  async function start() {
    // localTime comes in the agent's zone; the page says which one, and picks "today" in it
    try {
      const agent = document.body.dataset.agent;
      const record = url.startsWith('/api/me/') ? await api('GET', '/api/me/agent')
        : (await api('GET', '/api/tenants/' + encodeURIComponent(agent.split('@')[1]) + '/agents')).find(a => a.agent === agent);
      if (record) useZone(record.timeZone);
    } catch (e) { toast(e.message, true); }
    document.getElementById('history-zone').textContent = 'Times in ' + zoneLabel() + '.';
    dayInput.value = dayOf(new Date());
    load(dayInput.value);
  }
  start();
})();
