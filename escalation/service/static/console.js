// Qingxin staff console. Plain JS, no build step. Everything a user or staff member wrote is put
// into the page with textContent / text nodes (never as markup); highlights are built as DOM nodes.
'use strict';

(function () {
  const LEVELS = {
    imminent: '紧急 imminent', high: '高风险 high', medium: '中风险 medium', requested: '求助 requested',
    low: '低 low', none: '无 none',
  };
  const STATES = { queued: '排队 queued', with_staff: '处理中 with staff', closed: '已结案 closed' };
  const DIRS = { in: '用户 user', out: '助手 bot', staff: '老师 staff', system: '系统 system' };
  const BASE_TITLE = document.title;

  const state = {
    csrf: null, user: null, cases: new Map(), view: 'queue', current: null, detail: null,
    ws: null, wsRetry: 0, loggedIn: false, unseen: 0, staff: [],
  };

  const $ = (id) => document.getElementById(id);

  // el('div', {className: 'x'}, 'text', node...) — strings become text nodes.
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === 'dataset') Object.assign(node.dataset, value);
      else node[key] = value;
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  // Evidence offsets are Python string indices (code points): index an array of code points.
  function highlighted(text, evidence) {
    const frag = document.createDocumentFragment();
    const chars = Array.from(text || '');
    const spans = (evidence || [])
      .filter((e) => Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.end <= chars.length && e.start < e.end)
      .sort((a, b) => a.start - b.start);
    // overlapping matches ("kill myself" inside "kill myself tonight") become one mark
    const merged = [];
    for (const span of spans) {
      const last = merged[merged.length - 1];
      if (last && span.start < last.end) {
        last.end = Math.max(last.end, span.end);
        if (span.category && !last.categories.includes(span.category)) last.categories.push(span.category);
      } else {
        merged.push({ start: span.start, end: span.end, categories: span.category ? [span.category] : [] });
      }
    }
    let pos = 0;
    for (const span of merged) {
      if (span.start > pos) frag.append(document.createTextNode(chars.slice(pos, span.start).join('')));
      frag.append(el('mark', { title: span.categories.join(', ') }, chars.slice(span.start, span.end).join('')));
      pos = span.end;
    }
    if (pos < chars.length) frag.append(document.createTextNode(chars.slice(pos).join('')));
    return frag;
  }

  function levelBadge(level) {
    return el('span', { className: 'level ' + (LEVELS[level] ? level : 'none') }, LEVELS[level] || String(level));
  }

  function fmtWait(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    const mm = String(m).padStart(2, '0'), ss = String(s).padStart(2, '0');
    return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
  }

  function fmtTime(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return isNaN(d) ? '' : d.toLocaleString();
  }

  // -- HTTP ----------------------------------------------------------------------------------------
  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
    const response = await fetch(path, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (response.status === 401 && path !== '/staff/api/login') {
      showLogin();
    }
    if (!response.ok) {
      const error = new Error((data && data.message) || `HTTP ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return data;
  }

  // -- alerts: flash, title, beep (never throws if audio is blocked) ---------------------------------
  let audioContext = null;
  function beep() {
    try {
      const Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) return;
      audioContext = audioContext || new Ctx();
      if (audioContext.state === 'suspended') audioContext.resume().catch(() => {});
      const osc = audioContext.createOscillator();
      const gain = audioContext.createGain();
      osc.type = 'sine';
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.15, audioContext.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audioContext.currentTime + 0.4);
      osc.connect(gain).connect(audioContext.destination);
      osc.start();
      osc.stop(audioContext.currentTime + 0.4);
    } catch (e) { /* audio blocked or unavailable: the flash and title still alert */ }
  }

  function alertStaff(message) {
    state.unseen += 1;
    document.title = `(${state.unseen}) ${message} · ${BASE_TITLE}`;
    document.body.classList.remove('flash');
    void document.body.offsetWidth; // restart the animation
    document.body.classList.add('flash');
    beep();
  }

  function showBanner(text) {
    const banner = $('banner');
    banner.textContent = text;
    banner.hidden = !text;
  }

  function seen() {
    state.unseen = 0;
    document.title = BASE_TITLE;
  }
  window.addEventListener('focus', seen);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) seen(); });

  // -- login / session -------------------------------------------------------------------------------
  function showLogin() {
    state.loggedIn = false;
    state.csrf = null;
    if (state.ws) { try { state.ws.close(); } catch (e) { /* ignore */ } }
    $('login-view').hidden = false;
    $('app-view').hidden = true;
    $('nav').hidden = true;
  }

  function showApp() {
    state.loggedIn = true;
    $('login-view').hidden = true;
    $('app-view').hidden = false;
    $('nav').hidden = false;
    $('whoami').textContent = `${state.user.display_name} (${state.user.username}, ${state.user.role})`;
    $('shift-toggle').checked = !!state.user.on_shift;
    $('nav-audit').hidden = state.user.role !== 'supervisor';
    connect();
    if (state.user.role === 'supervisor') loadStaff();
    route();
  }

  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('login-error').textContent = '';
    try {
      const data = await api('POST', '/staff/api/login', {
        username: $('username').value.trim(), password: $('password').value,
      });
      $('password').value = '';
      state.csrf = data.csrf_token;
      state.user = data.user;
      showApp();
    } catch (e) {
      $('login-error').textContent = e.status === 401 ? '用户名或密码错误。Wrong username or password.' : e.message;
    }
  });

  $('logout').addEventListener('click', async () => {
    try { await api('POST', '/staff/api/logout', {}); } catch (e) { /* ignore */ }
    showLogin();
  });

  $('shift-toggle').addEventListener('change', async (event) => {
    try {
      const data = await api('POST', '/staff/api/shift', { on_shift: event.target.checked });
      state.user = data.user;
    } catch (e) {
      event.target.checked = !event.target.checked;
      showBanner(e.message);
    }
  });

  async function loadStaff() {
    try {
      const data = await api('GET', '/staff/api/staff');
      state.staff = data.staff;
      const select = $('assign-select');
      clear(select);
      for (const s of state.staff) select.append(el('option', { value: String(s.id) }, `${s.display_name} (${s.username})`));
    } catch (e) { /* not fatal */ }
  }

  // -- websocket ---------------------------------------------------------------------------------------
  function connect() {
    if (state.ws && state.ws.readyState <= 1) return;
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/staff/ws`);
    state.ws = ws;
    ws.addEventListener('open', () => {
      state.wsRetry = 0;
      $('conn').classList.add('up');
      if (state.current) ws.send(JSON.stringify({ type: 'watch', case_id: state.current }));
      if (state.view === 'queue') loadQueue(); // catch up on anything missed while disconnected
    });
    ws.addEventListener('message', (event) => {
      let data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      onEvent(data);
    });
    ws.addEventListener('close', () => {
      $('conn').classList.remove('up');
      if (!state.loggedIn) return;
      state.wsRetry = Math.min(state.wsRetry + 1, 6);
      setTimeout(connect, 500 * 2 ** state.wsRetry);
    });
  }

  function onEvent(data) {
    if (data.type === 'case' && data.case) {
      const c = data.case;
      if (data.event === 'message') {
        if (state.current === c.id && data.message) appendMessage(data.message);
        else if (data.message && data.message.direction === 'in') alertStaff(`新消息 message #${c.id}`);
        upsert(c);
        return;
      }
      upsert(c, data.event === 'opened');
      if (data.event === 'closed' && c.erasure_requested) {
        showBanner(`🗑 个案 #${c.id}：用户要求删除数据，个案已关闭 — the user asked to erase their data; case #${c.id} was closed`);
      }
      if (data.event === 'opened' || data.event === 'raised') {
        alertStaff(data.event === 'opened' ? `新个案 new case #${c.id}` : `风险升级 raised #${c.id}`);
      }
      if (state.current === c.id) loadCase(c.id);
    } else if (data.type === 'alert' && data.case) {
      upsert(data.case);
      alertStaff(`超时 SLA #${data.case.id}`);
      showBanner(`⏰ 个案 #${data.case.id}（${LEVELS[data.case.level] || data.case.level}）已等待 ${fmtWait(data.case.waiting_seconds)} 仍未接手 — case not taken in time`);
    }
  }

  // -- queue ----------------------------------------------------------------------------------------------
  const RANK = { requested: 1, medium: 2, high: 3, imminent: 4 };
  function priority(a, b) {
    return (RANK[b.level] || 0) - (RANK[a.level] || 0) || Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id;
  }

  function upsert(c, isNew) {
    state.cases.set(c.id, c);
    if (state.view === 'queue' || state.view === 'case') renderQueue(isNew ? c.id : null);
  }

  const TITLES = { open: '待处理 Open cases ', closed: '已结案 Closed cases ', follow_up: '随访 Follow-ups due ' };

  async function loadQueue() {
    const filter = state.view === 'closed' ? 'closed' : (state.view === 'follow_up' ? 'follow_up' : 'open');
    try {
      const data = await api('GET', `/staff/api/cases?state=${filter}`);
      state.cases = new Map(data.cases.map((c) => [c.id, c]));
      state.order = data.cases.map((c) => c.id);
      renderQueue(null, filter);
    } catch (e) { /* 401 handled in api() */ }
  }

  function renderQueue(newId, filter) {
    const list = $('queue');
    clear(list);
    filter = filter || 'open';
    let cases = Array.from(state.cases.values());
    if (filter === 'open') cases = cases.filter((c) => c.state !== 'closed').sort(priority);
    else cases = (state.order || []).map((id) => state.cases.get(id)).filter(Boolean);
    $('queue-title').firstChild.textContent = TITLES[filter];
    $('queue-count').textContent = `(${cases.length})`;
    $('queue-empty').hidden = cases.length > 0;
    for (const c of cases) list.append(caseItem(c, c.id === newId));
  }

  function caseItem(c, isNew) {
    const li = el('li', {
      className: `case-item level-${c.level}` + (isNew ? ' new' : '') + (state.current === c.id ? ' selected' : ''),
      tabIndex: 0, dataset: { caseId: String(c.id) },
    });
    const wait = el('span', { className: 'wait', dataset: { created: c.created_at, state: c.state, waited: String(c.waiting_seconds) } });
    updateWait(wait);
    li.append(el('div', { className: 'row' },
      levelBadge(c.level), el('strong', {}, `#${c.id}`), el('span', {}, c.conversation), wait,
      el('span', { className: 'muted' }, STATES[c.state] || c.state),
      c.assignee ? el('span', { className: 'muted' }, `→ ${c.assignee.name}`) : null,
      c.handed_back ? el('span', { className: 'tag' }, '已交回 handed back') : null,
      c.no_staff_on_shift ? el('span', { className: 'tag' }, '无人值班 nobody on shift') : null,
      c.outcome ? el('span', { className: 'tag' }, c.outcome) : null,
      c.follow_up_due ? el('span', { className: 'tag' }, `随访 follow-up ${c.follow_up_due}`) : null));
    const tags = el('div', { className: 'tags' });
    for (const cat of c.categories || []) tags.append(el('span', { className: 'tag' }, cat));
    li.append(tags);
    if (c.first_message) {
      li.append(el('p', { className: 'first' }, highlighted(c.first_message.text, c.first_message.evidence)));
    }
    const open = () => { location.hash = `#case-${c.id}`; };
    li.addEventListener('click', open);
    li.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
    return li;
  }

  function updateWait(node) {
    const created = Date.parse(node.dataset.created);
    const seconds = node.dataset.state === 'queued' && !isNaN(created)
      ? (Date.now() - created) / 1000 : Number(node.dataset.waited || 0);
    node.textContent = `⏱ ${fmtWait(seconds)}`;
    node.classList.toggle('late', node.dataset.state === 'queued' && seconds > 120);
  }
  setInterval(() => document.querySelectorAll('.wait[data-created]').forEach(updateWait), 1000);

  // -- one case -------------------------------------------------------------------------------------------
  async function loadCase(id) {
    $('case-error').textContent = '';
    try {
      const data = await api('GET', `/staff/api/cases/${id}`);
      if (state.current !== id) return;
      state.detail = data.case;
      renderCase(data.case);
    } catch (e) {
      $('case-error').textContent = e.message;
    }
  }

  function renderCase(c) {
    $('case-view').hidden = false;
    const title = $('case-title');
    clear(title);
    title.append(levelBadge(c.level), ` 个案 Case #${c.id} · ${c.conversation}`);
    $('case-meta').textContent = [
      STATES[c.state] || c.state,
      c.assignee ? `负责 assignee: ${c.assignee.name}` : '未分配 unassigned',
      c.handed_back ? '已交回助手 handed back to the bot' : '',
      `开启 opened ${fmtTime(c.created_at)}`,
      c.outcome ? `结果 outcome: ${c.outcome}` : '',
      c.follow_up_due ? `随访 follow-up: ${c.follow_up_due}` : '',
    ].filter(Boolean).join(' · ');
    const cats = $('case-categories');
    clear(cats);
    for (const cat of c.categories || []) cats.append(el('span', { className: 'tag' }, cat));

    const mine = c.assignee && state.user && c.assignee.id === state.user.id;
    const open = c.state !== 'closed';
    $('btn-take').disabled = !open || (c.state === 'with_staff' && !(mine && c.handed_back));
    $('btn-take').textContent = c.state === 'with_staff' && mine && c.handed_back ? '继续对话 Resume' : '接手 Take';
    $('btn-handback').disabled = !open || !c.live || !(mine || state.user.role === 'supervisor');
    $('composer').hidden = !(open && c.live && mine);
    $('close-box').hidden = !open || !(mine || state.user.role === 'supervisor');
    $('assign-box').hidden = !open || state.user.role !== 'supervisor';

    const transcript = $('transcript');
    clear(transcript);
    for (const m of c.messages || []) appendMessage(m, true);
    transcript.scrollTop = transcript.scrollHeight;

    const previous = $('previous');
    clear(previous);
    if (!(c.previous_cases || []).length) previous.append(el('li', { className: 'muted' }, '无 none'));
    for (const p of c.previous_cases || []) {
      previous.append(el('li', {}, el('a', { href: `#case-${p.id}` }, `#${p.id}`), ' ', levelBadge(p.level),
        ` ${STATES[p.state] || p.state} · ${fmtTime(p.created_at)}` + (p.outcome ? ` · ${p.outcome}` : '')));
    }
    const events = $('events');
    clear(events);
    for (const e of c.events || []) {
      events.append(el('li', {}, `${fmtTime(e.at)} · ${e.kind}` + (e.staff ? ` · ${e.staff}` : '')));
    }
  }

  function appendMessage(m, bulk) {
    const transcript = $('transcript');
    if (transcript.querySelector(`[data-message-id="${Number(m.id)}"]`)) return;
    const who = m.direction === 'staff' && m.staff ? `${DIRS.staff} · ${m.staff}` : (DIRS[m.direction] || m.direction);
    const head = el('div', { className: 'who' }, who, el('span', {}, fmtTime(m.created_at)),
      m.risk && m.risk.level && m.risk.level !== 'none' ? levelBadge(m.risk.level) : null);
    const body = el('div', { className: 'text' });
    body.append(m.direction === 'in' && m.risk ? highlighted(m.text, m.risk.evidence) : document.createTextNode(m.text));
    transcript.append(el('li', { className: `msg dir-${m.direction}`, dataset: { messageId: String(m.id) } }, head, body));
    if (!bulk) transcript.scrollTop = transcript.scrollHeight;
  }

  async function act(path, body) {
    $('case-error').textContent = '';
    try {
      const data = await api('POST', path, body === undefined ? {} : body);
      if (data.case) { state.cases.set(data.case.id, data.case); renderQueue(); }
      await loadCase(state.current);
      return data;
    } catch (e) {
      $('case-error').textContent = e.message;
      return null;
    }
  }

  $('btn-take').addEventListener('click', () => act(`/staff/api/cases/${state.current}/take`));
  $('btn-handback').addEventListener('click', () => act(`/staff/api/cases/${state.current}/handback`));
  $('btn-assign').addEventListener('click', () => act(`/staff/api/cases/${state.current}/assign`,
    { staff_id: Number($('assign-select').value) }));
  $('composer').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('composer-text').value.trim();
    if (!text) return;
    $('case-error').textContent = '';
    try {
      const data = await api('POST', `/staff/api/cases/${state.current}/messages`, { text });
      $('composer-text').value = '';
      appendMessage(data.message);
      if (!data.message.delivered) $('case-error').textContent = '消息已保存，但无法即时送达该用户的渠道。Saved, but the user\'s channel could not be reached right now.';
    } catch (e) {
      $('case-error').textContent = e.message;
    }
  });
  $('composer-text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) $('composer').requestSubmit();
  });
  $('close-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { outcome: $('close-outcome').value, note: $('close-note').value };
    if ($('close-follow-up').value) body.follow_up_due = $('close-follow-up').value;
    const data = await act(`/staff/api/cases/${state.current}/close`, body);
    if (data) { $('close-note').value = ''; $('close-follow-up').value = ''; $('close-box').open = false; }
  });

  // -- audit -----------------------------------------------------------------------------------------------
  async function loadAudit() {
    const rows = $('audit-rows');
    clear(rows);
    try {
      const data = await api('GET', '/staff/api/audit');
      for (const e of data.entries) {
        rows.append(el('tr', {}, el('td', {}, fmtTime(e.at)), el('td', {}, e.actor), el('td', {}, e.action),
          el('td', {}, e.case_id ? el('a', { href: `#case-${e.case_id}` }, `#${e.case_id}`) : ''),
          el('td', {}, e.conversation || '')));
      }
    } catch (e) {
      rows.append(el('tr', {}, el('td', { colSpan: 5 }, e.message)));
    }
  }

  // -- routing ---------------------------------------------------------------------------------------------
  function route() {
    if (!state.loggedIn) return;
    const hash = location.hash;
    const match = /^#case-(\d+)$/.exec(hash);
    $('audit-view').hidden = true;
    $('queue-view').hidden = false;
    if (match) {
      const id = Number(match[1]);
      if (state.view === 'closed' || state.view === 'audit' || state.view === 'follow_up') {
        state.view = 'case';
        loadQueue();
      }
      state.view = 'case';
      state.current = id;
      if (state.ws && state.ws.readyState === 1) state.ws.send(JSON.stringify({ type: 'watch', case_id: id }));
      renderQueue();
      loadCase(id);
      return;
    }
    state.current = null;
    if (state.ws && state.ws.readyState === 1) state.ws.send(JSON.stringify({ type: 'unwatch' }));
    $('case-view').hidden = true;
    if (hash === '#audit' && state.user.role === 'supervisor') {
      state.view = 'audit';
      $('queue-view').hidden = true;
      $('audit-view').hidden = false;
      loadAudit();
    } else {
      state.view = hash === '#closed' ? 'closed' : (hash === '#follow-up' ? 'follow_up' : 'queue');
      loadQueue();
    }
  }
  window.addEventListener('hashchange', route);

  // -- start ---------------------------------------------------------------------------------------------
  (async function start() {
    try {
      const response = await fetch('/staff/api/me', { credentials: 'same-origin' });
      if (response.ok) {
        const data = await response.json();
        state.csrf = data.csrf_token;
        state.user = data.user;
        showApp();
        return;
      }
    } catch (e) { /* fall through */ }
    showLogin();
  }());
}());
