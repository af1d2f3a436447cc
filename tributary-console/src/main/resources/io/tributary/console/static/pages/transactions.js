// Transactions: open and recent transactional producers as their coordinators describe them.
import { get } from '../api.js';
import { badge, el, formatNumber, formatTime, pageHeader, section, stateTone, table } from '../dom.js';

export async function render(main) {
  const data = await get('transactions');
  const transactions = data.transactions || []; // the server's order: open ones first, oldest first
  const open = transactions.filter(t => t.open ?? String(t.state).toLowerCase() === 'ongoing').length;
  main.append(pageHeader('Transactions', el('span', { class: 'muted' }, `${transactions.length} transactional `
    + `id${transactions.length === 1 ? '' : 's'}, ${open} open`)),
  section(null, table([
    { title: 'Transactional id', cell: t => el('span', { class: 'mono' }, t.transactionalId) },
    { title: 'State', cell: t => badge(t.state, stateTone(t.state), 'transaction-state') },
    { title: 'Producer id', cell: t => String(t.producerId), class: 'num' },
    { title: 'Epoch', cell: t => String(t.producerEpoch), class: 'num' },
    { title: 'Timeout', cell: t => `${formatNumber(t.timeoutMs)} ms`, class: 'num' },
    { title: 'Started', cell: t => formatTime(t.transactionStartTimeMs), class: 'nowrap' },
    { title: 'Partitions', cell: t => (t.topicPartitions || []).map(tp => `${tp.topic}-${tp.partition}`).join(', ') || '–' },
    { title: 'Coordinator', cell: t => String(t.coordinator ?? '–'), class: 'num' },
  ], transactions, { testid: 'transactions-table', empty: 'No transactional producers',
    rowAttrs: t => ({ testid: 'transaction-row', 'data-transactional-id': t.transactionalId }) })));
}
