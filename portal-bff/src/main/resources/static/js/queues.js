// Supervisor's list of the tenant's queues.
(function () {
  'use strict';
  const { api, live, throttle, el, duration, vocabulary } = window.Portal;
  const tenant = document.body.dataset.tenant;
  const ACTIONS = vocabulary.unansweredActions;

  // refetched only for facts that change a row (settings, members, callers), at most every 2 s
  const refresh = throttle(async () => {
    const error = document.getElementById('page-error');
    try {
      const base = '/api/tenants/' + encodeURIComponent(tenant);
      const [queues, calls] = await Promise.all([api('GET', base + '/queues'), api('GET', base + '/calls-in-progress')]);
      const talking = new Map();
      calls.forEach(c => talking.set(c.queue, (talking.get(c.queue) || 0) + 1));
      document.querySelector('#queue-list tbody').replaceChildren(...queues.map(q => el('tr', { dataset: { queue: q.queue } },
        el('td', { class: 'cell-title' }, el('strong', { text: q.name }), el('span', { class: 'sub', text: ' ' + q.extension })),
        el('td', { 'data-label': 'Type', text: q.typeLabel || q.type }),
        el('td', { class: 'num', 'data-label': 'Wrap-up', text: duration(q.wrapUpSeconds) }),
        el('td', { class: 'num', 'data-label': 'Agent ring', text: duration(q.agentRingTimeoutSeconds) }),
        el('td', { class: 'num', 'data-label': 'Queue ring', text: duration(q.queueRingTimeoutSeconds) }),
        el('td', { 'data-label': 'If unanswered', text: (ACTIONS[q.unansweredAction] || q.unansweredAction) + (q.unansweredTarget ? ' → ' + q.unansweredTarget : '') }),
        el('td', { class: 'num', 'data-label': 'Members', text: String((q.members || []).length) }),
        el('td', { class: 'num', 'data-label': 'Waiting', text: String(q.callersWaiting ?? 0) }),
        el('td', { class: 'num cell-talking', 'data-label': 'On calls', text: String(talking.get(q.queue) || 0) }),
        el('td', { class: 'cell-actions' }, el('a', { class: 'btn', href: '/supervisor/queues/' + encodeURIComponent(q.extension), text: 'Edit',
          'aria-label': 'Edit ' + q.name })))));
      error.hidden = true;
    } catch (e) { error.textContent = e.message; error.hidden = false; }
  }, 2000);
  const CHANGES_A_ROW = new Set(['queue.Configured', 'queue.MemberAdded', 'queue.MemberUpdated', 'queue.MemberRemoved',
    'queue.CallerWaiting', 'queue.CallerLeft', 'agent.CallStarted', 'agent.CallEnded']);

  // agent-service's list of agents (calls in progress) follows its events a moment later
  live(e => {
    if (!CHANGES_A_ROW.has(e.type)) return;
    refresh();
    if (e.type.startsWith('agent.')) setTimeout(refresh, 2500);
  }, refresh);
  refresh();
})();
