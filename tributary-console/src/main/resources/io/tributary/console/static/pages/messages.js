// Messages of a topic: browse from an offset, a timestamp, the beginning or the end; live tail; search on the broker
// (matches and progress streamed as server-sent events); produce a test message.
import { enc, get, guarded, post, query, showError, stream, ApiError } from '../api.js';
import {
  badge, button, el, field, formatBytes, formatNumber, formatTime, link, pageHeader, parseKeyValueLines, replace,
  section, select, table,
} from '../dom.js';
import { decode } from './decode.js';

const MAX_ROWS = 1000;

export async function render(main, { topic }) {
  // The newest messages and the topic's partitions are asked for at once: the page needs both before it shows.
  const INITIAL = { partition: 'all', from: 'end', offset: '', timestamp: '' };
  const newest = get(`topics/${enc(topic)}/messages${query({ ...INITIAL, limit: 50 })}`);
  newest.catch(() => {}); // its failure is shown once, below
  const description = await guarded(() => get(`topics/${enc(topic)}`));
  const partitionIds = (description?.partitions || []).map(p => p.partition).sort((a, b) => a - b);
  const state = { decodeAs: 'text', messages: [], matches: [], tail: null, search: null };

  // Browse controls
  const partition = select([['all', 'all partitions'], ...partitionIds.map(p => [p, `partition ${p}`])],
    { testid: 'messages-partition' });
  const from = select([['end', 'newest'], ['beginning', 'oldest'], ['offset', 'offset…'], ['timestamp', 'time…']],
    { testid: 'messages-from' });
  const offset = el('input', { testid: 'messages-offset', type: 'number', min: 0, placeholder: 'offset', hidden: true,
    class: 'narrow' });
  const timestamp = el('input', { testid: 'messages-timestamp', type: 'datetime-local', step: '0.001', hidden: true });
  const limit = el('input', { testid: 'messages-limit', type: 'number', min: 1, max: 1000, value: '50', class: 'narrow' });
  const decodeAs = select([['text', 'text'], ['json', 'JSON (pretty)'], ['hex', 'hex']], { testid: 'messages-decode' });
  const tailToggle = el('input', { testid: 'messages-tail-toggle', type: 'checkbox' });
  const tailStatus = el('span', { class: 'muted', testid: 'messages-tail-status' });
  const next = button('Next page', { testid: 'messages-next', disabled: true });
  from.addEventListener('change', () => {
    offset.hidden = from.value !== 'offset';
    timestamp.hidden = from.value !== 'timestamp';
  });

  const positionParams = () => ({
    partition: partition.value,
    from: from.value,
    offset: from.value === 'offset' ? offset.value : '',
    timestamp: from.value === 'timestamp' && timestamp.value ? new Date(timestamp.value).getTime() : '',
  });

  // Results
  const messagesHolder = el('div', { class: 'scroll results' });
  const searchHolder = el('div', { class: 'scroll results' });
  const drawMessages = () => replace(messagesHolder, messagesTable(state.messages, state.decodeAs, 'messages-table',
    'message-row', 'Load messages or start the live tail'));
  const drawMatches = () => replace(searchHolder, messagesTable(state.matches, state.decodeAs, 'search-results',
    'search-match', 'No matches yet'));
  decodeAs.addEventListener('change', () => {
    state.decodeAs = decodeAs.value;
    drawMessages();
    drawMatches();
  });

  const load = async (params, pending) => {
    const data = await guarded(() => pending
      || get(`topics/${enc(topic)}/messages${query({ ...params, limit: limit.value })}`));
    if (!data) return;
    state.messages = data.messages || [];
    drawMessages();
    const nextOffset = data.nextOffsets?.[String(params.partition)];
    next.disabled = params.partition === 'all' || nextOffset === undefined;
    next.dataset.offset = nextOffset ?? '';
  };
  next.addEventListener('click', () => load({ partition: partition.value, from: 'offset', offset: next.dataset.offset }));

  const stopTail = text => {
    if (state.tail) state.tail.close();
    state.tail = null;
    tailToggle.checked = false;
    tailStatus.textContent = text || '';
  };
  tailToggle.addEventListener('change', () => {
    if (!tailToggle.checked) {
      stopTail('stopped');
      return;
    }
    state.messages = [];
    drawMessages();
    tailStatus.textContent = 'connecting…';
    state.tail = stream(`topics/${enc(topic)}/tail${query({ partition: partition.value })}`, {
      ready: () => { tailStatus.textContent = 'live: waiting for new messages…'; },
      message: m => {
        state.messages.push(m);
        if (state.messages.length > MAX_ROWS) state.messages.shift();
        drawMessages();
        tailStatus.textContent = `live: ${state.messages.length} new message${state.messages.length === 1 ? '' : 's'}`;
      },
      failure: f => { stopTail('failed'); showError(new ApiError(0, f.error, f.code)); },
    }, () => { stopTail('disconnected'); explainStreamFailure(topic); });
  });

  const browse = section('Browse',
    el('form', { class: 'toolbar wrap', on: { submit: e => { e.preventDefault(); stopTail(); load(positionParams()); } } },
      field('Partition', partition), field('From', el('div', { class: 'row tight' }, from, offset, timestamp)),
      field('Limit', limit), field('Decode', decodeAs),
      el('div', { class: 'actions bottom' }, button('Load', { testid: 'messages-load', kind: 'primary', type: 'submit' }),
        next),
      el('label', { class: 'check bottom' }, tailToggle, 'live tail'), tailStatus));

  const searchPanel = searchSection(topic, state, positionParams, drawMatches);
  main.append(
    pageHeader(`${topic}`, el('span', { class: 'muted' }, 'messages'), el('span', { class: 'spacer' }),
      link('← topic', `#/topics/${enc(topic)}`, 'topic-link')),
    el('div', { class: 'grid-main-side' }, el('div', {}, browse, searchPanel.controls), produceSection(topic, partitionIds)),
    searchPanel.results(searchHolder),
    section('Messages', messagesHolder));
  drawMessages();
  drawMatches();
  await load(INITIAL, newest);
  return () => {
    if (state.tail) state.tail.close();
    if (state.search) state.search.close();
  };
}

