// The agent's Call Center page: renders from /api/me/*, then applies live events in place.
(function () {
  'use strict';
  const { api, live, debounce, throttle, el, duration, time, toast, local, useZone, zoneLabel, vocabulary, statusOf,
    availabilityNow, onWrapUpEnd } = window.Portal;
  const me = document.body.dataset.login;
  const REASONS = vocabulary.reasons;

  let agent = null;
  const charts = {};

  // ---------- status ----------
  const select = document.getElementById('status-select');
  const badge = document.getElementById('status-badge');
  const sourceLine = document.getElementById('status-source');

  function showStatus(status, source, actor) {
    select.value = status;
    select.disabled = false;
    const shown = statusOf(status);
    badge.dataset.status = status;
    badge.dataset.tone = shown.tone;
    badge.textContent = (shown.takesQueueCalls ? '● ' : '○ ') + shown.label;
    if (source) {
      const who = source === 'SUPERVISOR' && actor ? ' (' + actor + ')' : '';
      const how = (vocabulary.changeSources[source] || {}).howChanged || '';
      sourceLine.textContent = 'Changed ' + how + who + ' at ' + time(new Date().toISOString());
    }
  }

  // ---------- wrap-up: until when, counted down, and "end wrap-up now" ----------
  const wrapUpBox = document.getElementById('wrap-up');

  function renderWrapUp() {
    const until = agent && agent.wrapUpUntil;
    const left = until ? (new Date(until) - Date.now()) / 1000 : 0;
    wrapUpBox.hidden = !(left > 0);
    if (left > 0) {
      document.getElementById('wrap-up-text').textContent = 'In wrap-up until ' + time(until, true) + ' · '
        + duration(Math.ceil(left)) + ' left';
    }
  }

  document.getElementById('end-wrap-up').addEventListener('click', async event => {
    event.target.disabled = true;
    try {
      agent = await api('POST', '/api/me/wrap-up/end');
      renderWrapUp();
    } catch (e) { toast(e.message, true); } finally { event.target.disabled = false; }
  });

  select.addEventListener('change', async () => {
    const wanted = select.value;
    select.disabled = true;
    try {
      const view = await api('POST', '/api/me/status', { status: wanted });
      agent = view;
      showStatus(view.status, 'PORTAL');
    } catch (e) {
      toast(e.message, true);
      if (agent) showStatus(agent.status);
    } finally {
      select.disabled = false;
    }
  });

  // ---------- My Queues ----------
  const queueBody = document.querySelector('#queues-table tbody');

  // The router publishes no availability change for ringing (that would be one per queue and offer): the call I am
  // rung for comes from call.Ringing and ends with the next call.* of that call for me, or with my next availability.
  let ringingFor = null;
  let ringingQueue = null; // the queue of that call: its row says the phone rings for it, the others "another call"

  function availabilityCell(written) {
    const stored = availabilityNow(written);
    const here = ringingQueue && stored.queue === ringingQueue;
    const row = ringingFor && stored.available ? Object.assign({}, stored, { available: false, reason: 'RINGING',
      reasonText: here ? 'Ringing for a caller of this queue' : REASONS.RINGING }) : stored;
    const text = row.available ? 'Available' : (row.reasonText || REASONS[row.reason] || 'Unavailable');
    const until = row.until && !row.available ? ' until ' + time(row.until, true) : '';
    const cell = el('span', { class: 'avail ' + (row.available ? 'green' : 'red'), title: text + until,
      dataset: { available: String(row.available), reason: row.reason || '' } },
      el('span', { class: 'dot', 'aria-hidden': 'true', text: row.available ? '✓' : '✕' }),
      el('span', { class: 'avail-text', text: text + until }));
    return cell;
  }

  function doorButton(row) {
    const label = (row.loggedIn ? 'Log out of ' : 'Log in to ') + row.name + ' (' + row.extension + ')';
    const button = el('button', { type: 'button', class: 'door ' + (row.loggedIn ? 'in' : 'out'),
      'aria-label': label, title: label, 'aria-pressed': String(row.loggedIn), dataset: { queue: row.extension } });
    button.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true" width="22" height="22"><path d="M4 3h9v2H6v14h7v2H4z" fill="currentColor"/>'
      + (row.loggedIn ? '<path d="M14 8l4 4-4 4v-3H9v-2h5z" fill="currentColor"/>' : '<path d="M19 8l-4 4 4 4v-3h3v-2h-3z" fill="currentColor"/>')
      + '</svg>';
    button.append(el('span', { class: 'door-text', text: row.loggedIn ? 'Logged in' : 'Logged out' }));
    button.addEventListener('click', () => toggleQueue(row.extension));
    return button;
  }

  const rowsByQueue = new Map();

  function setRow(row) {
    rowsByQueue.set(row.queue, row);
    let tr = queueBody.querySelector('tr[data-queue="' + CSS.escape(row.queue) + '"]');
    if (!tr) {
      tr = el('tr', { dataset: { queue: row.queue } });
      queueBody.append(tr);
    }
    const callers = el('button', { type: 'button', class: 'link callers' + (row.callersWaiting > 0 ? ' waiting' : ''),
      'aria-label': row.callersWaiting + ' callers waiting in ' + row.name + ', show them', text: String(row.callersWaiting) });
    callers.addEventListener('click', () => showCallers(row));
    const cells = [
      el('td', { class: 'cell-avail' }, availabilityCell(row)),
      el('td', { class: 'cell-queue' }, el('strong', { text: row.name }), el('span', { class: 'sub', text: ' ' + row.extension })),
      el('td', { 'data-label': 'Type', text: row.typeLabel }),
      el('td', { class: 'num', 'data-label': 'Priority', text: String(row.priority) }),
      el('td', { class: 'num cell-wrapup', 'data-label': 'Wrap-up', text: duration(row.wrapUpSeconds) }),
      el('td', { class: 'num', 'data-label': 'Waiting' }, callers),
      el('td', { class: 'cell-door' }, doorButton(row))
    ];
    tr.replaceChildren(...cells);
    wrapUpsEnd([...rowsByQueue.values()]);
  }
  const wrapUpsEnd = onWrapUpEnd(() => rowsByQueue.forEach(setRow));

  function renderQueues(rows) {
    const keep = new Set(rows.map(r => r.queue));
    for (const tr of [...queueBody.querySelectorAll('tr')]) {
      if (!keep.has(tr.dataset.queue)) { tr.remove(); rowsByQueue.delete(tr.dataset.queue); }
    }
    rows.forEach(setRow);
    document.getElementById('queues-empty').hidden = rows.length > 0;
  }

  async function toggleQueue(extension) {
    const row = [...rowsByQueue.values()].find(r => r.extension === extension);
    if (!row) return;
    const button = queueBody.querySelector('button.door[data-queue="' + CSS.escape(extension) + '"]');
    if (button) button.disabled = true;
    try {
      const view = await api('POST', '/api/me/queues/' + encodeURIComponent(extension) + '/login', { loggedIn: !row.loggedIn });
      agent = view;
      const membership = (view.queues || []).find(q => q.queue === row.queue);
      // Only the door changes now; the circle changes when queue-service says so (no all-red flash). The row is read
      // again: a pushed availability change may have arrived while the request was under way.
      const current = rowsByQueue.get(row.queue) || row;
      setRow(Object.assign({}, current, { loggedIn: membership ? membership.loggedIn : !row.loggedIn }));
    } catch (e) {
      toast(e.message, true);
      if (button) button.disabled = false;
    }
  }

  // Only for changes a pushed fact does not carry whole (a queue's settings, membership); at most every 2 s.
  const refreshQueues = throttle(async () => {
    try { renderQueues(await api('GET', '/api/me/queues')); } catch (e) { toast(e.message, true); }
  }, 2000);

  // ---------- callers dialog ----------
  // While open it stays live: waits count up every second, and the list is read again when a caller of that queue
  // arrives or leaves (the pushed fact says only "the queue changed", never who called).
  const callersDialog = document.getElementById('callers-dialog');
  let callersShown = null;

  async function loadCallers() {
    const row = callersShown;
    if (!row) return;
    const body = document.getElementById('callers-body');
    try {
      const callers = await api('GET', '/api/me/queues/' + encodeURIComponent(row.extension) + '/callers');
      const readAt = Date.now();
      body.replaceChildren(...callers.map(c => el('tr', { dataset: { call: c.call } },
        el('td', { text: String(c.position) }), el('td', { text: c.callerNumber }),
        el('td', { text: c.callerName || '—' }),
        el('td', { class: 'num waited', dataset: { waited: String(c.waitingSeconds), readAt: String(readAt) },
          text: duration(c.waitingSeconds) }))));
      document.getElementById('callers-empty').hidden = callers.length > 0;
    } catch (e) {
      toast(e.message, true);
    }
  }
  const reloadCallers = throttle(loadCallers, 1000);

  async function showCallers(row) {
    callersShown = row;
    document.getElementById('callers-title').textContent = 'Callers waiting in ' + row.name + ' (' + row.extension + ')';
    document.getElementById('callers-body').replaceChildren();
    await loadCallers();
    if (!callersDialog.open) callersDialog.showModal();
  }
  callersDialog.addEventListener('close', () => { callersShown = null; });

  // ---------- incoming-call banner ----------
  // My call from the first ring to its end: who calls (number and name), for which queue, ringing or answered.
  const banner = document.getElementById('call-banner');
  const callers = new Map(); // call id -> { number, name } learned from call.Arrived of direct calls to me
  let current = null;

  function renderBanner() {
    banner.hidden = !current;
    if (!current) return;
    banner.dataset.state = current.state;
    banner.dataset.call = current.call;
    document.getElementById('call-state').textContent = current.state === 'ringing' ? 'Ringing' : 'Answered';
    document.getElementById('call-number').textContent = current.number || 'Caller';
    document.getElementById('call-name').textContent = current.name || '';
    const row = current.queue && rowsByQueue.get(current.queue);
    document.getElementById('call-queue').textContent = current.queue
      ? 'Queue ' + (row ? row.name + ' (' + row.extension + ')' : local(current.queue)) : 'Direct call';
  }

  async function callStarts(call, queue, state) {
    if (current && current.call === call) {
      current.state = state;
      renderBanner();
      return;
    }
    current = Object.assign({ call, queue, state }, callers.get(call) || {});
    renderBanner();
    const row = queue && rowsByQueue.get(queue);
    if (!row || current.number) return;
    try {
      const waiting = await api('GET', '/api/me/queues/' + encodeURIComponent(row.extension) + '/callers');
      const caller = waiting.find(c => c.call === call);
      if (caller && current && current.call === call) {
        Object.assign(current, { number: caller.callerNumber, name: caller.callerName });
        renderBanner();
      }
    } catch (e) { /* the banner keeps "Caller" */ }
  }

  function callEnds(call) {
    if (!call) return;
    callers.delete(call);
    if (current && current.call === call) { current = null; renderBanner(); }
  }

  // ---------- phones ----------
  const phones = document.getElementById('phones');

  function renderPhones(devices) {
    phones.replaceChildren(...(devices || []).map(d => {
      const name = local(d.device);
      const id = 'phone-' + name.replace(/[^A-Za-z0-9_-]/g, '_');
      const box = el('input', { type: 'checkbox', id, checked: d.active, dataset: { device: name } });
      box.addEventListener('change', async () => {
        box.disabled = true;
        try {
          agent = await api('POST', '/api/me/devices/' + encodeURIComponent(name) + '/active', { active: box.checked });
          renderPhones(agent.devices);
        } catch (e) {
          box.checked = !box.checked;
          toast(e.message, true);
        } finally { box.disabled = false; }
      });
      return el('li', {}, box, el('label', { for: id },
        el('span', { class: 'phone-name', text: name }),
        el('span', { class: 'phone-state ' + (d.active ? 'on' : 'off'), text: d.active ? 'On for queue calls' : 'Off for queue calls' })));
    }));
  }

  function setDevice(device, active) {
    if (!agent) return;
    const found = (agent.devices || []).find(d => local(d.device) === local(device));
    if (found) found.active = active;
    renderPhones(agent.devices);
  }

  // ---------- statistics, graphs, recent calls ----------
  function renderStats(s) {
    const tiles = [
      ['answered', 'Queue calls answered', s.queueCallsAnswered], ['missed', 'Missed offers', s.offersMissed],
      ['direct', 'Direct inbound', s.directInbound], ['outbound', 'Outbound', s.outbound],
      ['talk', 'Talk time', duration(s.totalTalkSeconds)], ['avg-talk', 'Average talk', duration(s.averageTalkSeconds)],
      ['avg-handle', 'Average handle', duration(s.averageHandleSeconds)], ['logged-in', 'Logged in', duration(s.loggedInSeconds)]
    ].concat(Object.entries(s.secondsInStatus || {}).filter(([, seconds]) => seconds > 0)
      .map(([status, seconds]) => ['status-' + status, 'Time ' + statusOf(status).label, duration(seconds)]));
    document.getElementById('stats').replaceChildren(...tiles.map(([key, label, value]) =>
      el('div', { class: 'tile', dataset: { stat: key } }, el('dt', { text: label }), el('dd', { text: String(value ?? 0) }))));
  }

  function chart(id) {
    if (!window.echarts) return null;
    if (!charts[id]) charts[id] = echarts.init(document.getElementById(id), null, { renderer: 'svg' });
    return charts[id];
  }

  function barOption(items, labelOf, labelled) {
    return {
      grid: { left: 8, right: 16, top: 12, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: items.map(labelOf), axisLabel: { fontSize: 10, interval: labelled } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: items.map(i => i.calls), itemStyle: { color: '#2563eb', borderRadius: [3, 3, 0, 0] } }]
    };
  }

  // Labels are thinned from the newest bar backwards, so the current hour and today are always labelled.
  function newestFirstLabels(count, most) {
    const step = Math.max(1, Math.ceil(count / most));
    return index => (count - 1 - index) % step === 0;
  }

  function renderGraphs(g) {
    const hourly = g.hourly || [], daily = g.daily || [];
    chart('chart-hourly')?.setOption(barOption(hourly, i => i.label, newestFirstLabels(hourly.length, 6)));
    chart('chart-daily')?.setOption(barOption(daily, i => i.label, newestFirstLabels(daily.length, 5)));
    document.querySelectorAll('.chart-zone').forEach(span => { span.textContent = ' (' + (g.timeZone || zoneLabel()) + ')'; });
    const origins = (g.origins || []).map(o => ({ name: o.label, value: o.calls }));
    chart('chart-origins')?.setOption({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0, type: 'scroll' },
      title: origins.length ? { show: false } : { show: true, text: 'No calls yet', left: 'center', top: 'middle',
        textStyle: { fontSize: 14, fontWeight: 'normal', color: '#5b6577' } },
      series: [{ type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], data: origins,
        label: { formatter: '{b}: {c}' } }],
      color: ['#2563eb', '#16a34a', '#f59e0b', '#9333ea', '#0891b2', '#dc2626']
    });
    document.getElementById('chart-origins').dataset.empty = String(origins.length === 0);
  }

  function renderRecent(calls) {
    const body = document.querySelector('#recent-table tbody');
    body.replaceChildren(...calls.map(c => {
      const number = el('button', { type: 'button', class: 'link dial', text: c.number, 'aria-label': 'Call ' + c.number,
        dataset: { number: c.number } });
      number.addEventListener('click', () => dial(c.number, c.name));
      return el('tr', {}, el('td', { 'data-label': 'When', text: time(c.time) }),
        el('td', { 'data-label': 'Direction' }, el('span', { class: 'dir ' + (c.direction || '').toLowerCase(), text: c.direction === 'OUTBOUND' ? '↗ Out' : '↙ In' })),
        el('td', { 'data-label': 'Number' }, number), el('td', { 'data-label': 'Name', text: c.name || '—' }),
        el('td', { 'data-label': 'Queue', text: c.queue ? local(c.queue) : '—' }),
        el('td', { class: 'num', 'data-label': 'Duration', text: duration(c.durationSeconds) }),
        el('td', { 'data-label': 'Outcome', text: (c.outcome || '').toLowerCase().replace(/_/g, ' ') }));
    }));
    document.getElementById('recent-empty').hidden = calls.length > 0;
  }

  // ---------- click-to-call ----------
  // Only phones registered now can ring, so the dialog asks the gateway (through /api/me/phones) when it opens.
  let dialTarget = null;
  async function dial(number, name) {
    dialTarget = { number, name };
    let phones;
    try { phones = (await api('GET', '/api/me/phones')).filter(p => p.registered); } catch (e) { toast(e.message, true); return; }
    document.getElementById('dial-number').textContent = number + (name ? ' (' + name + ')' : '');
    const set = document.getElementById('dial-devices');
    set.querySelectorAll('label').forEach(l => l.remove());
    const preferred = phones.find(p => p.active) || phones[0];
    phones.forEach(p => {
      set.append(el('label', { class: 'radio' }, el('input', { type: 'radio', name: 'dial-device', value: p.device,
        checked: preferred === p }), ' ' + p.device + (p.active ? '' : ' (off for queue calls)')));
    });
    set.hidden = phones.length === 0;
    document.getElementById('dial-no-phone').hidden = phones.length > 0;
    document.getElementById('dial-go').disabled = phones.length === 0;
    document.getElementById('dial-dialog').showModal();
  }
  document.getElementById('dial-cancel').addEventListener('click', () => document.getElementById('dial-dialog').close());
  document.getElementById('dial-go').addEventListener('click', async () => {
    const picked = document.querySelector('input[name="dial-device"]:checked');
    document.getElementById('dial-dialog').close();
    try {
      await api('POST', '/api/me/calls', { to: dialTarget.number, toName: dialTarget.name, device: picked ? picked.value : null });
      toast('Calling ' + dialTarget.number + ' — pick up ' + (picked ? picked.value : 'your phone'));
    } catch (e) { toast(e.message, true); }
  });

  async function loadActivity() {
    const [stats, graphs, recent] = await Promise.allSettled([
      api('GET', '/api/me/statistics'), api('GET', '/api/me/graphs'), api('GET', '/api/me/recent-calls')]);
    if (stats.status === 'fulfilled') renderStats(stats.value);
    if (graphs.status === 'fulfilled') renderGraphs(graphs.value);
    if (recent.status === 'fulfilled') renderRecent(recent.value);
  }
  // My statistics change only when one of my calls ends: refetched then, at most every 2 s.
  const refreshActivity = throttle(loadActivity, 2000);
  // stats-service counts a call once it has read the same facts: ask now and once more a moment later
  const refreshActivitySoon = () => { refreshActivity(); setTimeout(refreshActivity, 1500); };

  // ---------- live events ----------
  // Pushed facts are applied in place, one handler per event type. Facts about other people's calls arrive bare
  // (no data) and change nothing here except a queue's count of waiting callers.
  function patchRow(queue, changes) {
    const row = rowsByQueue.get(queue);
    if (row) setRow(Object.assign({}, row, changes));
  }

  function callersDelta(e, delta) {
    const queue = (e.data && e.data.queue) || e.subject;
    const row = rowsByQueue.get(queue);
    if (row) patchRow(queue, { callersWaiting: Math.max(0, (row.callersWaiting || 0) + delta) });
  }

  const isMine = e => !!e.data && (e.data.agent === me || (e.type.startsWith('agent.') && e.subject === me));

  const handlers = {
    'agent.StatusChanged': e => {
      if (agent) agent.status = e.data.to;
      showStatus(e.data.to, e.data.source, e.data.actor);
    },
    'agent.WrapUpStarted': e => { if (agent) { agent.wrapUpUntil = e.data.until; renderWrapUp(); } },
    'agent.WrapUpEnded': () => { if (agent) { agent.wrapUpUntil = null; renderWrapUp(); } },
    'agent.CallStarted': e => callStarts(e.data.call, e.data.queue, 'answered'),
    'call.Arrived': e => { if (isMine(e)) callers.set(e.data.call, { number: e.data.from, name: e.data.fromName }); },
    'call.Answered': e => { if (isMine(e)) callStarts(e.data.call, e.data.queue, 'answered'); },
    'agent.QueueLoginChanged': e => patchRow(e.data.queue, { loggedIn: e.data.loggedIn }),
    'agent.DeviceActivated': e => setDevice(e.data.device, true),
    'agent.DeviceDeactivated': e => setDevice(e.data.device, false),
    'queue.AgentAvailabilityChanged': e => {
      if (e.data.agent !== me) return;
      ringingFor = null;
      for (const q of e.data.queues || []) {
        patchRow(q.queue, { available: q.available, reason: q.reason, reasons: q.reasons || null,
          reasonText: REASONS[q.reason] || q.reason, until: q.until || null });
      }
      rowsByQueue.forEach(setRow);
    },
    'call.Ringing': e => {
      if (e.data && e.data.agent === me) {
        ringingFor = e.data.call;
        ringingQueue = e.data.queue || null;
        rowsByQueue.forEach(setRow);
        callStarts(e.data.call, e.data.queue, 'ringing');
      }
    },
    'queue.CallerWaiting': e => { callersDelta(e, +1); callersChanged(e); },
    'queue.CallerLeft': e => {
      callersDelta(e, -1);
      callersChanged(e);
      // the change of the agent who answered comes inside the caller's leaving
      if (e.data && e.data.answeredBy) handlers['queue.AgentAvailabilityChanged']({ data: e.data.answeredBy });
    },
    'agent.QueueMembershipChanged': () => refreshQueues(),
    'queue.MemberAdded': e => { if (isMine(e)) refreshQueues(); },
    'queue.MemberUpdated': e => { if (isMine(e)) refreshQueues(); },
    'queue.MemberRemoved': e => { if (isMine(e)) refreshQueues(); },
    'queue.Configured': e => { if (rowsByQueue.has(e.data && e.data.queue)) refreshQueues(); },
    'agent.CallEnded': e => { callEnds(e.data.call); refreshActivitySoon(); },
    'call.OfferNotAnswered': e => { if (isMine(e)) { callEnds(e.data.call); refreshActivitySoon(); } },
    'call.Ended': e => callEnds((e.data && e.data.call) || e.subject),
    'call.Abandoned': e => callEnds((e.data && e.data.call) || e.subject),
    'call.OutboundPlaced': e => { if (isMine(e)) refreshActivitySoon(); }
  };

  function callersChanged(e) {
    const queue = (e.data && e.data.queue) || e.subject;
    if (callersShown && callersShown.queue === queue) reloadCallers();
  }

  function onEvent(e) {
    const handler = handlers[e.type];
    if (handler) handler(e);
    // bare call events (another agent's caller) carry their call id only as the subject
    const call = (e.data && e.data.call) || e.subject;
    if (ringingFor && call === ringingFor && e.type !== 'call.Ringing') {
      ringingFor = null;
      rowsByQueue.forEach(setRow);
    }
  }

  // ---------- first load ----------
  async function load() {
    const error = document.getElementById('page-error');
    // The snapshot read below knows answered calls only: it can end an answered call shown when it was asked for,
    // never a ring (pushed while it is on its way, or before a reconnect of the stream); a ring ends by its call's events.
    const shownBefore = current && current.state === 'answered' ? current.call : null;
    try {
      agent = await api('GET', '/api/me/agent');
    } catch (e) {
      if (e.status === 404) {
        document.getElementById('not-agent').hidden = false;
        document.getElementById('agent-sections').hidden = true;
        document.getElementById('agent-summary').textContent = 'No agent record for ' + me + '.';
        document.getElementById('history-link').hidden = true;
        select.disabled = true;
        return;
      }
      error.textContent = e.message; error.hidden = false; return;
    }
    error.hidden = true;
    document.getElementById('agent-summary').textContent = agent.name + ' · extension ' + local(agent.agent);
    useZone(agent.timeZone);
    document.getElementById('time-zone').textContent = 'Times in ' + zoneLabel() + '.';
    showStatus(agent.status);
    renderWrapUp();
    renderPhones(agent.devices);
    try { renderQueues(await api('GET', '/api/me/queues')); } catch (e) { toast(e.message, true); }
    if (agent.onCall) callStarts(agent.onCall.call, agent.onCall.queue, 'answered'); else if (shownBefore) callEnds(shownBefore);
    loadActivity();
  }

  // once a second: wrap-up countdown, and waits of the open callers list counting up
  setInterval(() => {
    renderWrapUp();
    const now = Date.now();
    document.querySelectorAll('#callers-body td.waited').forEach(cell => {
      cell.textContent = duration(+cell.dataset.waited + (now - +cell.dataset.readAt) / 1000);
    });
  }, 1000);

  window.addEventListener('resize', debounce(() => Object.values(charts).forEach(c => c.resize()), 150));
  live(onEvent, load);
  load();
})();
