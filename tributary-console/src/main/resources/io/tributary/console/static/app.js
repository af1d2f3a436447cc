// Tributary web console: a single-page app in plain ES modules (no build step). This module lays out the page
// (header, left navigation, error banner), loads the session and routes on the URL's hash to one page module.
//
// Routes: #/overview  #/topics  #/topics/<name>  #/topics/<name>/messages  #/groups  #/groups/<id>
//         #/transactions  #/security  #/login
//
// Stable data-testid attributes (the browser tests rely on them; keep them when changing the pages):
//   layout      #page[data-route=<hash>] once a page has rendered (data-render-ms: how long it took), page-title,
//               nav-<page> (overview, topics, groups, transactions, security), header-user, logout-button,
//               read-only-badge, error-banner, error-code, error-message, refresh
//   dialogs     confirm-dialog, confirm-message, confirm-ok, confirm-cancel
//   login       login-form, login-username, login-password, login-submit, login-error
//   overview    overview-cluster-id, overview-controller, overview-brokers (table), overview-quorum (table),
//               overview-partitions-total, overview-under-replicated, overview-offline, overview-under-min-isr,
//               overview-topics, throughput-charts (data-samples: how many samples are drawn), chart-bytes,
//               chart-messages
//   topics      topics-filter, topics-internal, topics-table (rows: topic-row, data-topic=<name>), topic-link,
//               topic-delete, topic-create-name, topic-create-partitions, topic-create-rf, topic-create-configs,
//               topic-create-submit
//   topic       topic-id, topic-partitions (table; rows: partition-row, data-partition=<n>), topic-messages-link,
//               add-partitions-count, add-partitions-submit, topic-configs (table; rows: config-row,
//               data-config=<name>), config-edit, config-value-input, config-save, config-reset, topic-config-set,
//               topic-config-submit, topic-delete
//   messages    messages-partition, messages-from, messages-offset, messages-timestamp, messages-limit,
//               messages-decode, messages-load, messages-next, messages-table (rows: message-row, data-partition,
//               data-offset; cells: message-key, message-value, message-headers), messages-tail-toggle,
//               messages-tail-status, search-query, search-mode, search-field, search-start, search-cancel,
//               search-progress, search-status, search-results (table; rows: search-match),
//               produce-partition, produce-key, produce-value, produce-headers, produce-submit, produce-result
//   groups      groups-filter, groups-table (rows: group-row, data-group=<id>; cells: group-type, group-protocol,
//               group-state, group-lag), group-link
//   group       group-type, group-state, group-total-lag, group-members (table; rows: member-row),
//               group-offsets (table; rows: offset-row, data-topic, data-partition; cells: offset-committed,
//               offset-lag), reset-topic, reset-strategy, reset-timestamp, reset-offset, reset-preview,
//               reset-preview-table (rows: reset-row), reset-execute, reset-result, group-delete
//   transactions  transactions-table (rows: transaction-row, data-transactional-id)
//   security    security-disabled, users-table (rows: user-row), user-name, user-mechanism, user-password,
//               user-iterations, user-add, user-remove, acls-table (rows: acl-row), acl-resource-type,
//               acl-resource-name, acl-pattern-type, acl-principal, acl-host, acl-operation, acl-permission,
//               acl-add, acl-remove, quotas-table (rows: quota-row), quota-entity-type, quota-entity-name,
//               quota-name, quota-value, quota-set, quota-remove

import { clearError, loadSession, post, session, setSession, showError } from './api.js';
import { button, el, replace } from './dom.js';
import * as overview from './pages/overview.js';
import * as topics from './pages/topics.js';
import * as topic from './pages/topic.js';
import * as messages from './pages/messages.js';
import * as groups from './pages/groups.js';
import * as group from './pages/group.js';
import * as transactions from './pages/transactions.js';
import * as security from './pages/security.js';
import * as login from './pages/login.js';

const NAV = [
  ['overview', 'Overview'],
  ['topics', 'Topics'],
  ['groups', 'Consumer groups'],
  ['transactions', 'Transactions'],
  ['security', 'Security'],
];

