// Live wallboard: one JSON answer on load, then pushed facts applied in place (statuses, availability, callers
// waiting); a full refresh only for what a fact does not carry whole (statistics, queue settings), at most every 2 s.
(function () {
  'use strict';
  const { api, live, throttle, el, duration, time, local, useZone, zoneLabel, vocabulary, statusOf } = window.Portal;
  const tenant = document.body.dataset.tenant;
  const REASONS = vocabulary.reasons;
  const asList = value => Array.isArray(value) ? value : [];
  // every reason an agent is red in a queue (a queue logout shows while the status is not Online too)
  const reasonsOf = x => x.reasonTexts || asList(x.reasons && x.reasons.length ? x.reasons : [x.reason])
    .map(r => REASONS[r] || r);

  function render(board) {
    // the board's own times in the zone the queues count "today" in (the tenant's); each agent's in the agent's
    useZone((asList(board.queues)[0] || {}).timeZone);
    const statsByQueue = new Map(asList(board.statistics).map(s => [s.queue, s]));
    const availability = asList(board.availability);
    const cards = asList(board.queues).map(q => {
      const s = statsByQueue.get(q.queue) || {};
      const rows = availability.filter(a => a.queue === q.queue);
      const green = rows.filter(a => a.available).length;
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
          el('dt', { text: 'Agents available' }), el('dd', { text: green + ' of ' + rows.length })));
    });
    document.getElementById('queue-cards').replaceChildren(...cards);

    const statusByAgent = new Map(asList(board.statuses).map(s => [s.agent, s]));
    const queueName = new Map(asList(board.queues).map(q => [q.queue, q.name]));
    const agents = asList(board.agents);
    let online = 0;
    const rows = agents.map(a => {
      const st = Object.assign({ status: a.status, since: a.statusSince, onCall: a.onCall && a.onCall.call },
        statusByAgent.get(a.agent));
      const shown = statusOf(st.status);
      if (shown.takesQueueCalls) online++;
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
    document.getElementById('agent-counts').textContent = online + ' of ' + agents.length + ' agents online';
    document.getElementById('updated').textContent = 'Updated ' + time(new Date().toISOString(), true) + ' '
      + zoneLabel() + ' · each agent\u2019s times in their own zone';
  }

  let board = null;
  // Facts pushed while a load is on its way: its answer may predate them (queue-service's status rows trail the push
  // by a few milliseconds), so they are applied again on top of it. Counting facts and refreshes are not kept.
  let pushedDuringLoad = null;
  const SETS_A_VALUE = new Set(['agent.StatusChanged', 'queue.AgentAvailabilityChanged', 'agent.CallStarted',
    'agent.CallEnded']);

  async function load() {
    const error = document.getElementById('page-error');
    pushedDuringLoad = [];
    try {
      board = await api('GET', '/api/tenants/' + encodeURIComponent(tenant) + '/wallboard');
      pushedDuringLoad.forEach(e => handlers[e.type](e));
      render(board);
      error.hidden = true;
    } catch (e) { error.textContent = e.message; error.hidden = false; }
    finally { pushedDuringLoad = null; }
  }
  const refresh = throttle(load, 2000);

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

  // One handler per event type; a type without one changes nothing on the board.
  const handlers = {
    'agent.StatusChanged': e => {
      board.statuses = asList(board.statuses);
      upsert(board.statuses, s => s.agent === e.data.agent, { agent: e.data.agent, status: e.data.to, since: e.time });
    },
    'queue.AgentAvailabilityChanged': e => {
      board.availability = asList(board.availability);
      for (const q of e.data.queues || []) {
        upsert(board.availability, a => a.agent === e.data.agent && a.queue === q.queue, {
          agent: e.data.agent, queue: q.queue, available: q.available, reason: q.reason,
          reasonText: null, reasons: q.reasons || null, reasonTexts: null, until: q.until || null });
      }
    },
    'agent.CallStarted': e => {
      board.statuses = asList(board.statuses);
      upsert(board.statuses, s => s.agent === e.data.agent, { agent: e.data.agent, onCall: e.data.call });
    },
    'agent.CallEnded': e => {
      const row = asList(board.statuses).find(s => s.agent === e.data.agent && s.onCall === e.data.call);
      if (row) row.onCall = null;
    },
    'queue.CallerWaiting': e => callersDelta(e, +1),
    'queue.CallerLeft': e => callersDelta(e, -1),
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
    if (pushedDuringLoad && SETS_A_VALUE.has(e.type)) pushedDuringLoad.push(e);
    if (!board) return;
    handler(e);
    redraw();
  }, load);
  load();
  setInterval(refresh, 30000); // waiting times keep growing between events
})();