/** A stream that broke before sending anything: the topic's description tells why (denied, unknown, ...). */
async function explainStreamFailure(topic) {
  try {
    await get(`topics/${enc(topic)}`);
    showError(new ApiError(0, 'The event stream could not be opened or was cut: the broker may have refused it '
      + '(at most 8 searches and live tails run at once) or the connection was lost', 'STREAM_CLOSED'));
  } catch (e) {
    showError(e);
  }
}

function searchSection(topic, state, positionParams, drawMatches) {
  const q = el('input', { testid: 'search-query', type: 'search', placeholder: 'text or regular expression',
    class: 'grow', required: true });
  const mode = select([['substring', 'substring'], ['regex', 'regex']], { testid: 'search-mode' });
  const fieldSel = select([['value', 'value'], ['key', 'key'], ['any', 'key, value or headers']],
    { testid: 'search-field' });
  const maxMatches = el('input', { testid: 'search-max-matches', type: 'number', min: 1, value: '100', class: 'narrow' });
  const progress = el('div', { class: 'progress', testid: 'search-progress' });
  const status = el('div', { class: 'muted', testid: 'search-status' });
  const bar = el('div', { class: 'bar' }, el('div', { class: 'bar-fill' }));
  const start = button('Search', { testid: 'search-start', kind: 'primary', type: 'submit' });
  const cancel = button('Cancel', { testid: 'search-cancel', disabled: true });
  const resultsCard = section(null);
  resultsCard.hidden = true;

  const finish = text => {
    if (state.search) state.search.close();
    state.search = null;
    start.disabled = false;
    cancel.disabled = true;
    status.textContent = text;
  };
  cancel.addEventListener('click', () => finish(`Cancelled — ${state.matches.length} matches`));

  const form = el('form', { class: 'toolbar wrap', on: { submit: e => {
    e.preventDefault();
    if (state.search) state.search.close();
    state.matches = [];
    drawMatches();
    resultsCard.hidden = false;
    start.disabled = true;
    cancel.disabled = false;
    status.textContent = 'Searching…';
    replace(progress);
    bar.firstChild.style.width = '0%';
    let heard = false;
    const position = positionParams();
    if (position.from === 'end') position.from = 'beginning'; // a search reads forward
    const params = { q: q.value, mode: mode.value, field: fieldSel.value, maxMatches: maxMatches.value, ...position };
    state.search = stream(`topics/${enc(topic)}/search${query(params)}`, {
      match: m => {
        heard = true;
        state.matches.push(m);
        drawMatches();
      },
      progress: p => {
        heard = true;
        showProgress(progress, bar, p);
      },
      done: d => {
        showProgress(progress, bar, { ...d, partitionsDone: d.partitionsTotal, partitionsTotal: d.partitionsTotal });
        bar.firstChild.style.width = '100%';
        finish(`Done (${reasonText(d.reason)}): ${formatNumber(d.matches)} match${d.matches === 1 ? '' : 'es'} in `
          + `${formatNumber(d.scannedRecords)} records, ${formatBytes(d.scannedBytes)} scanned in `
          + duration(d.elapsedMs));
      },
      failure: f => {
        finish('Failed');
        showError(new ApiError(0, f.error, f.code));
      },
    }, () => {
      if (!state.search) return;
      finish(heard ? 'The search stream was interrupted' : 'The search could not start');
      if (!heard) explainStreamFailure(topic);
    });
  } } },
  field('Search', q), field('Mode', mode), field('In', fieldSel), field('Max matches', maxMatches),
  el('div', { class: 'actions bottom' }, start, cancel));

  return {
    controls: section('Search on the broker', form,
      el('p', { class: 'hint' }, 'Runs on the broker next to the log, forward from the partition and position '
        + 'chosen under Browse (from the oldest when that is "newest"); bounded in time and bytes.')),
    results: holder => {
      replace(resultsCard, el('h2', {}, 'Search matches'), bar, progress, status, holder);
      return resultsCard;
    },
  };
}

