// Supervisor's editor for one queue: settings and member phones.
(function () {
  'use strict';
  const { api, live, debounce, el, toast, local } = window.Portal;
  const tenant = document.body.dataset.tenant;
  const extension = document.body.dataset.queue;
  const base = '/api/tenants/' + encodeURIComponent(tenant) + '/queues/' + encodeURIComponent(extension);
  const form = document.getElementById('settings-form');
  let agents = [];
  let queue = null;

  function numberInput(name, value, label, min, max) {
    return el('input', { type: 'number', name, value: String(value), min: String(min), max: String(max), 'aria-label': label, required: true });
  }

  function renderMembers(q) {
    const agentName = new Map(agents.map(a => [a.agent, a.name]));
    const members = (q.members || []).slice().sort((a, b) => a.order - b.order);
    document.querySelector('#members-table tbody').replaceChildren(...members.map(m => {
      const device = local(m.device);
      const priority = numberInput('priority', m.priority, 'Priority of ' + device, 1, 99);
      const order = numberInput('order', m.order, 'Order of ' + device, 1, 999);
      const tier = numberInput('tier', m.tier, 'Tier of ' + device, 1, 9);
      const save = el('button', { type: 'button', class: 'btn', text: 'Save', 'aria-label': 'Save ' + device });
      save.addEventListener('click', () => putMember(device, m.agent, +priority.value, +order.value, +tier.value));
      const remove = el('button', { type: 'button', class: 'btn btn-danger', text: 'Remove', 'aria-label': 'Remove ' + device });
      remove.addEventListener('click', async () => {
        try { render(await api('DELETE', base + '/members/' + encodeURIComponent(device))); toast(device + ' removed'); }
        catch (e) { toast(e.message, true); }
      });
      return el('tr', { dataset: { device } }, el('td', { class: 'cell-title', text: device }),
        el('td', { 'data-label': 'Agent', text: (agentName.get(m.agent) || '') + ' ' + local(m.agent) }),
        el('td', { 'data-label': 'Priority' }, priority), el('td', { 'data-label': 'Order' }, order),
        el('td', { 'data-label': 'Tier' }, tier), el('td', { class: 'cell-actions' }, save, ' ', remove));
    }));
    const memberDevices = new Set(members.map(m => local(m.device)));
    const options = [];
    agents.forEach(a => (a.devices || []).forEach(d => {
      const device = local(d.device);
      if (!memberDevices.has(device)) options.push(el('option', { value: device, dataset: { agent: a.agent }, text: device + ' — ' + a.name }));
    }));
    document.getElementById('add-device').replaceChildren(...options);
  }

  function render(q) {
    queue = q;
    document.getElementById('queue-title').textContent = q.name + ' · ' + q.extension;
    QueueSettings.fill(form, q);
    renderMembers(q);
  }

  async function putMember(device, agent, priority, order, tier) {
    try {
      render(await api('PUT', base + '/members/' + encodeURIComponent(device), { agent, priority, order, tier }));
      toast(device + ' saved');
    } catch (e) { toast(e.message, true); }
  }

  form.addEventListener('submit', async event => {
    event.preventDefault();
    try { render(await api('PUT', base, QueueSettings.read(form))); toast('Settings saved'); } catch (e) { toast(e.message, true); }
  });

  document.getElementById('add-member').addEventListener('submit', event => {
    event.preventDefault();
    const option = document.getElementById('add-device').selectedOptions[0];
    if (!option) return;
    const orders = (queue.members || []).map(m => m.order);
    putMember(option.value, option.dataset.agent, 1, (orders.length ? Math.max(...orders) : 0) + 1, 1);
  });

  // What deleting does, said before it is done: queue-service removes every member (their agents leave the queue)
  // and sends each caller still waiting to the forward target, else to the queue's voicemail.
  function consequences(q) {
    const agentName = new Map(agents.map(a => [a.agent, a.name]));
    const members = q.members || [];
    const people = [...new Set(members.map(m => m.agent))].map(a => ((agentName.get(a) || '') + ' ' + local(a)).trim());
    const waiting = q.callersWaiting || 0;
    const onward = q.unansweredAction === 'FORWARD' && q.unansweredTarget ? 'forwarded to ' + q.unansweredTarget
      : 'sent to the queue\u2019s voicemail';
    return [
      members.length ? (members.length === 1 ? '1 phone leaves' : members.length + ' phones leave') + ' the queue: '
        + people.join(', ') + (people.length === 1 ? ' is' : ' are') + ' no longer in it.' : 'No phone is in the queue.',
      waiting ? (waiting === 1 ? 'The caller waiting now is ' : 'The ' + waiting + ' callers waiting now are ') + onward + '.'
        : 'Nobody is waiting now; a caller still waiting when it is deleted is ' + onward + '.',
      'Dialing ' + q.extension + ' no longer reaches a queue. This cannot be undone; the extension can be used for a new queue.'
    ];
  }

  const deleteButton = document.getElementById('delete-queue');
  if (deleteButton) {
    const dialog = document.getElementById('delete-dialog');
    const problem = document.getElementById('delete-error');
    deleteButton.addEventListener('click', async () => {
      try { queue = await api('GET', base); } catch (e) { toast(e.message, true); return; }
      document.getElementById('delete-name').textContent = queue.name + ' (' + queue.extension + ')';
      document.getElementById('delete-consequences').replaceChildren(...consequences(queue).map(text => el('li', { text })));
      problem.hidden = true;
      dialog.showModal();
    });
    document.getElementById('delete-cancel').addEventListener('click', () => dialog.close());
    document.getElementById('delete-confirm').addEventListener('click', async event => {
      event.target.disabled = true;
      try {
        await api('DELETE', base);
        location.assign('/supervisor/queues?deleted=' + encodeURIComponent(extension));
      } catch (e) { problem.textContent = e.message; problem.hidden = false; }
      finally { event.target.disabled = false; }
    });
  }

  async function load() {
    const error = document.getElementById('page-error');
    try {
      agents = await api('GET', '/api/tenants/' + encodeURIComponent(tenant) + '/agents');
      render(await api('GET', base));
      error.hidden = true;
      // the editor shows only for a queue that exists: a PUT never creates one
      document.querySelectorAll('.queue-editor').forEach(section => { section.hidden = false; });
    } catch (e) {
      error.textContent = e.status === 404 ? 'There is no queue ' + extension + '.' : e.message;
      if (e.status === 404) {
        document.getElementById('queue-title').textContent = 'No such queue';
        document.querySelectorAll('.queue-editor').forEach(section => { section.hidden = true; });
      }
      error.hidden = false;
    }
  }

  const refreshMembers = debounce(async () => { try { const q = await api('GET', base); queue = q; renderMembers(q); } catch (e) { /* shown on next action */ } }, 200);
  live(e => {
    if (!e.subject || local(e.subject) !== extension) return;
    if (e.type.startsWith('queue.Member')) refreshMembers();
    if (e.type === 'queue.Deleted') load(); // deleted elsewhere: the page says there is no such queue any more
  }, load);
  load();
})();
