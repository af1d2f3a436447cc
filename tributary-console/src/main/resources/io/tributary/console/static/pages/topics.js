// Topics: the list with a filter, creation (name, partitions, replication factor, configs) and deletion.
import { del, enc, get, guarded, post, query } from '../api.js';
import {
  badge, button, confirmDialog, el, field, formatBytes, formatNumber, link, pageHeader, parseKeyValueLines, replace,
  section, table,
} from '../dom.js';

export async function render(main) {
  const filter = el('input', { testid: 'topics-filter', type: 'search', placeholder: 'Filter by name', class: 'grow' });
  const internal = el('input', { testid: 'topics-internal', type: 'checkbox' });
  const holder = el('div');
  const count = el('span', { class: 'muted' });

  let seq = 0;
  const load = async () => {
    const mine = ++seq;
    const data = await guarded(() => get(`topics${query({ filter: filter.value.trim(), internal: internal.checked })}`));
    if (!data || mine !== seq) return;
    count.textContent = `${data.topics.length} topic${data.topics.length === 1 ? '' : 's'}`;
    replace(holder, topicsTable(data.topics, load));
  };
  let debounce;
  filter.addEventListener('input', () => { clearTimeout(debounce); debounce = setTimeout(load, 200); });
  internal.addEventListener('change', load);

  main.append(
    pageHeader('Topics', count),
    el('div', { class: 'grid-main-side' },
      section(null,
        el('div', { class: 'toolbar' }, filter,
          el('label', { class: 'check' }, internal, 'show internal topics')),
        holder),
      createForm(load)));
  await load();
  return () => clearTimeout(debounce);
}

function topicsTable(topics, reload) {
  return table([
    { title: 'Name', cell: t => [link(t.name, `#/topics/${enc(t.name)}`, 'topic-link'),
      t.internal ? badge('internal', 'muted') : null] },
    { title: 'Partitions', cell: t => formatNumber(t.partitions), class: 'num' },
    { title: 'RF', cell: t => String(t.replicationFactor ?? '–'), class: 'num' },
    { title: 'Health', cell: t => t.offline > 0 ? badge(`${t.offline} offline`, 'bad')
      : t.underReplicated > 0 ? badge(`${t.underReplicated} under-replicated`, 'warn') : badge('ok', 'ok') },
    { title: 'Messages', cell: t => formatNumber(t.messages), class: 'num' },
    { title: 'Size', cell: t => formatBytes(t.sizeBytes), class: 'num' },
    { title: '', class: 'row-actions', cell: t => [
      link('Messages', `#/topics/${enc(t.name)}/messages`, 'topic-messages-link'),
      t.internal ? null : button('Delete', { testid: 'topic-delete', kind: 'danger subtle', changing: true,
        onClick: async () => {
          if (!await confirmDialog(`Delete topic ${t.name} and all its messages?`)) return;
          if (await guarded(() => del(`topics/${enc(t.name)}`))) await reload();
        } })] },
  ], topics, {
    testid: 'topics-table', empty: 'No topics',
    rowAttrs: t => ({ testid: 'topic-row', 'data-topic': t.name }),
  });
}

function createForm(reload) {
  const name = el('input', { testid: 'topic-create-name', required: true, pattern: '[a-zA-Z0-9._\\-]+',
    maxlength: 249, placeholder: 'orders' });
  const partitions = el('input', { testid: 'topic-create-partitions', type: 'number', min: 1, value: '1',
    placeholder: 'broker default' });
  const rf = el('input', { testid: 'topic-create-rf', type: 'number', min: 1, placeholder: 'broker default' });
  const configs = el('textarea', { testid: 'topic-create-configs', rows: 4,
    placeholder: 'retention.ms=86400000\ncleanup.policy=compact' });
  const result = el('p', { class: 'muted', testid: 'topic-create-result' });
  const form = el('form', { class: 'form', on: { submit: async e => {
    e.preventDefault();
    let parsed;
    try {
      parsed = parseKeyValueLines(configs.value);
    } catch (err) {
      result.textContent = err.message;
      return;
    }
    const body = { name: name.value.trim(), configs: parsed };
    if (partitions.value) body.partitions = Number(partitions.value);
    if (rf.value) body.replicationFactor = Number(rf.value);
    const created = await guarded(() => post('topics', body));
    if (created) {
      result.textContent = `Created ${created.name}`;
      name.value = '';
      configs.value = '';
      await reload();
    }
  } } },
  field('Name', name),
  el('div', { class: 'row' }, field('Partitions', partitions), field('Replication factor', rf)),
  field('Configs', configs, 'key=value, one per line'),
  el('div', { class: 'actions' }, button('Create topic', { testid: 'topic-create-submit', kind: 'primary',
    type: 'submit', changing: true })),
  result);
  return section('Create a topic', form);
}
