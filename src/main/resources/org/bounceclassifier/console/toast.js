// One status line at the bottom of the page for things that happen on their own (a reload) or
// after an action; read out by screen readers (role=status).
const SHOW_MILLIS = 8000;
let hideTimer = null;

export function toast(message, kind = 'info') {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.className = `toast ${kind}`;
  el.hidden = false;
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => {
    el.hidden = true;
  }, SHOW_MILLIS);
}
