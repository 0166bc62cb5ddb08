import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The widget's own code: plain browser JavaScript, kept as text so it ships
 * inside dist/ with no build step for us or for the site that embeds it.
 * It expects `io` (the Socket.IO client) in scope; see webchatWidgetScript.
 */
const WIDGET_SOURCE = String.raw`
var script = document.currentScript || document.querySelector('script[src$="/webchat/widget.js"]');
var base = new URL(script.src, location.href).origin;
var title = script.getAttribute('data-title') || 'Complaints and questions';
var storageKey = 'complaints-inbox-webchat:' + base;
var sent = {};

function el(tag, css, text) {
  var node = document.createElement(tag);
  if (css) node.style.cssText = css;
  if (text) node.textContent = text;
  return node;
}
function stored(key) { try { return localStorage.getItem(key || storageKey); } catch (e) { return null; } }
function store(token, key) { try { localStorage.setItem(key || storageKey, token); } catch (e) { /* private mode: the chat lasts as long as the page */ } }
// The email or phone the visitor gave, shown again on their next visit instead of asking twice.
var contactKey = storageKey + ':contact';
function clock(iso) {
  var d = new Date(iso);
  return isNaN(d.getTime()) ? '' : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
function newId() { return Date.now().toString(36) + Math.random().toString(36).slice(2, 10); }

var font = 'font:14px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;';
var root = el('div', font + 'position:fixed;right:20px;bottom:20px;z-index:2147483000;');
root.setAttribute('data-complaints-inbox-webchat', '');
var button = el('button', font + 'background:#1f4e79;color:#fff;border:0;border-radius:24px;padding:12px 18px;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.3);', 'Chat with us');
var panel = el('div', 'display:none;flex-direction:column;width:320px;height:440px;background:#fff;border:1px solid #ccd;border-radius:10px;box-shadow:0 4px 16px rgba(0,0,0,.25);overflow:hidden;');
var header = el('div', 'background:#1f4e79;color:#fff;padding:10px 12px;font-weight:600;display:flex;justify-content:space-between;', title);
var close = el('span', 'cursor:pointer;font-weight:400;', '×');
var list = el('div', 'flex:1;overflow-y:auto;padding:10px;background:#f6f7f9;');
list.setAttribute('role', 'log');
list.setAttribute('aria-live', 'polite');
var status = el('div', 'font-size:12px;color:#a33;padding:0 10px;min-height:16px;');
var contact = el('form', 'display:flex;gap:6px;padding:6px 10px;border-top:1px solid #eee;');
var known = el('div', 'display:none;gap:6px;align-items:center;justify-content:space-between;padding:6px 10px;border-top:1px solid #eee;font-size:12px;color:#335;');
var knownText = el('span', 'overflow-wrap:anywhere;');
var knownChange = el('button', 'padding:2px 8px;border:1px solid #ccd;background:#fff;color:#1f4e79;border-radius:6px;cursor:pointer;font:inherit;', 'Change');
knownChange.type = 'button';
known.appendChild(knownText);
known.appendChild(knownChange);
var contactInput = el('input', 'flex:1;padding:6px;border:1px solid #ccd;border-radius:6px;');
contactInput.placeholder = 'Email or phone (optional)';
contactInput.setAttribute('aria-label', 'Your email or phone number');
var contactButton = el('button', 'padding:6px 8px;border:1px solid #1f4e79;background:#fff;color:#1f4e79;border-radius:6px;cursor:pointer;', 'Save');
// Shown once a code was sent to the email or phone given: the address is the visitor's only once it is entered.
var verify = el('form', 'display:none;gap:6px;padding:6px 10px;border-top:1px solid #eee;');
var verifyInput = el('input', 'flex:1;padding:6px;border:1px solid #ccd;border-radius:6px;');
verifyInput.placeholder = 'Code we sent you';
verifyInput.setAttribute('aria-label', 'The code we sent to your email or phone');
verifyInput.setAttribute('inputmode', 'numeric');
verifyInput.setAttribute('autocomplete', 'one-time-code');
verifyInput.maxLength = 6;
var verifyButton = el('button', 'padding:6px 8px;border:1px solid #1f4e79;background:#fff;color:#1f4e79;border-radius:6px;cursor:pointer;', 'Confirm');
verify.appendChild(verifyInput);
verify.appendChild(verifyButton);
var form = el('form', 'display:flex;gap:6px;padding:8px 10px;border-top:1px solid #eee;');
var input = el('textarea', 'flex:1;resize:none;height:38px;padding:6px;border:1px solid #ccd;border-radius:6px;font:inherit;');
input.placeholder = 'Type your message';
input.setAttribute('aria-label', 'Your message');
var send = el('button', 'padding:6px 12px;border:0;background:#1f4e79;color:#fff;border-radius:6px;cursor:pointer;', 'Send');
header.appendChild(close);
contact.appendChild(contactInput);
contact.appendChild(contactButton);
form.appendChild(input);
form.appendChild(send);
panel.appendChild(header);
panel.appendChild(list);
panel.appendChild(status);
panel.appendChild(contact);
panel.appendChild(known);
panel.appendChild(verify);
panel.appendChild(form);
root.appendChild(panel);
root.appendChild(button);
document.body.appendChild(root);

function open(show) {
  panel.style.display = show ? 'flex' : 'none';
  button.style.display = show ? 'none' : 'inline-block';
  // The newest message in view, also after a reload (the list had no height while the panel was closed).
  if (show) { list.scrollTop = list.scrollHeight; input.focus(); }
}
function showKnown(value) {
  if (!value) { known.style.display = 'none'; contact.style.display = 'flex'; return; }
  knownText.textContent = 'We can reach you at ' + value;
  known.style.display = 'flex';
  contact.style.display = 'none';
}
knownChange.onclick = function () { known.style.display = 'none'; contact.style.display = 'flex'; contactInput.value = stored(contactKey) || ''; contactInput.focus(); };
showKnown(stored(contactKey));
button.onclick = function () { open(true); };
close.onclick = function () { open(false); };

// Who wrote each line and when: "You", the agent's first name, or "Automatic" for the inbox's own messages.
function byline(message) {
  var who = message.from === 'visitor' ? 'You' : message.author ? message.author : message.author === null ? 'Automatic' : 'Us';
  var at = message.at ? clock(message.at) : clock(new Date().toISOString());
  return who + (at ? ' · ' + at : '');
}
function line(message) {
  if (message.id && sent[message.id]) return sent[message.id];
  var mine = message.from === 'visitor';
  var row = el('div', 'margin:6px 0;display:flex;flex-direction:column;' + (mine ? 'align-items:flex-end;' : 'align-items:flex-start;'));
  var bubble = el('div', 'padding:7px 10px;border-radius:10px;max-width:85%;white-space:pre-wrap;word-wrap:break-word;' +
    (mine ? 'background:#1f4e79;color:#fff;' : 'background:#fff;border:1px solid #dde;'), message.text);
  var meta = el('div', 'font-size:11px;color:#667;margin-top:2px;', byline(message));
  meta.setAttribute('data-role', 'byline');
  row.appendChild(bubble);
  row.appendChild(meta);
  if (!mine && message.choices && message.choices.length) row.appendChild(choiceButtons(message.choices));
  list.appendChild(row);
  list.scrollTop = list.scrollHeight;
  if (message.id) sent[message.id] = bubble;
  return bubble;
}
// The satisfaction question's answers as buttons; one press answers and thanks the visitor.
function choiceButtons(choices) {
  var box = el('div', 'display:flex;gap:6px;margin-top:6px;flex-wrap:wrap;');
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', 'Your rating');
  choices.forEach(function (choice) {
    var b = el('button', 'min-width:36px;padding:6px 10px;border:1px solid #1f4e79;background:#fff;color:#1f4e79;border-radius:6px;cursor:pointer;font:inherit;', choice);
    b.type = 'button';
    b.onclick = function () {
      submit(choice, function (ok) {
        if (!ok) return;
        box.textContent = '';
        box.appendChild(el('div', 'font-size:12px;color:#335;', 'Thank you for your rating.'));
      });
    };
    box.appendChild(b);
  });
  return box;
}

var socket = io(base + '/webchat', {
  transports: ['websocket'],
  auth: function (cb) { cb({ visitorToken: stored() }); }
});
socket.on('session', function (session) { store(session.visitorToken); });
socket.on('history', function (history) {
  list.textContent = '';
  sent = {};
  (history.messages || []).forEach(line);
});
socket.on('message', function (message) {
  line(message);
  if (panel.style.display === 'none') button.textContent = 'New reply — open chat';
});
socket.on('connect_error', function () { status.textContent = 'Connecting…'; });
socket.on('connect', function () { status.textContent = ''; });

function submit(text, done) {
  var bubble = line({ from: 'visitor', text: text, at: new Date().toISOString() });
  bubble.style.opacity = '0.6';
  socket.timeout(15000).emit('message', { text: text, clientId: newId() }, function (err, ack) {
    if (err || !ack || ack.error) {
      bubble.style.opacity = '1';
      bubble.style.background = '#a33';
      status.style.color = '#a33';
      status.textContent = (ack && ack.message) || 'Not sent — please try again.';
      if (done) done(false);
      return;
    }
    bubble.style.opacity = '1';
    status.textContent = '';
    if (done) done(true);
  });
}
form.onsubmit = function (event) {
  event.preventDefault();
  var text = input.value.trim();
  if (!text) return;
  input.value = '';
  submit(text);
};
input.onkeydown = function (event) {
  if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); form.onsubmit(event); }
};
contact.onsubmit = function (event) {
  event.preventDefault();
  var value = contactInput.value.trim();
  if (!value) return;
  var payload = value.indexOf('@') === -1 ? { phone: value } : { email: value };
  socket.emit('identify', payload, function (ack) {
    status.textContent = ack && ack.error ? ack.message : '';
    if (!ack || !ack.ok) return;
    store(value, contactKey);
    showKnown(value);
    var sent = (ack.verification || []).filter(function (v) { return v.sent; });
    var failed = (ack.verification || []).filter(function (v) { return !v.sent; });
    if (sent.length) {
      verify.style.display = 'flex';
      status.style.color = '#335';
      status.textContent = 'We sent a code to your ' + (sent[0].channel === 'email' ? 'email' : 'phone') + '. Enter it to link it to this chat.';
      verifyInput.focus();
    } else if (failed.length) {
      status.textContent = failed[0].message;
    }
  });
};
verify.onsubmit = function (event) {
  event.preventDefault();
  var code = verifyInput.value.trim();
  if (!code) return;
  socket.emit('verify', { code: code }, function (ack) {
    if (ack && ack.ok) {
      verify.style.display = 'none';
      status.style.color = '#335';
      status.textContent = 'Thank you — confirmed.';
      return;
    }
    status.style.color = '#a33';
    status.textContent = (ack && ack.message) || 'Not confirmed — please try again.';
    if (ack && (ack.error === 'verification_not_pending' || ack.attemptsLeft === 0)) { verify.style.display = 'none'; contact.style.display = 'flex'; }
  });
};
`;