/** The page for a hash, its parameters, and the nav entry it belongs to. */
function route(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const [first, second, third] = parts;
  if (first === 'topics' && second && third === 'messages') return { page: messages, params: { topic: second }, nav: 'topics' };
  if (first === 'topics' && second) return { page: topic, params: { topic: second }, nav: 'topics' };
  if (first === 'topics') return { page: topics, params: {}, nav: 'topics' };
  if (first === 'groups' && second) return { page: group, params: { group: second }, nav: 'groups' };
  if (first === 'groups') return { page: groups, params: {}, nav: 'groups' };
  if (first === 'transactions') return { page: transactions, params: {}, nav: 'transactions' };
  if (first === 'security') return { page: security, params: {}, nav: 'security' };
  if (first === 'login') return { page: login, params: {}, nav: null };
  return { page: overview, params: {}, nav: 'overview' };
}

let cleanup = null;
let renderCount = 0;

async function render() {
  if (cleanup) {
    try { cleanup(); } catch (e) { console.warn(e); }
    cleanup = null;
  }
  clearError();
  const s = session();
  if (s && s.loginRequired && !s.authenticated && location.hash !== '#/login') {
    location.hash = '#/login';
    return;
  }
  const { page, params, nav } = route(location.hash);
  renderHeader();
  for (const link of document.querySelectorAll('.sidenav a')) {
    link.classList.toggle('active', link.dataset.page === nav);
  }
  const main = document.getElementById('page');
  const mine = ++renderCount;
  const started = performance.now();
  main.replaceChildren();
  main.setAttribute('aria-busy', 'true');
  delete main.dataset.route;
  try {
    const result = await page.render(main, params);
    if (mine === renderCount) cleanup = typeof result === 'function' ? result : null;
    else if (typeof result === 'function') result(); // the user moved on while this page loaded
  } catch (e) {
    showError(e);
  } finally {
    if (mine === renderCount) {
      main.setAttribute('aria-busy', 'false');
      main.dataset.renderMs = String(Math.round(performance.now() - started)); // API calls and drawing
      main.dataset.route = location.hash; // the browser tests wait for it: this page has rendered
    }
  }
}

function renderHeader() {
  const s = session() || {};
  const right = document.getElementById('header-right');
  replace(right,
    s.readOnly ? el('span', { class: 'badge warn', testid: 'read-only-badge', title:
      'tributary.console.read.only=true: nothing can be changed from this console' }, 'read-only') : null,
    s.authenticated ? el('span', { class: 'user', testid: 'header-user', title: s.principal }, s.user) : null,
    s.authenticated ? button('Log out', { testid: 'logout-button', kind: 'subtle', onClick: logout }) : null);
  document.body.classList.toggle('read-only', !!s.readOnly);
  const noNav = !!(s.loginRequired && !s.authenticated);
  document.querySelector('.sidenav').hidden = noNav;
  document.body.classList.toggle('no-nav', noNav);
}

async function logout() {
  try {
    await post('logout');
  } catch (e) {
    showError(e);
    return;
  }
  setSession(await loadSession().catch(() => ({ loginRequired: true, authenticated: false })));
  if (location.hash === '#/login') render();
  else location.hash = '#/login';
}

function layout() {
  const app = document.getElementById('app');
  replace(app,
    el('header', { class: 'topbar' },
      el('a', { class: 'brand', href: '#/overview' }, el('span', { class: 'logo' }, '≋'), 'Tributary'),
      el('span', { class: 'brand-sub' }, 'console'),
      el('div', { class: 'header-right', id: 'header-right' })),
    el('nav', { class: 'sidenav' }, NAV.map(([id, label]) =>
      el('a', { href: `#/${id}`, testid: `nav-${id}`, 'data-page': id }, label))),
    el('main', { class: 'content' },
      el('div', { id: 'banner', class: 'banner', testid: 'error-banner', hidden: true, role: 'alert' }),
      el('div', { id: 'page' })));
}

async function start() {
  layout();
  try {
    await loadSession();
  } catch (e) {
    showError(e);
  }
  window.addEventListener('hashchange', render);
  if (!location.hash) history.replaceState(null, '', '#/overview');
  await render();
}

start();
