// Security: SCRAM users, ACLs and client quotas. Without an authorizer the broker has no ACLs: the page says so.
import { del, enc, get, post, query, showError } from '../api.js';
import { badge, button, confirmDialog, el, field, formatNumber, pageHeader, replace, section, select, table } from '../dom.js';

const RESOURCE_TYPES = ['TOPIC', 'GROUP', 'CLUSTER', 'TRANSACTIONAL_ID', 'DELEGATION_TOKEN', 'USER'];
const OPERATIONS = ['ALL', 'READ', 'WRITE', 'CREATE', 'DELETE', 'ALTER', 'DESCRIBE', 'CLUSTER_ACTION',
  'DESCRIBE_CONFIGS', 'ALTER_CONFIGS', 'IDEMPOTENT_WRITE', 'CREATE_TOKENS', 'DESCRIBE_TOKENS'];
const QUOTAS = ['producer_byte_rate', 'consumer_byte_rate', 'request_percentage', 'controller_mutation_rate',
  'connection_creation_rate'];

export async function render(main) {
  const notice = el('div', { class: 'notice', testid: 'security-disabled', hidden: true },
    el('strong', {}, 'Authorizer not enabled. '),
    'This cluster has no authorizer (authorizer.class.name), so there are no ACLs to show: every client may do '
    + 'everything. SCRAM users and quotas still apply.');
  const users = el('div');
  const acls = el('div');
  const quotas = el('div');

  /** Loads one part; SECURITY_DISABLED shows the notice instead of an error banner. */
  const load = async (holder, path, draw) => {
    try {
      draw(await get(path));
    } catch (e) {
      if (e.code === 'SECURITY_DISABLED') {
        notice.hidden = false;
        replace(holder, el('p', { class: 'muted' }, 'Not available: authorizer not enabled.'));
      } else {
        replace(holder, el('p', { class: 'muted' }, `Not shown: ${e.code}`));
        showError(e);
      }
    }
  };
  const loadUsers = () => load(users, 'security/users', d => replace(users, usersTable(d.users || [], loadUsers)));
  const loadAcls = () => load(acls, 'security/acls', d => replace(acls, aclsTable(d.acls || [], loadAcls)));
  const loadQuotas = () => load(quotas, 'security/quotas', d => replace(quotas, quotasTable(d.quotas || [], loadQuotas)));

  main.append(pageHeader('Security'), notice,
    el('div', { class: 'grid-main-side' }, section('ACLs', acls), section('Add an ACL', aclForm(loadAcls))),
    el('div', { class: 'grid-main-side' }, section('SCRAM users', users), section('Add a user', userForm(loadUsers))),
    el('div', { class: 'grid-main-side' }, section('Client quotas', quotas), section('Set a quota', quotaForm(loadQuotas))));
  await Promise.all([loadAcls(), loadUsers(), loadQuotas()]);
}

/** Runs a change; its failure (e.g. CLUSTER_AUTHORIZATION_FAILED) goes to the banner. */
async function change(action, reload) {
  try {
    await action();
    await reload();
  } catch (e) {
    showError(e);
  }
}

function usersTable(users, reload) {
  const rows = users.flatMap(u => (u.credentials || []).map(c => ({ user: u.user, ...c })));
  return table([
    { title: 'User', cell: r => el('span', { class: 'mono' }, r.user) },
    { title: 'Mechanism', cell: r => badge(r.mechanism, 'info') },
    { title: 'Iterations', cell: r => formatNumber(r.iterations), class: 'num' },
    { title: '', class: 'row-actions', cell: r => button('Remove', { testid: 'user-remove', kind: 'danger subtle',
      changing: true, onClick: async () => {
        if (!await confirmDialog(`Remove the ${r.mechanism} credential of ${r.user}?`, 'Remove')) return;
        await change(() => del(`security/users/${enc(r.user)}${query({ mechanism: r.mechanism })}`), reload);
      } }) },
  ], rows, { testid: 'users-table', empty: 'No SCRAM users',
    rowAttrs: r => ({ testid: 'user-row', 'data-user': r.user, 'data-mechanism': r.mechanism }) });
}

function userForm(reload) {
  const user = el('input', { testid: 'user-name', required: true, autocomplete: 'off' });
  const mechanism = select(['SCRAM-SHA-512', 'SCRAM-SHA-256'], { testid: 'user-mechanism' });
  const password = el('input', { testid: 'user-password', type: 'password', required: true, autocomplete: 'new-password' });
  const iterations = el('input', { testid: 'user-iterations', type: 'number', min: 4096, value: '8192' });
  return el('form', { class: 'form', on: { submit: async e => {
    e.preventDefault();
    await change(() => post('security/users', { user: user.value.trim(), mechanism: mechanism.value,
      password: password.value, iterations: Number(iterations.value) }), reload);
    password.value = '';
  } } },
  field('User', user), field('Mechanism', mechanism), field('Password', password), field('Iterations', iterations),
  el('div', { class: 'actions' }, button('Add user', { testid: 'user-add', kind: 'primary', type: 'submit',
    changing: true })));
}

