// Screen "Try a bounce": classify a diagnostic text and codes, or a whole bounce e-mail.
import { call, postJson } from './api.js';
import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { classificationCard, errorNotice, messageResult } from './result.js';

/** Starting points; the texts are written for this console, the way receivers typically word them. */
const SAMPLES = [
  { key: 'sample.userUnknown', smtpCode: 550, enhancedStatus: '5.1.1',
    diagnostic: '550 5.1.1 <sato.k@example.jp>: Recipient address rejected: User unknown in virtual mailbox table' },
  { key: 'sample.mailboxFull', smtpCode: 452, enhancedStatus: '4.2.2',
    diagnostic: '452 4.2.2 The email account that you tried to reach is over quota.' },
  { key: 'sample.blocklist',
    diagnostic: '554 5.7.1 Service unavailable; Client host [192.0.2.44] blocked using zen.spamhaus.org' },
  { key: 'sample.dmarc', smtpCode: 550, enhancedStatus: '5.7.26',
    diagnostic: '550 5.7.26 Unauthenticated email from shop.example is not accepted due to the domain\'s DMARC policy' },
  { key: 'sample.recipientFilter',
    diagnostic: '550 Unknown user mika.t@docomo.ne.jp (受信拒否設定によりお届けできません)' },
  { key: 'sample.tlsRequired', smtpCode: 530, enhancedStatus: '5.7.0',
    diagnostic: '530 5.7.0 Must issue a STARTTLS command first' },
  { key: 'sample.delivered', smtpCode: 250, diagnostic: '250 2.0.0 OK queued as 7D3F21' },
  { key: 'sample.unknown', diagnostic: 'delivery to this recipient is paused by the gateway operator' },
];
const ENHANCED_STATUS = /^[245]\.\d{1,3}\.\d{1,3}$/;
const MIN_REPLY_CODE = 200;
const MAX_REPLY_CODE = 599;

const el = (id) => document.getElementById(id);
/** What was last classified, so that a language switch can ask again for texts in the new language. */
let last = null;

export function initTry() {
  fillSamples();
  el('try-sample').addEventListener('change', useSample);
  el('try-form').addEventListener('submit', (event) => {
    event.preventDefault();
    submitForm();
  });
  el('try-form').addEventListener('reset', () => {
    clearInvalid();
    el('try-sample').value = '';
  });
  el('eml-file').addEventListener('change', () => {
    const file = el('eml-file').files[0];
    if (file) {
      classifyFile(file);
    }
  });
  const zone = el('eml-drop');
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    const file = event.dataTransfer.files[0];
    if (file) {
      classifyFile(file);
    }
  });
  document.addEventListener('langchange', () => {
    fillSamples();
    if (last) {
      last();
    }
  });
}

function fillSamples() {
  const select = el('try-sample');
  const chosen = select.value;
  replace(select, h('option', { value: '', text: t('try.sampleNone') }),
    SAMPLES.map((s, i) => h('option', { value: String(i), text: t(s.key) })));
  select.value = chosen;
}

function useSample() {
  const sample = SAMPLES[Number(el('try-sample').value)];
  if (sample) {
    prefill(sample);
  }
}

/** Fills the form (from a sample, or from a text on the traffic screen). */
export function prefill({ diagnostic, smtpCode, enhancedStatus }) {
  el('try-diagnostic').value = diagnostic ?? '';
  el('try-smtp-code').value = smtpCode ?? '';
  el('try-enhanced-status').value = enhancedStatus ?? '';
  clearInvalid();
}

function clearInvalid() {
  el('try-form').querySelectorAll('[aria-invalid]').forEach((field) => field.removeAttribute('aria-invalid'));
}

/** The request body from the form, or a message saying which field to fix. */
function readForm() {
  const body = {};
  const diagnostic = el('try-diagnostic').value;
  const code = el('try-smtp-code').value.trim();
  const status = el('try-enhanced-status').value.trim();
  if (diagnostic.trim()) {
    body.diagnostic = diagnostic;
  }
  if (code) {
    const n = Number(code);
    if (!Number.isInteger(n) || n < MIN_REPLY_CODE || n > MAX_REPLY_CODE) {
      return { invalid: 'try-smtp-code', message: t('try.badCode') };
    }
    body.smtpCode = n;
  }
  if (status) {
    if (!ENHANCED_STATUS.test(status)) {
      return { invalid: 'try-enhanced-status', message: t('try.badStatus') };
    }
    body.enhancedStatus = status;
  }
  if (!('diagnostic' in body || 'smtpCode' in body || 'enhancedStatus' in body)) {
    return { invalid: 'try-diagnostic', message: t('try.needEvidence') };
  }
  for (const [id, field] of [['try-recipient', 'recipient'], ['try-remote-mta', 'remoteMta'],
    ['try-dsn-action', 'dsnAction']]) {
    const value = el(id).value.trim();
    if (value) {
      body[field] = value;
    }
  }
  const soft = el('try-soft-bounces').value.trim();
  if (soft) {
    const n = Number(soft);
    if (!Number.isInteger(n) || n < 0) {
      return { invalid: 'try-soft-bounces', message: t('try.badSoftBounces') };
    }
    body.history = { consecutiveSoftBounces: n };
  }
  return { body };
}

function submitForm() {
  clearInvalid();
  const { body, invalid, message } = readForm();
  if (invalid) {
    const field = el(invalid);
    field.setAttribute('aria-invalid', 'true');
    show(h('p', { class: 'notice error', role: 'alert', text: message }));
    field.focus();
    return;
  }
  last = () => run(() => postJson('/v1/classify?explain=full', body, { withLang: true }), classificationCard);
  last();
}

async function classifyFile(file) {
  const bytes = await file.arrayBuffer();
  if (bytes.byteLength === 0) {
    last = null;
    show(h('p', { class: 'notice error', role: 'alert', text: t('try.emlEmpty', { name: file.name }) }));
    return;
  }
  const label = t('try.emlFile', { name: file.name, size: bytes.byteLength });
  last = () => run(() => call('/v1/classify', {
    method: 'POST', body: bytes, contentType: 'message/rfc822', withLang: true,
  }), (answer) => messageResult(answer, label));
  last();
  el('eml-file').value = '';
}

async function run(request, draw) {
  const results = el('try-results');
  results.setAttribute('aria-busy', 'true');
  show(h('p', { class: 'muted', text: t('try.working') }));
  try {
    show(draw(await request()));
  } catch (e) {
    show(errorNotice(e));
  } finally {
    results.setAttribute('aria-busy', 'false');
  }
}

function show(node) {
  replace(el('try-results'), node);
}