let cached: string | undefined;

/**
 * The script behind `<script src="…/webchat/widget.js">`: the Socket.IO
 * client that ships with the socket.io package, wrapped so that it defines
 * nothing on the embedding page (its UMD header sees a local `module`), then
 * the widget. Built once per process.
 */
export function webchatWidgetScript(): string {
  if (cached === undefined) {
    const client = readFileSync(join(dirname(require.resolve('socket.io/package.json')), 'client-dist', 'socket.io.min.js'), 'utf8').replace(
      /\/\/# sourceMappingURL=.*$/m,
      '',
    );
    cached = `/* Complaints inbox web chat widget. Embed with <script src="https://YOUR-INBOX/webchat/widget.js" async></script> */
(function () {
'use strict';
var module = { exports: {} };
var exports = module.exports;
${client}
;var io = module.exports;
${WIDGET_SOURCE}
})();
`;
  }
  return cached;
}

/** A demo page that embeds the widget the way a customer's site would. */
export const WEBCHAT_DEMO_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Web chat demo — Complaints inbox</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#222}code{background:#f2f2f2;padding:0 .25rem}</style>
</head>
<body>
<h1>Example Bank</h1>
<p>This page stands for your website. The chat button in the corner is the complaints inbox's web chat widget,
embedded with one tag:</p>
<p><code>&lt;script src="/webchat/widget.js" async&gt;&lt;/script&gt;</code></p>
<p>Write a message: it appears live in the agents' queue, and their replies appear here. Reload the page and the
conversation is still there.</p>
<script src="/webchat/widget.js" data-title="Example Bank — complaints" async></script>
</body>
</html>
`;
