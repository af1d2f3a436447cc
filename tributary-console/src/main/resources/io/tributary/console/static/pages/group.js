// One group: members and their assignment, committed offsets with lag, reset offsets (dry run, then execute), delete.
import { del, enc, get, guarded, post, session } from '../api.js';
import {
  badge, button, confirmDialog, el, field, formatNumber, pageHeader, replace, section, select, stateTone, table,
} from '../dom.js';
import { typeBadge } from './groups.js';

const REFRESH_MS = 3000;

export async function render(main, { group }) {
  const data = await get(`groups/${enc(group)}`);
  const header = el('div');
  const members = el('div');
  const offsets = el('div');
  const draw = d => {
    const totalLag = (d.offsets || []).reduce((sum, o) => sum + (Number(o.lag) || 0), 0);
    replace(header, pageHeader(d.groupId, typeBadge(d.type),
      badge(d.state || 'unknown', stateTone(d.state), 'group-state'),
      el('span', { class: 'spacer' }),
      button('Refresh', { testid: 'refresh', kind: 'subtle', onClick: refresh }),
      button('Delete group', { testid: 'group-delete', kind: 'danger subtle', changing: true, onClick: async () => {
        if (!await confirmDialog(`Delete group ${d.groupId} and its committed offsets?`)) return;
        if (await guarded(() => del(`groups/${enc(d.groupId)}`))) location.hash = '#/groups';
      } })),
    el('div', { class: 'stats' },
      stat('Protocol type', d.protocolType || '–'),
      stat('Assignor', d.assignor || '–'),
      stat('Coordinator', d.coordinator ?? '–'),
      stat('Members', formatNumber((d.members || []).length)),
      stat('Total lag', formatNumber(totalLag), 'group-total-lag', totalLag > 0 ? 'warn' : 'ok')));
    replace(members, membersTable(d.members || []));
    replace(offsets, offsetsTable(d.offsets || []));
  };
  async function refresh() {
    const fresh = await guarded(() => get(`groups/${enc(group)}`));
    if (fresh) draw(fresh);
  }
  draw(data);
  main.append(header,
    el('div', { class: 'grid-main-side' },
      el('div', {}, section('Offsets', offsets), section('Members', members)),
      resetSection(data, refresh)));
  const timer = setInterval(refresh, REFRESH_MS);
  return () => clearInterval(timer);
}

function stat(label, value, testid, tone) {
  return el('div', { class: `stat ${tone || ''}` }, el('div', { class: 'stat-value', testid }, String(value)),
    el('div', { class: 'stat-label' }, label));
}

function membersTable(members) {
  return table([
    { title: 'Member', cell: m => el('span', { class: 'mono small' }, m.memberId) },
    { title: 'Instance id', cell: m => m.groupInstanceId ?? '–' },
    { title: 'Client', cell: m => m.clientId },
    { title: 'Host', cell: m => m.host },
    { title: 'Assignment', cell: m => assignment(m.assignment || []) },
  ], members, { testid: 'group-members', empty: 'No active members',
    rowAttrs: m => ({ testid: 'member-row', 'data-member': m.memberId }) });
}

function assignment(partitions) {
  const byTopic = new Map();
  for (const { topic, partition } of partitions) {
    if (!byTopic.has(topic)) byTopic.set(topic, []);
    byTopic.get(topic).push(partition);
  }
  return [...byTopic].map(([topic, list]) => el('div', {}, el('span', { class: 'mono' }, topic),
    ` [${list.sort((a, b) => a - b).join(', ')}]`));
}

function offsetsTable(offsets) {
  const sorted = offsets.slice().sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  return table([
    { title: 'Topic', cell: o => el('a', { href: `#/topics/${enc(o.topic)}` }, o.topic) },
    { title: 'Partition', cell: o => String(o.partition), class: 'num' },
    { title: 'Committed', cell: o => el('span', { testid: 'offset-committed' }, formatNumber(o.committed)), class: 'num' },
    { title: 'End offset', cell: o => formatNumber(o.endOffset), class: 'num' },
    { title: 'Lag', class: 'num', cell: o => el('span', { testid: 'offset-lag' },
      o.lag === null || o.lag === undefined ? '–' : badge(formatNumber(o.lag), o.lag > 0 ? 'warn' : 'ok')) },
    { title: 'Metadata', cell: o => o.metadata || '' },
  ], sorted, { testid: 'group-offsets', empty: 'No committed offsets',
    rowAttrs: o => ({ testid: 'offset-row', 'data-topic': o.topic, 'data-partition': o.partition }) });
}

function resetSection(data, refresh) {
  const topics = [...new Set((data.offsets || []).map(o => o.topic))].sort();
  const topic = select([['', 'all its topics'], ...topics.map(t => [t, t])], { testid: 'reset-topic' });
  const strategy = select([['earliest', 'earliest'], ['latest', 'latest'], ['timestamp', 'timestamp…'],
    ['offset', 'offset…']], { testid: 'reset-strategy' });
  const timestamp = el('input', { testid: 'reset-timestamp', type: 'datetime-local', step: '0.001', hidden: true });
  const offset = el('input', { testid: 'reset-offset', type: 'number', min: 0, hidden: true });
  const preview = el('div');
  const result = el('p', { class: 'muted', testid: 'reset-result' });
  const execute = button('Execute reset', { testid: 'reset-execute', kind: 'danger', changing: true, disabled: true });
  strategy.addEventListener('change', () => {
    timestamp.hidden = strategy.value !== 'timestamp';
    offset.hidden = strategy.value !== 'offset';
    execute.disabled = true;
  });
  const body = dryRun => {
    const b = { strategy: strategy.value, dryRun };
    if (topic.value) b.topic = topic.value;
    if (strategy.value === 'timestamp') b.timestamp = new Date(timestamp.value).getTime();
    if (strategy.value === 'offset') b.offset = Number(offset.value);
    return b;
  };
  const run = async dryRun => {
    const answer = await guarded(() => post(`groups/${enc(data.groupId)}/reset-offsets`, body(dryRun)));
    if (!answer) return;
    replace(preview, table([
      { title: 'Topic', cell: o => o.topic },
      { title: 'Partition', cell: o => String(o.partition), class: 'num' },
      { title: 'Current', cell: o => formatNumber(o.current), class: 'num' },
      { title: 'Target', cell: o => el('strong', {}, formatNumber(o.target)), class: 'num' },
    ], answer.offsets || [], { testid: 'reset-preview-table', empty: 'No partitions to reset',
      rowAttrs: o => ({ testid: 'reset-row', 'data-topic': o.topic, 'data-partition': o.partition }) }));
    if (dryRun) {
      result.textContent = 'Dry run: nothing changed yet. The group must be empty (no running consumers) to execute.';
      execute.disabled = (answer.offsets || []).length === 0 || !!session()?.readOnly;
    } else {
      result.textContent = `Reset ${answer.offsets.length} partition${answer.offsets.length === 1 ? '' : 's'}.`;
      execute.disabled = true;
      await refresh();
    }
  };
  execute.addEventListener('click', () => run(false));
  return section('Reset offsets', el('form', { class: 'form', on: { submit: e => { e.preventDefault(); run(true); } } },
    field('Topic', topic), field('To', strategy), timestamp, offset,
    el('div', { class: 'actions' }, button('Preview (dry run)', { testid: 'reset-preview', type: 'submit',
      kind: 'primary' }), execute),
    result, preview));
}
