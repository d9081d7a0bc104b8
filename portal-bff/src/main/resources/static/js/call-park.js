// Call Park: the parked callers of each of my call park queues, each with a button to take it on one of my phones.
(function () {
  'use strict';
  const { api, live, debounce, el, duration, toast, local, onWrapUpEnd } = window.Portal;
  const container = document.getElementById('park-queues');
  let shownAt = Date.now();

  async function load() {
    try {
      const [queues, phones, agent] = await Promise.all([
        api('GET', '/api/me/queues'), api('GET', '/api/me/phones'), api('GET', '/api/me/agent')]);
      const parks = queues.filter(q => q.type === 'CALL_PARK');
      const callers = await Promise.all(parks.map(q => api('GET', '/api/me/queues/' + encodeURIComponent(q.extension) + '/callers')));
      shownAt = Date.now();
      render(parks, callers, phones, agent);
      wrapUpsEnd(parks);
      document.getElementById('page-error').hidden = true;
    } catch (e) {
      const error = document.getElementById('page-error');
      error.textContent = e.message;
      error.hidden = false;
    }
  }

  function render(parks, callersByQueue, phones, agent) {
    document.getElementById('park-none').hidden = parks.length > 0;
    container.replaceChildren(...parks.map((queue, i) => {
      const membership = (agent.queues || []).find(m => local(m.queue) === queue.extension) || { devices: [] };
      const inQueue = new Set((membership.devices || []).map(local));
      const usable = phones.filter(p => p.registered && inQueue.has(p.device));
      const callers = callersByQueue[i] || [];
      const card = el('section', { class: 'card park', dataset: { queue: queue.extension }, 'aria-label': 'Call park ' + queue.name },
        el('div', { class: 'card-head' }, el('h2', { text: queue.name + ' (' + queue.extension + ')' }),
          el('span', { class: 'hint park-availability', text: queue.available ? 'You are available to pick up'
            : 'You cannot pick up now: ' + queue.reasonText })));
      if (usable.length === 0) {
        card.append(el('p', { class: 'notice park-no-phone', text: 'None of your phones in this queue is registered right now.' }));
      }
      if (callers.length === 0) {
        card.append(el('p', { class: 'empty', text: 'Nobody is parked here right now.' }));
        return card;
      }
      const rows = callers.map(c => {
        const phone = el('select', { 'aria-label': 'Phone to pick up ' + c.callerNumber + ' on', class: 'park-phone' },
          ...usable.map(p => el('option', { value: p.device, text: p.device })));
        const pick = el('button', { type: 'button', class: 'btn btn-primary park-pick', text: 'Pick up',
          disabled: !queue.available || usable.length === 0, dataset: { call: c.call } });
        pick.addEventListener('click', async () => {
          pick.disabled = true;
          try {
            await api('POST', '/api/me/queues/' + encodeURIComponent(queue.extension) + '/callers/'
              + encodeURIComponent(c.call) + '/pick', { device: phone.value });
            toast('Your phone ' + phone.value + ' rings with ' + c.callerNumber);
          } catch (e) { toast(e.message, true); pick.disabled = false; }
        });
        return el('tr', { dataset: { call: c.call } }, el('td', { class: 'num', text: c.position }),
          el('td', { text: c.callerNumber }), el('td', { text: c.callerName || '—' }),
          el('td', { class: 'num waiting', dataset: { seconds: c.waitingSeconds }, text: duration(c.waitingSeconds) }),
          el('td', {}, usable.length > 1 ? phone : null, pick));
      });
      card.append(el('div', { class: 'table-wrap' }, el('table', { class: 'table park-callers' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', class: 'num', text: '#' }), el('th', { scope: 'col', text: 'Number' }),
          el('th', { scope: 'col', text: 'Name' }), el('th', { scope: 'col', class: 'num', text: 'Waiting' }),
          el('th', { scope: 'col', text: 'Pick up' }))),
        el('tbody', {}, ...rows))));
      return card;
    }));
  }

  // a wrap-up that runs out makes me available with no event to say so
  const wrapUpsEnd = onWrapUpEnd(() => load());

  // waits count up between loads
  setInterval(() => {
    const elapsed = Math.floor((Date.now() - shownAt) / 1000);
    container.querySelectorAll('td.waiting').forEach(cell => {
      cell.textContent = duration(Number(cell.dataset.seconds) + elapsed);
    });
  }, 1000);

  // callers arrive and leave, and my availability changes, as live events: reload then (and now and then anyway)
  const reload = debounce(load, 300);
  live(event => {
    if (/^queue\.(CallerWaiting|CallerLeft|AgentAvailabilityChanged|Configured|Member)/.test(event.type)
      || /^agent\./.test(event.type)) reload();
  }, load);
  setInterval(load, 5000);
  load();
})();