function aclsTable(acls, reload) {
  return table([
    { title: 'Principal', cell: a => el('span', { class: 'mono' }, a.principal) },
    { title: 'Permission', cell: a => badge(a.permissionType, a.permissionType === 'DENY' ? 'bad' : 'ok') },
    { title: 'Operation', cell: a => a.operation },
    { title: 'Resource', cell: a => [badge(a.resourceType, 'muted'), ' ', el('span', { class: 'mono' }, a.resourceName),
      a.patternType === 'PREFIXED' ? badge('prefix', 'info') : null] },
    { title: 'Host', cell: a => a.host },
    { title: '', class: 'row-actions', cell: a => button('Remove', { testid: 'acl-remove', kind: 'danger subtle',
      changing: true, onClick: async () => {
        if (!await confirmDialog(`Remove ${a.permissionType} ${a.operation} on ${a.resourceType} ${a.resourceName} `
          + `for ${a.principal}?`, 'Remove')) return;
        await change(() => post('security/acls/delete', a), reload);
      } }) },
  ], acls, { testid: 'acls-table', empty: 'No ACLs', rowAttrs: a => ({ testid: 'acl-row' }) });
}

function aclForm(reload) {
  const resourceType = select(RESOURCE_TYPES, { testid: 'acl-resource-type' });
  const resourceName = el('input', { testid: 'acl-resource-name', required: true, placeholder: 'orders or *' });
  const patternType = select(['LITERAL', 'PREFIXED'], { testid: 'acl-pattern-type' });
  const principal = el('input', { testid: 'acl-principal', required: true, value: 'User:' });
  const host = el('input', { testid: 'acl-host', required: true, value: '*' });
  const operation = select(OPERATIONS, { testid: 'acl-operation', value: 'READ' });
  const permission = select(['ALLOW', 'DENY'], { testid: 'acl-permission' });
  resourceType.addEventListener('change', () => {
    if (resourceType.value === 'CLUSTER') resourceName.value = 'kafka-cluster';
  });
  return el('form', { class: 'form', on: { submit: async e => {
    e.preventDefault();
    await change(() => post('security/acls', { resourceType: resourceType.value, resourceName: resourceName.value,
      patternType: patternType.value, principal: principal.value.trim(), host: host.value.trim(),
      operation: operation.value, permissionType: permission.value }), reload);
  } } },
  el('div', { class: 'row' }, field('Resource type', resourceType), field('Pattern', patternType)),
  field('Resource name', resourceName), field('Principal', principal),
  el('div', { class: 'row' }, field('Operation', operation), field('Permission', permission)),
  field('Host', host),
  el('div', { class: 'actions' }, button('Add ACL', { testid: 'acl-add', kind: 'primary', type: 'submit',
    changing: true })));
}

function entityText(entity) {
  return Object.entries(entity || {}).map(([k, v]) => `${k}=${v ?? '<default>'}`).join(', ') || '<default>';
}

function quotasTable(quotas, reload) {
  const rows = quotas.flatMap(q => Object.entries(q.values || {}).map(([name, value]) => ({ entity: q.entity, name, value })));
  return table([
    { title: 'Entity', cell: r => el('span', { class: 'mono' }, entityText(r.entity)) },
    { title: 'Quota', cell: r => r.name },
    { title: 'Value', cell: r => formatNumber(r.value), class: 'num' },
    { title: '', class: 'row-actions', cell: r => button('Remove', { testid: 'quota-remove', kind: 'danger subtle',
      changing: true, onClick: () => change(() => post('security/quotas', { entity: r.entity, set: {},
        remove: [r.name] }), reload) }) },
  ], rows, { testid: 'quotas-table', empty: 'No quotas', rowAttrs: () => ({ testid: 'quota-row' }) });
}

function quotaForm(reload) {
  const entityType = select(['user', 'client-id', 'ip'], { testid: 'quota-entity-type' });
  const entityName = el('input', { testid: 'quota-entity-name', placeholder: 'empty: the default for all' });
  const name = select(QUOTAS, { testid: 'quota-name' });
  const value = el('input', { testid: 'quota-value', type: 'number', min: 0, step: 'any', required: true });
  return el('form', { class: 'form', on: { submit: async e => {
    e.preventDefault();
    const entity = { [entityType.value]: entityName.value.trim() || null };
    await change(() => post('security/quotas', { entity, set: { [name.value]: Number(value.value) }, remove: [] }), reload);
  } } },
  el('div', { class: 'row' }, field('Entity', entityType), field('Name', entityName)),
  field('Quota', name), field('Value', value),
  el('div', { class: 'actions' }, button('Set quota', { testid: 'quota-set', kind: 'primary', type: 'submit',
    changing: true })));
}
