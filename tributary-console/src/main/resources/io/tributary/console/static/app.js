// Placeholder: the pages are built in app.js and its modules.
const res = await fetch('api/cluster', { credentials: 'same-origin' });
document.getElementById('app').textContent = JSON.stringify(await res.json());
