// One topic: its partitions (leader, replicas, ISR, offsets, size), adding partitions, and its configs.
import { del, enc, get, guarded, post, put } from '../api.js';
import {
  badge, button, confirmDialog, el, field, formatBytes, formatNumber, link, pageHeader, parseKeyValueLines, replace,
  section, table,
} from '../dom.js';

export async function render(main, { topic }) {
  const data = await get(`topics/${enc(topic)}`);
  const view = el('div');
  main.append(view);
  show(view, data);
}

function show(view, data) {
  const partitions = data.partitions || [];
  const total = key => partitions.reduce((sum, p) => sum + (Number(p[key]) || 0), 0);
  const messages = partitions.reduce((sum, p) => sum + Math.max(0, (p.endOffset ?? 0) - (p.startOffset ?? 0)), 0);
  const reload = async () => {
    const fresh = await guarded(() => get(`topics/${enc(data.name)}`));
    if (fresh) show(view, fresh);
  };
  replace(view,
    pageHeader(data.name,
      data.internal ? badge('internal', 'muted') : null,
      el('span', { class: 'muted mono', testid: 'topic-id' }, data.topicId ?? ''),
      el('span', { class: 'spacer' }),
      link('Browse messages →', `#/topics/${enc(data.name)}/messages`, 'topic-messages-link'),
      data.internal ? null : button('Delete topic', { testid: 'topic-delete', kind: 'danger subtle', changing: true,
        onClick: async () => {
          if (!await confirmDialog(`Delete topic ${data.name} and all its messages?`)) return;
          if (await guarded(() => del(`topics/${enc(data.name)}`))) location.hash = '#/topics';
        } })),
    el('div', { class: 'stats' },
      stat('Partitions', formatNumber(partitions.length)),
      stat('Messages', formatNumber(messages)),
      stat('Size', formatBytes(total('sizeBytes'))),
      stat('Offline', formatNumber(partitions.filter(p => p.leader === null || p.leader < 0).length))),
    el('div', { class: 'grid-main-side' },
      section('Partitions', partitionsTable(partitions)),
      el('div', {}, addPartitions(data, partitions.length, reload), setConfigs(data, reload))),
    section('Configs', configsTable(data, reload)));
}

function stat(label, value) {
  return el('div', { class: 'stat' }, el('div', { class: 'stat-value' }, value), el('div', { class: 'stat-label' }, label));
}

function partitionsTable(partitions) {
  const ids = list => (list || []).join(', ');
  return el('div', { class: 'scroll' }, table([
    { title: 'Partition', cell: p => String(p.partition), class: 'num' },
    { title: 'Leader', cell: p => p.leader === null || p.leader < 0 ? badge('offline', 'bad') : String(p.leader), class: 'num' },
    { title: 'Replicas', cell: p => ids(p.replicas) },
    { title: 'ISR', cell: p => (p.isr || []).length < (p.replicas || []).length
      ? badge(ids(p.isr) || 'none', 'warn') : ids(p.isr) },
    { title: 'Offline', cell: p => (p.offline || []).length ? badge(ids(p.offline), 'bad') : '' },
    { title: 'Start offset', cell: p => formatNumber(p.startOffset), class: 'num' },
    { title: 'End offset', cell: p => formatNumber(p.endOffset), class: 'num' },
    { title: 'Messages', cell: p => formatNumber(Math.max(0, (p.endOffset ?? 0) - (p.startOffset ?? 0))), class: 'num' },
    { title: 'Size', cell: p => formatBytes(p.sizeBytes), class: 'num' },
  ], partitions, { testid: 'topic-partitions',
    rowAttrs: p => ({ testid: 'partition-row', 'data-partition': p.partition }) }));
}

