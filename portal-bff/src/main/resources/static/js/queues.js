// Supervisor's list of the tenant's queues.
(function () {
  'use strict';
  const { api, live, throttle, el, duration, vocabulary } = window.Portal;
  const tenant = document.body.dataset.tenant;
  const ACTIONS = vocabulary.unansweredActions;

  const base = '/api/tenants/' + encodeURIComponent(tenant);
  let tenantZone = null; // a new queue counts "today" in the zone of the others unless the office manager says otherwise

  async function load() {
    const error = document.getElementById('page-error');
    try {
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
      tenantZone = queues.length ? queues[0].timeZone : null;
      error.hidden = true;
    } catch (e) { error.textContent = e.message; error.hidden = false; }
  }
  // refetched only for facts that change a row (settings, members, callers), at most every 2 s
  const refresh = throttle(load, 2000);
  const CHANGES_A_ROW = new Set(['queue.Configured', 'queue.Deleted', 'queue.MemberAdded', 'queue.MemberUpdated', 'queue.MemberRemoved',
    'queue.CallerWaiting', 'queue.CallerLeft', 'agent.CallStarted', 'agent.CallEnded']);

  function notice(...content) {
    const box = document.getElementById('page-notice');
    box.replaceChildren(...content);
    box.hidden = false;
  }

  // Office managers only (the template has the form for them alone; queue-service refuses anyone else)
  const createDialog = document.getElementById('create-dialog');
  if (createDialog) {
    const form = document.getElementById('create-form');
    const problem = document.getElementById('create-error');
    const button = document.getElementById('create-queue');
    document.getElementById('new-queue').addEventListener('click', () => {
      form.reset();
      form.querySelectorAll('[aria-invalid]').forEach(field => field.removeAttribute('aria-invalid'));
      form.wrapUpSeconds.value = 15;
      form.agentRingTimeoutSeconds.value = 20;
      form.queueRingTimeoutSeconds.value = 300;
      form.timeZone.value = tenantZone || Intl.DateTimeFormat().resolvedOptions().timeZone;
      problem.hidden = true;
      createDialog.showModal();
      form.extension.focus();
    });
    document.getElementById('create-cancel').addEventListener('click', () => createDialog.close());
    form.addEventListener('submit', async event => {
      event.preventDefault();
      button.disabled = true;
      try {
        const created = await api('POST', base + '/queues', { extension: form.extension.value.trim(),
          settings: QueueSettings.read(form) });
        createDialog.close();
        notice('Queue ' + created.name + ' (' + created.extension + ') created. ',
          el('a', { href: '/supervisor/queues/' + encodeURIComponent(created.extension), text: 'Add agents\u2019 phones to it' }), '.');
        await load();
      } catch (e) {
        // queue-service's 409 speaks to API users ("change it with PUT"); here the extension is what to change
        problem.textContent = e.status === 409 ? 'Extension ' + form.extension.value.trim() + ' is a queue already: '
          + 'pick an unused one.' : QueueSettings.explain(form, e.message);
        problem.hidden = false;
      } finally { button.disabled = false; }
    });
  }

  // back from deleting a queue on its page
  const deleted = new URLSearchParams(location.search).get('deleted');
  if (/^[0-9]{1,15}$/.test(deleted || '')) {
    notice('Queue ' + deleted + ' deleted: its phones left it and callers still waiting were sent on.');
    history.replaceState(null, '', location.pathname);
  }

  // agent-service's list of agents (calls in progress) follows its events a moment later
  live(e => {
    if (!CHANGES_A_ROW.has(e.type)) return;
    refresh();
    if (e.type.startsWith('agent.')) setTimeout(refresh, 2500);
  }, refresh);
  load();
})();
