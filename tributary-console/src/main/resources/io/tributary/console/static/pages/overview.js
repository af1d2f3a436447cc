// Overview: the cluster (brokers, controller, metadata quorum), partition health and this node's throughput.
import { get, showError } from '../api.js';
import { badge, el, formatBytes, formatNumber, formatTime, pageHeader, section, table } from '../dom.js';

const REFRESH_MS = 5000;

export async function render(main) {
  const cluster = await get('cluster');
  const charts = el('div', { class: 'charts', testid: 'throughput-charts' });
  main.append(
    pageHeader('Overview', el('span', { class: 'muted' }, 'cluster ',
      el('span', { class: 'mono', testid: 'overview-cluster-id' }, cluster.clusterId ?? '–'),
      `, served by node ${cluster.servedBy ?? '–'}`)),
    stats(cluster),
    el('div', { class: 'grid-2' },
      section('Brokers', brokers(cluster)),
      section('Metadata quorum', quorum(cluster.quorum))),
    section('Throughput of this node (last 15 minutes, every 5 s)', charts));

  const bytesChart = chart(charts, 'chart-bytes', 'Bytes / s', [
    { label: 'in', stroke: '#2f6fdb', fill: 'rgba(47,111,219,0.08)' },
    { label: 'out', stroke: '#1f9d6b', fill: 'rgba(31,157,107,0.08)' }], formatBytes);
  const messagesChart = chart(charts, 'chart-messages', 'Messages in / s', [
    { label: 'messages in', stroke: '#b8860b', fill: 'rgba(184,134,11,0.08)' }], v => formatNumber(Math.round(v)));

  let stopped = false;
  const refresh = async () => {
    try {
      const data = await get('throughput');
      if (stopped) return;
      const samples = data.samples || [];
      const t = samples.map(s => s.t / 1000);
      bytesChart.setData([t, samples.map(s => s.bytesInPerSec), samples.map(s => s.bytesOutPerSec)]);
      messagesChart.setData([t, samples.map(s => s.messagesInPerSec)]);
      charts.dataset.samples = String(samples.length);
    } catch (e) {
      if (!stopped) showError(e);
    }
  };
  await refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
    bytesChart.destroy();
    messagesChart.destroy();
  };
}

function stats(cluster) {
  const p = cluster.partitions || {};
  const stat = (label, value, testid, tone) => el('div', { class: `stat ${tone || ''}` },
    el('div', { class: 'stat-value', testid }, value === undefined || value === null ? '–' : String(value)),
    el('div', { class: 'stat-label' }, label));
  const health = n => (n === undefined || n === null ? '' : n > 0 ? 'bad' : 'ok');
  return el('div', { class: 'stats' },
    stat('Controller', cluster.controllerId, 'overview-controller'),
    stat('Brokers', (cluster.brokers || []).length, 'overview-brokers-count'),
    stat('Topics', cluster.topics, 'overview-topics'),
    stat('Partitions', p.total, 'overview-partitions-total'),
    stat('Under-replicated', p.underReplicated, 'overview-under-replicated', health(p.underReplicated)),
    stat('Under min ISR', p.underMinIsr, 'overview-under-min-isr', health(p.underMinIsr)),
    stat('Offline', p.offline, 'overview-offline', health(p.offline)));
}

function brokers(cluster) {
  return table([
    { title: 'Id', cell: b => String(b.id), class: 'num' },
    { title: 'Host', cell: b => b.host },
    { title: 'Port', cell: b => String(b.port), class: 'num' },
    { title: 'Rack', cell: b => b.rack ?? '–' },
    { title: 'Role', cell: b => [
      b.id === cluster.controllerId || b.isController ? badge('controller', 'info') : null,
      b.id === cluster.servedBy ? badge('serving this console', 'muted') : null] },
  ], cluster.brokers || [], { testid: 'overview-brokers', rowAttrs: b => ({ 'data-broker': b.id }) });
}

function quorum(q) {
  if (!q) return el('p', { class: 'muted' }, 'The quorum is not described by this node.');
  const rows = [
    ...(q.voters || []).map(v => ({ ...v, role: v.id === q.leaderId ? 'leader' : 'voter' })),
    ...(q.observers || []).map(o => ({ ...o, role: 'observer' })),
  ];
  return el('div', {},
    el('p', { class: 'muted' }, `Leader ${q.leaderId ?? '–'}, epoch ${q.leaderEpoch ?? '–'}, high watermark `
      + formatNumber(q.highWatermark)),
    table([
      { title: 'Node', cell: r => String(r.id), class: 'num' },
      { title: 'Role', cell: r => badge(r.role, r.role === 'leader' ? 'ok' : r.role === 'voter' ? 'info' : 'muted') },
      { title: 'Log end offset', cell: r => formatNumber(r.logEndOffset), class: 'num' },
      { title: 'Lag', cell: r => badge(formatNumber(r.lag), r.lag > 0 ? 'warn' : 'ok'), class: 'num' },
      { title: 'Last caught up', cell: r => formatTime(r.lastCaughtUpTimestamp) },
    ], rows, { testid: 'overview-quorum' }));
}

/** A uPlot time series chart; uPlot is the global from /console/vendor/uplot/uPlot.iife.min.js. */
function chart(parent, testid, title, series, format) {
  const holder = el('div', { class: 'chart', testid });
  parent.appendChild(el('div', { class: 'chart-box' }, el('h3', {}, title), holder));
  if (typeof uPlot === 'undefined') {
    holder.textContent = 'Charts unavailable (uPlot did not load).';
    return { setData() {}, destroy() {} };
  }
  const width = Math.max(320, Math.floor(parent.clientWidth / 2) - 32);
  // eslint-disable-next-line no-undef
  const plot = new uPlot({
    width, height: 200,
    legend: { live: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
    axes: [{ stroke: '#556', grid: { stroke: '#eef0f3' } },
      { stroke: '#556', grid: { stroke: '#eef0f3' }, size: 70, values: (u, ticks) => ticks.map(format) }],
    series: [{}, ...series.map(s => ({ ...s, width: 1.5, value: (u, v) => (v === null ? '–' : format(v)) }))],
  }, [[], ...series.map(() => [])], holder);
  return { setData: data => plot.setData(data), destroy: () => plot.destroy() };
}