function reasonText(reason) {
  return { complete: 'everything scanned', maxMatches: 'enough matches', maxBytes: 'byte limit reached',
    maxMillis: 'time limit reached', cancelled: 'cancelled' }[reason] || reason;
}

function duration(ms) {
  return (ms || 0) < 1000 ? `${ms || 0} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function showProgress(progress, bar, p) {
  const mb = (p.scannedBytes || 0) / (1024 * 1024);
  const rate = (p.bytesPerSec || 0) / (1024 * 1024);
  replace(progress,
    el('span', {}, `${mb.toFixed(1)} MB scanned`),
    el('span', {}, `${rate.toFixed(1)} MB/s`),
    el('span', {}, `${formatNumber(p.scannedRecords)} records`),
    el('span', {}, `partitions ${p.partitionsDone ?? 0}/${p.partitionsTotal ?? '?'} done`),
    el('span', {}, duration(p.elapsedMs)));
  if (p.partitionsTotal) bar.firstChild.style.width = `${Math.round(100 * (p.partitionsDone || 0) / p.partitionsTotal)}%`;
}

function messagesTable(messages, decodeAs, testid, rowTestid, empty) {
  return table([
    { title: 'Partition', cell: m => String(m.partition), class: 'num' },
    { title: 'Offset', cell: m => String(m.offset), class: 'num' },
    { title: 'Timestamp', cell: m => el('span', { title: m.timestampType || '' }, formatTime(m.timestamp)), class: 'nowrap' },
    { title: 'Key', cell: m => el('div', { testid: 'message-key' }, payload(m.key, decodeAs, true)) },
    { title: 'Value', class: 'wide', cell: m => el('div', { testid: 'message-value' }, payload(m.value, decodeAs),
      m.truncated ? badge(`truncated, ${formatBytes(m.valueSize)}`, 'warn') : null) },
    { title: 'Headers', cell: m => el('div', { testid: 'message-headers' }, (m.headers || []).map(h =>
      el('div', { class: 'header-pair' }, el('span', { class: 'mono muted' }, `${h.key}: `),
        payload(h.value, 'text')))) },
  ], messages, { testid, empty,
    rowAttrs: m => ({ testid: rowTestid, 'data-partition': m.partition, 'data-offset': m.offset }) });
}

/** A decoded key, value or header value; `quiet` leaves out the "not JSON" note (keys are often plain strings). */
function payload(base64, decodeAs, quiet = false) {
  const decoded = decode(base64, decodeAs);
  if (decoded.kind === 'null') return el('span', { class: 'muted' }, 'null');
  const note = decoded.note && !(quiet && decoded.note === 'not JSON') ? badge(decoded.note, 'muted') : null;
  return el(decoded.kind === 'json' ? 'pre' : 'span', { class: `payload mono ${decoded.kind}` }, decoded.text, note);
}

function produceSection(topic, partitionIds) {
  const partition = select([['', 'any (partitioner)'], ...partitionIds.map(p => [p, `partition ${p}`])],
    { testid: 'produce-partition' });
  const key = el('input', { testid: 'produce-key', placeholder: 'none' });
  const value = el('textarea', { testid: 'produce-value', rows: 4, placeholder: '{"hello": "world"}' });
  const headers = el('textarea', { testid: 'produce-headers', rows: 2, placeholder: 'trace-id=abc' });
  const result = el('p', { class: 'muted', testid: 'produce-result' });
  return section('Produce a message', el('form', { class: 'form', on: { submit: async e => {
    e.preventDefault();
    let headerMap;
    try {
      headerMap = parseKeyValueLines(headers.value);
    } catch (err) {
      result.textContent = err.message;
      return;
    }
    const body = { key: key.value === '' ? null : key.value, value: value.value,
      headers: Object.entries(headerMap).map(([k, v]) => ({ key: k, value: v })) };
    if (partition.value !== '') body.partition = Number(partition.value);
    const written = await guarded(() => post(`topics/${enc(topic)}/messages`, body));
    if (written) {
      result.textContent = `Written to partition ${written.partition} at offset ${written.offset}`;
      value.value = '';
    }
  } } },
  field('Partition', partition), field('Key', key), field('Value', value), field('Headers', headers, 'key=value lines'),
  el('div', { class: 'actions' }, button('Produce', { testid: 'produce-submit', kind: 'primary', type: 'submit',
    changing: true })),
  result));
}
