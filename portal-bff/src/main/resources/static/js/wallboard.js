// Live wallboard: one JSON answer on load (every queue with its agents counted on the server, one page of agents),
// then pushed facts applied in place for the agents of the page (statuses, availability) and the queues (callers
// waiting); a refresh for what a fact does not carry whole (statistics, counts, queue settings), at most every 2 s.
(function () {
  'use strict';
  const { api, live, throttle, el, duration, time, local, useZone, zoneLabel, vocabulary, statusOf, availabilityNow,
    onWrapUpEnd } = window.Portal;
  const tenant = document.body.dataset.tenant;
  const REASONS = vocabulary.reasons;
  const asList = value => Array.isArray(value) ? value : [];
  // every reason an agent is red in a queue (a queue logout shows while the status is not Online too)
  const reasonsOf = x => x.reasonTexts || asList(x.reasons && x.reasons.length ? x.reasons : [x.reason])
    .map(r => REASONS[r] || r);

  const PAGE_SIZE = 50;
  // the page asked for: its number, and a queue's extension to list only its members ('' for every agent)
  const view = { page: 0, queue: '' };
  const pageOf = board => board.agents || {};

  function render(board) {
    // the board's own times in the zone the queues count "today" in (the tenant's); each agent's in the agent's
    useZone((asList(board.queues)[0] || {}).timeZone);
    const statsByQueue = new Map(asList(board.statistics).map(s => [s.queue, s]));
    const countsByQueue = new Map(asList(board.queueAgents).map(c => [c.queue, c]));
    const availability = asList(board.availability).map(availabilityNow);
    wrapUpsEnd(availability);
    const cards = asList(board.queues).map(q => {
      const s = statsByQueue.get(q.queue) || {};
      const counts = countsByQueue.get(q.queue) || {};
      return el('article', { class: 'card queue-card', dataset: { queue: q.queue } },
        el('h3', { text: q.name + ' · ' + q.extension }),
        el('div', { class: 'sub', text: q.typeLabel || q.type }),
        el('div', { class: 'big' + (q.callersWaiting > 0 ? ' alert' : ''), text: String(q.callersWaiting ?? 0) }),
        el('div', { class: 'sub', text: 'callers waiting' }),
        el('dl', {},
          el('dt', { text: 'Longest wait' }), el('dd', { class: 'longest', text: duration(s.longestCurrentWaitSeconds) }),
          el('dt', { text: 'Service level' }), el('dd', { text: s.serviceLevelPercent == null ? '—' : Math.round(s.serviceLevelPercent) + '%' }),
          el('dt', { text: 'Answered today' }), el('dd', { text: String(s.answered ?? 0) }),
          el('dt', { text: 'Abandoned today' }), el('dd', { text: String(s.abandoned ?? 0) }),
          el('dt', { text: 'Avg. speed of answer' }), el('dd', { text: duration(s.averageSpeedOfAnswerSeconds) }),
          el('dt', { text: 'Agents available' }), el('dd', { class: 'available',
            text: (counts.available ?? 0) + ' of ' + (counts.members ?? 0) }),
          el('dt', { text: 'On a call' }), el('dd', { class: 'on-call', text: String(counts.onCall ?? 0) })));
    });
    document.getElementById('queue-cards').replaceChildren(...cards);
    renderFilter(board);

    const statusByAgent = new Map(asList(board.statuses).map(s => [s.agent, s]));
    const queueName = new Map(asList(board.queues).map(q => [q.queue, q.name]));
    const page = pageOf(board);
    const agents = asList(page.items);
    const rows = agents.map(a => {
      const st = Object.assign({ status: a.status, since: a.statusSince, onCall: a.onCall && a.onCall.call },
        statusByAgent.get(a.agent));
      const shown = statusOf(st.status);
      const pills = availability.filter(x => x.agent === a.agent).map(x => {
        const reasons = x.available ? '' : reasonsOf(x).join(', ');
        return el('span', { class: 'pill ' + (x.available ? 'green' : 'red'), title: reasons || 'Available' },
          (x.available ? '✓ ' : '✕ ') + (queueName.get(x.queue) || local(x.queue)) + (x.available ? '' : ': ' + reasons));
      });
      const label = shown.label;
      return el('tr', { dataset: { agent: a.agent } },
        el('td', {}, el('strong', { text: a.name }), el('span', { class: 'sub', text: ' ' + local(a.agent) })),
        el('td', {}, el('span', { class: 'badge', dataset: { status: st.status, tone: shown.tone, onCall: String(!!st.onCall) },
          text: st.onCall ? 'On a call (' + label + ')' : label })),
        el('td', { class: 'since' }, time(st.since, false, a.timeZone),
          st.since ? el('span', { class: 'sub', text: ' ' + zoneLabel(a.timeZone) }) : null),
        el('td', {}, ...pills));
    });
    document.querySelector('#agents-table tbody').replaceChildren(...rows);
    const total = page.total ?? 0;
    const filtered = asList(board.queues).find(q => q.extension === view.queue);
    document.getElementById('agent-counts').textContent = total + (total === 1 ? ' agent' : ' agents')
      + (filtered ? ' in ' + filtered.name : '') + ', ' + (page.online ?? 0) + ' online';
    renderPager(page, agents.length);
    document.getElementById('updated').textContent = 'Updated ' + time(new Date().toISOString(), true) + ' '
      + zoneLabel() + ' · each agent\u2019s times in their own zone';
  }

  // rebuilt only when the queues change, so a redraw does not close the list while a supervisor picks from it
  let filterQueues = null;
  function renderFilter(board) {
    const select = document.getElementById('queue-filter');
    const labels = asList(board.queues).map(q => [q.extension, q.name + ' · ' + q.extension]);
    if (JSON.stringify(labels) !== filterQueues) {
      filterQueues = JSON.stringify(labels);
      select.replaceChildren(el('option', { value: '', text: 'All queues' }),
        ...labels.map(([value, text]) => el('option', { value, text })));
    }
    select.value = view.queue;
  }

  function renderPager(page, shown) {
    const size = page.size || PAGE_SIZE;
    const pages = Math.max(1, Math.ceil((page.total ?? 0) / size));
    view.page = page.page ?? 0; // a page past the last (agents left) is answered with the last
    const first = view.page * size;
    document.getElementById('page-of').textContent = 'Page ' + (view.page + 1) + ' of ' + pages
      + (shown ? ' · agents ' + (first + 1) + '–' + (first + shown) : '');
    document.getElementById('page-previous').disabled = view.page === 0;
    document.getElementById('page-next').disabled = view.page + 1 >= pages;
  }

  let board = null;
  // Facts pushed while a load is on its way: its answer may predate them (queue-service's status rows trail the push
  // by a few milliseconds), so they are applied again on top of it. Counting facts and refreshes are not kept.
  let pushedDuringLoad = null;
  const SETS_A_VALUE = new Set(['agent.StatusChanged', 'queue.AgentAvailabilityChanged', 'agent.CallStarted',
    'agent.CallEnded']);

  // only the newest load's answer is shown (paging while a refresh is on its way)
  let loads = 0;
  async function load() {
    const error = document.getElementById('page-error');
    const mine = ++loads;
    pushedDuringLoad = [];
    try {
      const answer = await api('GET', '/api/tenants/' + encodeURIComponent(tenant) + '/wallboard?page=' + view.page
        + '&size=' + PAGE_SIZE + (view.queue ? '&queue=' + encodeURIComponent(view.queue) : ''));
      if (mine !== loads) return;
      board = answer;
      pushedDuringLoad.forEach(e => handlers[e.type](e));
      render(board);
      error.hidden = true;
    } catch (e) {
      if (mine === loads) { error.textContent = e.message; error.hidden = false; }
    } finally { if (mine === loads) pushedDuringLoad = null; }
  }
  const refresh = throttle(load, 2000);
  // Counts are the server's: a fact that changes them (for an agent on this page or not) asks for the board again a
  // moment later, once the services have folded it in; still at most one load every 2 s.
  let countsPending = false;
  function refreshCounts() {
    if (countsPending) return;
    countsPending = true;
    setTimeout(() => { countsPending = false; refresh(); }, 1000);
  }
  const onPage = agent => asList(pageOf(board).items).some(a => a.agent === agent);

  function show(page) { view.page = Math.max(0, page); load(); }
  document.getElementById('page-previous').addEventListener('click', () => show(view.page - 1));
  document.getElementById('page-next').addEventListener('click', () => show(view.page + 1));
  document.getElementById('queue-filter').addEventListener('change', e => { view.queue = e.target.value; show(0); });

  // the counts are the server's too: a wrap-up that runs out changes them with no fact to say so
  const wrapUpsEnd = onWrapUpEnd(() => { redraw(); refreshCounts(); });

  let drawing = false;
  function redraw() {
    if (drawing || !board) return;
    drawing = true;
    requestAnimationFrame(() => { drawing = false; render(board); });
  }

  function upsert(list, matches, item) {
    const index = list.findIndex(matches);
    if (index >= 0) list[index] = Object.assign({}, list[index], item); else list.push(item);
  }

  function callersDelta(e, delta) {
    const queue = asList(board.queues).find(q => q.queue === e.data.queue);
    if (queue) queue.callersWaiting = Math.max(0, (queue.callersWaiting || 0) + delta);
  }

  // One handler per event type; a type without one changes nothing on the board. Facts about an agent not on this
  // page change no row (the counts follow from the refresh they ask for).
  const handlers = {
    'agent.StatusChanged': e => {
      if (!onPage(e.data.agent)) return;
      board.statuses = asList(board.statuses);
      upsert(board.statuses, s => s.agent === e.data.agent, { agent: e.data.agent, status: e.data.to, since: e.time });
    },
    'queue.AgentAvailabilityChanged': e => {
      if (!onPage(e.data.agent)) return;
      board.availability = asList(board.availability);
      for (const q of e.data.queues || []) {
        upsert(board.availability, a => a.agent === e.data.agent && a.queue === q.queue, {
          agent: e.data.agent, queue: q.queue, available: q.available, reason: q.reason,
          reasonText: null, reasons: q.reasons || null, reasonTexts: null, until: q.until || null });
      }
    },
    'agent.CallStarted': e => {
      if (!onPage(e.data.agent)) return;
      board.statuses = asList(board.statuses);
      upsert(board.statuses, s => s.agent === e.data.agent, { agent: e.data.agent, onCall: e.data.call });
    },
    'agent.CallEnded': e => {
      const row = asList(board.statuses).find(s => s.agent === e.data.agent && s.onCall === e.data.call);
      if (row) row.onCall = null;
    },
    'queue.CallerWaiting': e => callersDelta(e, +1),
    'queue.CallerLeft': e => {
      callersDelta(e, -1);
      // the change of the agent who answered comes inside the caller's leaving
      if (e.data.answeredBy) handlers['queue.AgentAvailabilityChanged']({ data: e.data.answeredBy });
    },
    'agent.Provisioned': () => refresh(),
    'queue.Configured': () => refresh(),
    'queue.MemberAdded': () => refresh(),
    'queue.MemberUpdated': () => refresh(),
    'queue.MemberRemoved': () => refresh(),
    'call.Answered': () => refresh(),
    'call.Ended': () => refresh(),
    'call.Abandoned': () => refresh()
  };

  live(e => {
    const handler = handlers[e.type];
    if (!handler || !e.data) return;
    const setsAValue = SETS_A_VALUE.has(e.type) || !!e.data.answeredBy;
    if (pushedDuringLoad && setsAValue) pushedDuringLoad.push(e);
    if (setsAValue) refreshCounts();
    if (!board) return;
    handler(e);
    redraw();
  }, load);
  load();
  setInterval(refresh, 30000); // waiting times keep growing between events
})();
