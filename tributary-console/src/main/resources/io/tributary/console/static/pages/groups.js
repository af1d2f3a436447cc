// Consumer groups: classic, consumer (KIP-848), share and streams groups with their protocol, state and lag.
import { enc, get, guarded } from '../api.js';
import { badge, button, el, formatNumber, link, pageHeader, replace, section, stateTone, table } from '../dom.js';

const REFRESH_MS = 5000;

export async function render(main) {
  const filter = el('input', { testid: 'groups-filter', type: 'search', placeholder: 'Filter by group id', class: 'grow' });
  const holder = el('div');
  const count = el('span', { class: 'muted' });
  let groups = [];
  const draw = () => {
    const text = filter.value.trim().toLowerCase();
    const shown = groups.filter(g => g.groupId.toLowerCase().includes(text));
    count.textContent = `${groups.length} group${groups.length === 1 ? '' : 's'}`;
    replace(holder, groupsTable(shown));
  };
  const load = async () => {
    const data = await guarded(() => get('groups'));
    if (!data) return;
    groups = (data.groups || []).slice().sort((a, b) => a.groupId.localeCompare(b.groupId));
    draw();
  };
  filter.addEventListener('input', draw);
  main.append(pageHeader('Consumer groups', count, el('span', { class: 'spacer' }),
    button('Refresh', { testid: 'refresh', kind: 'subtle', onClick: load })),
  section(null, el('div', { class: 'toolbar' }, filter), holder));
  await load();
  const timer = setInterval(load, REFRESH_MS);
  return () => clearInterval(timer);
}

/** classic: "consumer (range)"; consumer (KIP-848): its server-side assignor; share, streams: their own. */
export function typeBadge(type) {
  const tone = { classic: 'muted', consumer: 'info', share: 'warn', streams: 'ok' }[type] || 'muted';
  const title = { classic: 'classic rebalance protocol', consumer: 'consumer rebalance protocol (KIP-848)',
    share: 'share group (KIP-932)', streams: 'streams rebalance protocol (KIP-1071)' }[type];
  const node = badge(type || 'unknown', tone, 'group-type');
  if (title) node.title = title;
  return node;
}

function groupsTable(groups) {
  return table([
    { title: 'Group', cell: g => link(g.groupId, `#/groups/${enc(g.groupId)}`, 'group-link') },
    { title: 'Type', cell: g => typeBadge(g.type) },
    { title: 'Protocol', cell: g => el('span', { testid: 'group-protocol' }, g.protocol || g.protocolType || '–',
      g.assignor ? el('span', { class: 'muted' }, ` · ${g.assignor}`) : null) },
    { title: 'State', cell: g => badge(g.state || 'unknown', stateTone(g.state), 'group-state') },
    { title: 'Members', cell: g => formatNumber(g.members), class: 'num' },
    { title: 'Coordinator', cell: g => g.coordinator === null || g.coordinator === undefined ? '–' : String(g.coordinator), class: 'num' },
    { title: 'Lag', cell: g => el('span', { testid: 'group-lag' }, g.lag === null || g.lag === undefined ? '–'
      : formatNumber(g.lag)), class: 'num' },
  ], groups, { testid: 'groups-table', empty: 'No groups',
    rowAttrs: g => ({ testid: 'group-row', 'data-group': g.groupId }) });
}
