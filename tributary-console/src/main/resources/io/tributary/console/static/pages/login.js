// The login page: the broker itself checks the user name and password (a SASL handshake of the console's client).
import { post, setSession } from '../api.js';
import { button, el, field } from '../dom.js';

export async function render(main) {
  const username = el('input', { testid: 'login-username', name: 'username', autocomplete: 'username', required: true });
  const password = el('input', { testid: 'login-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true });
  const error = el('p', { class: 'login-error', testid: 'login-error', hidden: true });
  const submit = button('Log in', { testid: 'login-submit', kind: 'primary', type: 'submit' });
  const form = el('form', { class: 'login-form', testid: 'login-form', on: { submit: async e => {
    e.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    try {
      const session = await post('login', { username: username.value, password: password.value });
      setSession(session);
      location.hash = '#/overview';
    } catch (err) {
      error.textContent = `${err.code ? err.code + ': ' : ''}${err.message}`;
      error.hidden = false;
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
    }
  } } },
  el('h1', { testid: 'page-title' }, 'Log in'),
  el('p', { class: 'muted' }, 'Use a user of this cluster (SCRAM or PLAIN). The broker checks the password and '
    + 'applies the user\'s ACLs to everything the console shows and does.'),
  field('User', username),
  field('Password', password),
  error,
  el('div', { class: 'actions' }, submit));
  main.appendChild(el('div', { class: 'login-wrap' }, form));
  username.focus();
}
