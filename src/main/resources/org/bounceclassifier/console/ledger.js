// Screen "Ledger": find a recipient and see its state and events, list suppressions and download
// them as CSV, release one (with the admin token). A service without the ledger answers 404 on its endpoints: then the
// screen says so and shows nothing else.
import { adminToken, call, getJson } from './api.js';
import { askForToken, withAdmin } from './admin.js';
import { categories } from './categories.js';
import { definitions, h, replace, table } from './dom.js';
import { formatNumber, formatTime, t, tId } from './i18n.js';
import { ruleLink } from './links.js';
import { errorNotice } from './result.js';
import { toast } from './toast.js';

const el = (id) => document.getElementById(id);
/** Rows per page of the suppression list. */
const PAGE_SIZE = 50;
/** null: not checked yet; then true or false. */
let enabled = null;
let shownRecipient = null;
let lastFilter = null;

export function initLedger() {
  el('ledger-search').addEventListener('submit', (event) => {
    event.preventDefault();
    const address = el('ledger-address').value.trim();
    if (address) {
      showRecipient(address);
    }
  });
  el('ledger-filter').addEventListener('submit', (event) => {
    event.preventDefault();
    listSuppressions();
  });
  // the download is the list the filter says, as it is typed (a plain link: the browser streams
  // the file to disk; GET /v1/suppressions.csv is read-only and needs no admin token)
  el('ledger-filter').addEventListener('input', updateCsvLink);
  el('ledger-filter').addEventListener('change', updateCsvLink);
  el('release-form').addEventListener('submit', (event) => {
    event.preventDefault();
    release();
  });
  el('release-cancel').addEventListener('click', () => el('release-dialog').close());
  document.addEventListener('langchange', () => {
    if (enabled) {
      if (shownRecipient) {
        showRecipient(shownRecipient);
      }
      listSuppressions();
    } else if (enabled === false) {
      showUnavailable();
    }
  });
}

export async function showLedger() {
  if (enabled === null) {
    try {
      await getJson('/v1/suppressions?limit=1');
      enabled = true;
    } catch (e) {
      if (e.status === 404) {
        enabled = false;
      } else {
        replace(el('ledger-unavailable'), errorNotice(e));
        el('ledger-unavailable').hidden = false;
        return;
      }
    }
  }
  if (!enabled) {
    showUnavailable();
    return;
  }
  el('ledger-unavailable').hidden = true;
  el('ledger-body').hidden = false;
  await fillCategories();
  await listSuppressions();
}

function showUnavailable() {
  replace(el('ledger-unavailable'), h('p', { class: 'notice', text: t('ledger.notEnabled') }));
  el('ledger-unavailable').hidden = false;
  el('ledger-body').hidden = true;
}

async function fillCategories() {
  const select = el('ledger-category');
  if (select.options.length > 1) {
    return;
  }
  try {
    (await categories()).forEach((c) => select.appendChild(h('option', { value: c.id, text: c.id })));
  } catch {
    // the filter still works without the list: "any category"
  }
}

async function showRecipient(address) {
  shownRecipient = address;
  const box = el('ledger-recipient');
  try {
    const r = await getJson(`/v1/recipients/${encodeURIComponent(address)}`);
    replace(box, recipientView(r));
  } catch (e) {
    replace(box, e.status === 404 ? h('p', { class: 'notice', text: e.message }) : errorNotice(e));
  }
}

function rulesList(names) {
  return names?.length ? h('ul', { class: 'plain' }, names.map((n) => h('li', {}, ruleLink(n)))) : t('common.none');
}

function recipientView(r) {
  const s = r.suppression;
  return h('div', { class: 'recipient-view' },
    h('h3', { class: 'mono', text: r.address }),
    definitions([
      [t('ledger.state'), h('span', { class: `badge state-${r.state}`, text: tId('ledger.state', r.state) })],
      [t('ledger.softBounces'), String(r.consecutiveSoftBounces)],
      [t('result.category'), s ? h('code', { text: s.category }) : null],
      [t('ledger.suppressedAt'), s ? formatTime(s.suppressedAt) : null],
      [t('ledger.rules'), s ? rulesList(s.matchedRules) : null],
      [t('ledger.releasedAt'), r.releasedAt ? formatTime(r.releasedAt) : null],
      [t('ledger.updatedAt'), formatTime(r.updatedAt)],
    ]),
    r.state === 'suppressed' ? releaseButton(r.address) : null,
    h('h4', { text: t('ledger.events') }),
    r.events?.length ? table(null, [t('ledger.recordedAt'), t('ledger.kind'), t('result.category'),
      t('result.type'), t('result.action'), t('ledger.codes'), t('ledger.effect'), t('ledger.rules')],
    r.events.map((e) => [formatTime(e.recordedAt), tId('ledger.kind', e.kind),
      e.category ? h('code', { text: e.category }) : '',
      e.bounceType ? tId('type', e.bounceType) : '', e.action ? tId('action', e.action) : '',
      [e.smtpCode, e.enhancedStatus].filter(Boolean).join(' '), tId('ledger.effect', e.effect), rulesList(e.matchedRules)]))
      : h('p', { class: 'muted', text: t('ledger.noEvents') }),
    r.audit?.length ? [h('h4', { text: t('ledger.audit') }),
      table(null, [t('rules.at'), t('ledger.kind'), t('ledger.actor'), t('ledger.reason')],
        r.audit.map((a) => [formatTime(a.at), tId('ledger.audit', a.action), a.actor ?? '', a.reason ?? '']))] : null);
}

