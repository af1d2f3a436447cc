// Small DOM helpers. Every piece of data reaches the page through textContent or attribute values, never innerHTML,
// so a topic name, a header or a message value cannot inject markup.
import { session } from './api.js';

/**
 * el('div', {class: 'x', testid: 'y', on: {click: fn}}, child, 'text', ...): an element. Attributes: `testid` sets
 * data-testid, `on` adds event listeners, `style` takes a string, boolean false/null/undefined skip the attribute.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'testid') node.dataset.testid = value;
    else if (name === 'on') for (const [event, fn] of Object.entries(value)) node.addEventListener(event, fn);
    else if (name === 'class') node.className = value;
    else if (name === 'value') node.value = value;
    else if (name === 'checked') node.checked = !!value;
    else if (name === 'disabled') node.disabled = !!value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces a node's children. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** A button; `changing` ones (they alter the cluster) are disabled when the console is read-only. */
export function button(label, { testid, changing = false, kind = '', onClick, type = 'button', title, disabled } = {}) {
  const readOnly = changing && session()?.readOnly;
  return el('button', {
    type, testid, class: ['btn', kind].filter(Boolean).join(' '), disabled: readOnly || disabled,
    title: readOnly ? 'The console is read-only' : title,
    'data-changing': changing ? 'true' : null,
    on: onClick ? { click: onClick } : null,
  }, label);
}

/** A badge; `tone` is ok, warn, bad, info or muted. */
export function badge(text, tone = 'muted', testid) {
  return el('span', { class: `badge ${tone}`, testid }, text);
}

export function link(text, href, testid) {
  return el('a', { href, testid }, text);
}

/**
 * A table: columns [{title, cell: row => node|text, class}], rows, and for each row its attributes (testid, data-*).
 */
export function table(columns, rows, { testid, rowAttrs, empty = 'Nothing to show' } = {}) {
  const head = el('thead', {}, el('tr', {}, columns.map(c => el('th', { class: c.class }, c.title))));
  const body = el('tbody');
  const fragment = document.createDocumentFragment();
  for (const row of rows) {
    fragment.appendChild(el('tr', rowAttrs ? rowAttrs(row) : {},
      columns.map(c => el('td', { class: c.class }, c.cell(row)))));
  }
  if (rows.length === 0) {
    fragment.appendChild(el('tr', { class: 'empty' }, el('td', { colspan: columns.length }, empty)));
  }
  body.appendChild(fragment);
  return el('table', { class: 'data', testid }, head, body);
}

/** A labelled form field. */
export function field(label, input, hint) {
  return el('label', { class: 'field' }, el('span', { class: 'field-label' }, label), input,
    hint ? el('span', { class: 'hint' }, hint) : null);
}

export function select(options, { testid, value, on } = {}) {
  return el('select', { testid, on }, options.map(o => {
    const [v, text] = Array.isArray(o) ? o : [o, o];
    return el('option', { value: v, selected: String(v) === String(value) ? true : null }, text);
  }));
}

export function section(title, ...children) {
  return el('section', { class: 'card' }, title ? el('h2', {}, title) : null, children);
}

export function pageHeader(title, ...extra) {
  return el('div', { class: 'page-header' }, el('h1', { testid: 'page-title' }, title), extra);
}

/** An in-page confirmation (no window.confirm: a page's own dialog can be styled and tested). */
export function confirmDialog(message, confirmLabel = 'Delete') {
  return new Promise(resolve => {
    const close = answer => { overlay.remove(); resolve(answer); };
    const overlay = el('div', { class: 'overlay', testid: 'confirm-dialog' },
      el('div', { class: 'dialog' },
        el('p', { testid: 'confirm-message' }, message),
        el('div', { class: 'actions' },
          button('Cancel', { testid: 'confirm-cancel', onClick: () => close(false) }),
          button(confirmLabel, { testid: 'confirm-ok', kind: 'danger', onClick: () => close(true) }))));
    document.body.appendChild(overlay);
  });
}

export function formatBytes(bytes) {
  if (bytes === null || bytes === undefined) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = Number(bytes);
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  const digits = value >= 100 || (unit === 0 && Number.isInteger(value)) ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

export function formatNumber(n) {
  return n === null || n === undefined ? '–' : Number(n).toLocaleString('en-US');
}

export function formatTime(ms) {
  if (ms === null || ms === undefined || ms < 0) return '–';
  const d = new Date(Number(ms));
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
    + `:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** key=value lines (blank lines and # comments skipped) into an object; a line without '=' is an error. */
export function parseKeyValueLines(text) {
  const out = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`Not key=value: ${line}`);
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

export function stateTone(state) {
  const s = String(state || '').toLowerCase();
  if (['stable', 'ongoing', 'complete_commit', 'completecommit', 'empty'].includes(s)) return s === 'empty' ? 'muted' : 'ok';
  if (['preparingrebalance', 'preparing_rebalance', 'completingrebalance', 'completing_rebalance', 'assigning',
    'reconciling', 'prepare_commit', 'preparecommit', 'prepare_abort', 'prepareabort', 'prepare_epoch_fence']
    .includes(s)) return 'warn';
  if (['dead', 'unknown'].includes(s)) return 'bad';
  if (['complete_abort', 'completeabort'].includes(s)) return 'muted';
  return 'info';
}