function addPartitions(data, current, reload) {
  const count = el('input', { testid: 'add-partitions-count', type: 'number', min: current + 1, value: current + 1 });
  return section('Add partitions', el('form', { class: 'form', on: { submit: async e => {
    e.preventDefault();
    if (await guarded(() => post(`topics/${enc(data.name)}/partitions`, { count: Number(count.value) }))) await reload();
  } } },
  field('New total partition count', count, `now ${current}; partitions can only be added`),
  el('div', { class: 'actions' }, button('Add partitions', { testid: 'add-partitions-submit', type: 'submit',
    changing: true, disabled: data.internal }))));
}

function setConfigs(data, reload) {
  const text = el('textarea', { testid: 'topic-config-set', rows: 3, placeholder: 'retention.ms=3600000' });
  const error = el('p', { class: 'muted' });
  return section('Set configs', el('form', { class: 'form', on: { submit: async e => {
    e.preventDefault();
    let set;
    try {
      set = parseKeyValueLines(text.value);
    } catch (err) {
      error.textContent = err.message;
      return;
    }
    const fresh = await guarded(() => put(`topics/${enc(data.name)}/configs`, { set, delete: [] }));
    if (fresh) {
      text.value = '';
      await reload();
    }
  } } },
  field('Configs', text, 'key=value, one per line'),
  error,
  el('div', { class: 'actions' }, button('Apply', { testid: 'topic-config-submit', type: 'submit', changing: true }))));
}

function configsTable(data, reload) {
  const showAll = el('input', { type: 'checkbox', testid: 'configs-show-all' });
  const holder = el('div');
  const configs = data.configs || [];
  const draw = () => {
    const rows = showAll.checked ? configs : configs.filter(c => !c.isDefault);
    replace(holder, table([
      { title: 'Name', cell: c => el('span', { class: 'mono' }, c.name) },
      { title: 'Value', cell: c => valueCell(data, c, reload) },
      { title: 'Source', cell: c => badge(sourceLabel(c.source), c.isDefault ? 'muted' : 'info') },
      { title: '', class: 'row-actions', cell: c => actions(data, c, reload) },
    ], rows, { testid: 'topic-configs', empty: 'All configs have their default values (show all to see them)',
      rowAttrs: c => ({ testid: 'config-row', 'data-config': c.name }) }));
  };
  showAll.addEventListener('change', draw);
  draw();
  return el('div', {}, el('label', { class: 'check' }, showAll, 'show defaults too'), holder);
}

function sourceLabel(source) {
  return String(source || '').toLowerCase().replace(/_config$/, '').replace(/_/g, ' ');
}

function valueCell(data, config) {
  if (config.sensitive) return el('span', { class: 'muted' }, '(sensitive)');
  return el('span', { class: 'mono config-value' }, config.value ?? 'null');
}

function actions(data, config, reload) {
  if (config.readOnly) return badge('read-only', 'muted');
  const dynamic = String(config.source || '').toUpperCase() === 'DYNAMIC_TOPIC_CONFIG';
  return [
    button('Edit', { testid: 'config-edit', kind: 'subtle', changing: true, onClick: e => {
      const row = e.target.closest('tr');
      const input = el('input', { testid: 'config-value-input', value: config.sensitive ? '' : config.value ?? '',
        class: 'mono' });
      const save = async () => {
        const fresh = await guarded(() => put(`topics/${enc(data.name)}/configs`,
          { set: { [config.name]: input.value }, delete: [] }));
        if (fresh) await reload();
      };
      input.addEventListener('keydown', k => { if (k.key === 'Enter') save(); });
      replace(row.children[1], input);
      replace(row.children[3], button('Save', { testid: 'config-save', kind: 'primary', changing: true, onClick: save }),
        button('Cancel', { kind: 'subtle', onClick: reload }));
      input.focus();
    } }),
    dynamic ? button('Reset', { testid: 'config-reset', kind: 'subtle', changing: true, title: 'Remove the override',
      onClick: async () => {
        const fresh = await guarded(() => put(`topics/${enc(data.name)}/configs`, { set: {}, delete: [config.name] }));
        if (fresh) await reload();
      } }) : null,
  ];
}
