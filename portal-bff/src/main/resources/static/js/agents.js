// Supervisor's agents: calls in progress per queue, and per agent: status, queue logins, wrap-up, history; each
// agent's times in that agent's zone, named in the row.
(function () {
  'use strict';
  const { api, live, throttle, el, toast, local, time, zoneLabel } = window.Portal;
  const tenant = document.body.dataset.tenant;
  const base = '/api/tenants/' + encodeURIComponent(tenant);
  const statusOptions = document.getElementById('status-options');
  let queueNames = new Map();

  function queueLabel(queue) {
    return queue ? (queueNames.get(queue) || local(queue)) + ' (' + local(queue) + ')' : 'Direct calls';
  }

  function renderCalls(calls) {
    const byQueue = new Map();
    calls.forEach(c => byQueue.set(c.queue || '', (byQueue.get(c.queue || '') || []).concat([c])));
    document.getElementById('calls-in-progress').replaceChildren(...[...byQueue.entries()].map(([queue, list]) =>
      el('li', { dataset: { queue } }, el('strong', { text: queueLabel(queue) + ': ' + list.length }),
        ...list.map(c => el('span', { class: 'sub call-agent', dataset: { agent: c.agent },
          text: c.agentName + ' ' + local(c.agent) + (c.device ? ' on ' + local(c.device) : '') })))));
    document.getElementById('calls-empty').hidden = calls.length > 0;
    document.getElementById('calls-count').textContent = calls.length + ' now';
  }

  async function act(button, method, url, body, done) {
    button.disabled = true;
    try {
      // the answer is the agent's new state: shown at once (the list behind the page follows a moment later)
      const agent = await api(method, url, body);
      const row = document.querySelector('#agent-admin tr[data-agent="' + CSS.escape(agent.agent) + '"]');
      if (row) row.replaceWith(agentRow(agent));
      toast(done);
    } catch (e) { toast(e.message, true); } finally { button.disabled = false; }
  }

  function agentRow(a) {
    const ext = local(a.agent);
    const path = base + '/agents/' + encodeURIComponent(ext);
    const select = el('select', { 'aria-label': 'Status of ' + a.name, class: 'status-of', dataset: { agent: a.agent } });
    select.append(...statusOptions.content.cloneNode(true).children);
    select.value = a.status;
    select.addEventListener('change', () => act(select, 'POST', path + '/status', { status: select.value },
      a.name + ' is now ' + select.selectedOptions[0].text));
    const queues = (a.queues || []).map(q => {
      const button = el('button', { type: 'button', class: 'queue-login', dataset: { queue: q.queue },
        text: q.loggedIn ? 'Log out' : 'Log in', 'aria-label': (q.loggedIn ? 'Log ' + a.name + ' out of ' : 'Log ' + a.name + ' into ') + queueLabel(q.queue) });
      button.addEventListener('click', () => act(button, 'POST', path + '/queues/' + encodeURIComponent(local(q.queue)) + '/login',
        { loggedIn: !q.loggedIn }, a.name + (q.loggedIn ? ' logged out of ' : ' logged into ') + queueLabel(q.queue)));
      return el('span', { class: 'pill ' + (q.loggedIn ? 'green' : 'red') }, (q.loggedIn ? '✓ ' : '✕ ') + queueLabel(q.queue) + ' ', button);
    });
    const actions = [el('a', { class: 'btn', href: '/supervisor/agents/' + encodeURIComponent(ext) + '/history', text: 'History',
      'aria-label': 'History of ' + a.name })];
    if (a.wrapUpUntil && new Date(a.wrapUpUntil) > new Date()) {
      const end = el('button', { type: 'button', class: 'btn end-wrap-up',
        text: 'End wrap-up (until ' + time(a.wrapUpUntil, true, a.timeZone) + ')' });
      end.addEventListener('click', () => act(end, 'POST', path + '/wrap-up/end', undefined, a.name + '\u2019s wrap-up ended'));
      actions.push(end);
    }
    return el('tr', { dataset: { agent: a.agent } },
      el('td', { class: 'cell-title' }, el('strong', { text: a.name }), el('span', { class: 'sub', text: ' ' + ext }),
        el('span', { class: 'sub agent-zone', text: ' · times in ' + zoneLabel(a.timeZone) })),
      el('td', { 'data-label': 'Status' }, select),
      el('td', { 'data-label': 'Queues' }, el('span', { class: 'agent-queues' }, ...queues)),
      el('td', { class: 'cell-actions' }, ...actions));
  }

  const load = throttle(async () => {
    const error = document.getElementById('page-error');
    try {
      const [queues, agents, calls] = await Promise.all([api('GET', base + '/queues'), api('GET', base + '/agents'),
        api('GET', base + '/calls-in-progress')]);
      queueNames = new Map(queues.map(q => [q.queue, q.name]));
      document.querySelector('#agent-admin tbody').replaceChildren(...agents.map(agentRow));
      renderCalls(calls);
      error.hidden = true;
    } catch (e) { error.textContent = e.message; error.hidden = false; }
  }, 1000);

  // agent facts change a row; the list is read again, and once more a moment later (agent-service folds the facts
  // into its list of agents within moments)
  live(e => {
    if (e.type.startsWith('agent.')) { setTimeout(load, 500); setTimeout(load, 2500); }
  }, load);
  load();
})();
