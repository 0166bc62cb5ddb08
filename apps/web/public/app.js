    // A plain page until the React workspace lands: sign in, then a live queue pushed over /agents.
    const app = document.getElementById('app');
    const statusEl = document.getElementById('status');
    const cases = new Map();
    const text = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

    function showLogin(message) {
      app.innerHTML = `<form class="login"><h2>Sign in</h2>
        <input name="email" type="email" placeholder="Email" autocomplete="username" required />
        <input name="password" type="password" placeholder="Password" autocomplete="current-password" required />
        <button>Sign in</button><div class="error">${text(message)}</div></form>`;
      app.querySelector('form').addEventListener('submit', async (event) => {
        event.preventDefault();
        const form = new FormData(event.target);
        const res = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: form.get('email'), password: form.get('password') }) });
        const body = await res.json();
        if (!res.ok) return showLogin(body.message);
        sessionStorage.setItem('token', body.accessToken);
        showQueue(body.accessToken);
      });
    }

    function render() {
      const rows = [...cases.values()].sort((a, b) => (a.deadlines.respondBy ?? '').localeCompare(b.deadlines.respondBy ?? '') || a.priority - b.priority);
      app.innerHTML = rows.length === 0 ? '<div class="empty">No open cases. New complaints appear here as they arrive.</div>' :
        `<table><thead><tr><th>Reference</th><th>Channel</th><th>Customer</th><th>Latest</th><th>Respond by</th><th>Status</th></tr></thead><tbody>${
          rows.map((c) => `<tr><td>${text(c.reference)}</td><td><span class="channel">${text(c.channel)}</span></td><td>${text(c.customerName ?? '—')}</td>
            <td>${text(c.preview)}</td><td>${c.deadlines.respondBy ? new Date(c.deadlines.respondBy).toLocaleDateString() : '—'}</td><td>${text(c.status)}</td></tr>`).join('')
        }</tbody></table>`;
    }

    function showQueue(token) {
      const socket = io('/agents', { auth: { token } });
      socket.on('connect_error', (err) => { sessionStorage.removeItem('token'); socket.close(); showLogin(err.message === 'invalid_token' ? 'Your session has expired' : ''); });
      socket.on('connect', () => (statusEl.textContent = 'live'));
      socket.on('disconnect', () => (statusEl.textContent = 'reconnecting…'));
      socket.on('queue.snapshot', (snap) => { cases.clear(); snap.cases.forEach((c) => cases.set(c.id, c)); render(); });
      for (const type of ['case.created', 'case.updated', 'message.created']) socket.on(type, (e) => { cases.set(e.caseId, e.case); render(); });
    }

    const saved = sessionStorage.getItem('token');
    saved ? showQueue(saved) : showLogin('');
  