function releaseButton(address) {
  return h('button', {
    type: 'button', class: 'admin-action', 'aria-label': t('ledger.releaseLabel', { address }),
    onClick: () => openRelease(address),
  }, t('ledger.release'));
}

/** The filter's fields as query parameters: domain, category, since. */
function filterParams() {
  const params = new URLSearchParams();
  for (const [id, param] of [['ledger-domain', 'domain'], ['ledger-category', 'category'], ['ledger-since', 'since']]) {
    const value = el(id).value.trim();
    if (value) {
      params.set(param, value);
    }
  }
  return params;
}

function updateCsvLink() {
  const params = filterParams().toString();
  el('ledger-csv').href = `/v1/suppressions.csv${params ? `?${params}` : ''}`;
}

async function listSuppressions(cursor = null) {
  const box = el('ledger-suppressions');
  if (!cursor) {
    lastFilter = filterParams();
    lastFilter.set('limit', String(PAGE_SIZE));
    updateCsvLink();
  }
  const params = new URLSearchParams(lastFilter);
  if (cursor) {
    params.set('cursor', cursor);
  }
  try {
    const page = await getJson(`/v1/suppressions?${params}`);
    const rows = page.suppressions.map((s) => [
      h('button', { type: 'button', class: 'link mono', onClick: () => {
        el('ledger-address').value = s.address;
        showRecipient(s.address);
      } }, s.address),
      h('code', { text: s.category }), formatTime(s.suppressedAt), rulesList(s.matchedRules), releaseButton(s.address)]);
    if (cursor) {
      box.querySelector('tbody').append(...rows.map((cells) => h('tr', {}, cells.map((c) => h('td', {}, c)))));
      box.querySelector('.more')?.remove();
    } else {
      replace(box,
        h('p', { class: 'muted', text: t('ledger.total', { total: formatNumber(page.total) }) }),
        rows.length ? table(null, [t('ledger.address'), t('result.category'), t('ledger.suppressedAt'),
          t('ledger.rules'), t('ledger.release')], rows) : h('p', { class: 'muted', text: t('ledger.none') }));
    }
    if (page.nextCursor) {
      box.appendChild(h('button', { type: 'button', class: 'secondary more', onClick: () => listSuppressions(page.nextCursor) },
        t('ledger.more')));
    }
  } catch (e) {
    replace(box, errorNotice(e));
  }
}

async function openRelease(address) {
  if (!adminToken() && !(await askForToken())) {
    return;
  }
  const dialog = el('release-dialog');
  dialog.dataset.address = address;
  el('release-address').textContent = address;
  el('release-reason').value = '';
  el('release-error').hidden = true;
  dialog.showModal();
  el('release-reason').focus();
}

async function release() {
  const dialog = el('release-dialog');
  const address = dialog.dataset.address;
  const reason = el('release-reason').value.trim();
  const error = el('release-error');
  if (!reason) {
    error.textContent = t('release.needReason');
    error.hidden = false;
    el('release-reason').focus();
    return;
  }
  const body = { reason };
  const by = el('release-by').value.trim();
  if (by) {
    body.releasedBy = by;
  }
  try {
    const answer = await withAdmin(() => call(`/v1/suppressions/${encodeURIComponent(address)}`, {
      method: 'DELETE', body: JSON.stringify(body), contentType: 'application/json', admin: true,
    }));
    if (!answer) {
      dialog.close();
      return;
    }
    dialog.close();
    toast(t('ledger.released', { address }));
    await listSuppressions();
    if (shownRecipient === address) {
      await showRecipient(address);
    }
  } catch (e) {
    error.textContent = t('common.error', { status: e.status, message: e.message });
    error.hidden = false;
  }
}
