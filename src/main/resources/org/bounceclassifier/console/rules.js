// Screen "Rules": the loaded rule files and their rules with firings since start, rules that never
// fired, the version and load time, and the last reload attempt with each compiler error at its
// file and line and each failing case with expected and got, and what the attempted rules would
// answer differently on recent traffic (the traffic sample) and in the ledger.
import { call, getJson } from './api.js';
import { withAdmin } from './admin.js';
import { definitions, h, replace, table } from './dom.js';
import { formatNumber, formatTime, t, tId } from './i18n.js';
import { errorNotice } from './result.js';
import { toast } from './toast.js';

const el = (id) => document.getElementById(id);
/** The last GET /v1/rules answer, or null before the screen is first shown. */
let data = null;
/** Row and file elements by rule name, for filtering and for opening a rule from a link. */
let rows = new Map();
/** A rule a link asked for: highlighted whenever the rules are drawn, scrolled to once. */
let wanted = null;
let scrollToWanted = false;

export function initRules() {
  el('rules-filter').addEventListener('input', applyFilter);
  el('rules-never').addEventListener('change', applyFilter);
  el('rules-expand').addEventListener('click', () => setAllOpen(true));
  el('rules-collapse').addEventListener('click', () => setAllOpen(false));
  el('rules-refresh').addEventListener('click', () => refresh());
  el('rules-reload').addEventListener('click', reloadNow);
  document.addEventListener('langchange', () => {
    if (data) {
      draw();
    }
  });
}

/** Called when the screen is shown; ruleName (from a link) is opened and highlighted. */
export function showRules(ruleName) {
  wanted = ruleName ?? null;
  scrollToWanted = wanted !== null;
  return refresh();
}

/** Fetches the rules again if the screen has been shown once (on reload events). */
export function refreshIfLoaded() {
  return data ? refresh() : Promise.resolve();
}

async function refresh() {
  try {
    data = await getJson('/v1/rules');
    draw();
  } catch (e) {
    replace(el('rules-files'), errorNotice(e));
  }
}

async function reloadNow() {
  const button = el('rules-reload');
  button.disabled = true;
  try {
    const answer = await withAdmin(() => call('/v1/rules/reload', { method: 'POST', admin: true }));
    if (answer) {
      data = answer;
      draw();
    }
  } catch (e) {
    toast(e.message, 'error');
  } finally {
    button.disabled = false;
  }
}

function draw() {
  drawLoaded();
  drawAttempt();
  drawFiles();
  applyFilter();
  highlightWanted();
}

function drawLoaded() {
  const neverFired = (data.rules ?? []).filter((r) => r.firings === 0).length;
  replace(el('rules-loaded'),
    h('h2', { text: t('rules.loaded') }),
    definitions([
      [t('rules.version'), h('code', { text: data.rulesVersion ?? t('common.none') })],
      [t('rules.loadedAt'), formatTime(data.loadedAt)],
      [t('rules.ruleCount'), formatNumber(data.ruleCount ?? 0)],
      [t('rules.fileCount'), formatNumber((data.files ?? []).length)],
      [t('rules.neverFiredCount'), formatNumber(neverFired)],
    ]));
}

function drawAttempt() {
  const a = data.lastAttempt;
  const box = el('rules-attempt');
  if (!a) {
    replace(box, h('h2', { text: t('rules.attempt') }), h('p', { class: 'muted', text: t('rules.noAttempt') }));
    return;
  }
  const ok = a.status === 'ok';
  box.classList.toggle('failed', !ok);
  replace(box,
    h('h2', {}, t('rules.attempt'), ' ',
      h('span', { class: `badge status-${a.status}`, text: tId('rules.status', a.status) })),
    definitions([
      [t('rules.trigger'), tId('rules.trigger', a.trigger)],
      [t('rules.at'), formatTime(a.at)],
      [t('rules.duration'), t('rules.durationMs', { n: formatNumber(a.durationMillis) })],
      [t('rules.version'), ok ? h('code', { text: a.rulesVersion }) : null],
    ]),
    ok ? null : h('p', { class: 'notice error', text: t('rules.stillServing', { version: data.rulesVersion }) }),
    a.errors?.length ? table(t('rules.errors'), [t('rules.errFile'), t('rules.errLine'), t('rules.errMessage')],
      a.errors.map((e) => [h('code', { text: e.file ?? t('common.none') }),
        h('span', { class: 'error-line', text: e.line > 0 ? String(e.line) : t('common.none') }),
        h('pre', { class: 'error-message', text: e.message })]), 'data compile-errors') : null,
    a.failedChecks?.length ? h('div', { class: 'failed-checks' },
      h('h3', { text: t('rules.failedChecks') }),
      h('p', { class: 'help', text: t('rules.failedChecksHelp') }),
      h('ul', {}, a.failedChecks.map((c) => h('li', {},
        h('strong', { text: c.check }),
        h('pre', { class: 'check-message', text: c.message }))))) : null,
    a.impact ? impactSection(a.impact) : null);
}

/** One answer as the rules give it: category / type / action. */
function answerText(a) {
  return `${a.category} / ${a.bounceType} / ${a.action}`;
}

function percentText(share) {
  return formatNumber(share, { style: 'percent', maximumFractionDigits: 1 });
}

/**
 * What the attempted rules would answer differently on the traffic sample (lastAttempt.impact):
 * the share, each transition with its bounces and example texts, and the ledger's recipients.
 */
function impactSection(impact) {
  const vars = {
    changed: formatNumber(impact.changedBounces), total: formatNumber(impact.sampleBounces),
    share: percentText(impact.share), inputs: formatNumber(impact.changedInputs),
    allInputs: formatNumber(impact.sampleInputs), limit: formatNumber(impact.maxImpactPercent ?? 0),
  };
  let summary;
  if (impact.sampleError) {
    summary = h('p', { class: 'notice', text: t('rules.impactNotMeasured', { why: impact.sampleError }) });
  } else if (impact.sampleBounces === 0) {
    summary = h('p', { class: 'muted', text: t('rules.impactEmpty') });
  } else {
    summary = h('p', { class: 'impact-summary',
      text: t(impact.changedBounces > 0 ? 'rules.impactSummary' : 'rules.impactNone', vars) });
  }
  const ledger = impact.ledger;
  return h('div', { class: 'impact', id: 'rules-impact' },
    h('h3', { text: t('rules.impact') }),
    h('p', { class: 'help', text: t('rules.impactHelp') }),
    impact.overLimit ? h('p', { class: 'notice error impact-refused', text: t('rules.impactRefused', vars) }) : null,
    summary,
    impact.maxImpactPercent !== null && impact.maxImpactPercent !== undefined
      ? h('p', { class: 'muted', text: t('rules.impactLimit', vars) }) : null,
    impact.transitions?.length ? table(t('rules.impactTransitions'),
      [t('rules.impactFrom'), t('rules.impactTo'), t('rules.impactBounces'), t('rules.impactShare'),
        t('rules.impactExamples')],
      impact.transitions.map((tr) => [
        h('code', { class: 'impact-from', text: answerText(tr.from) }),
        h('code', { class: 'impact-to', text: answerText(tr.to) }),
        h('span', { class: 'num', text: formatNumber(tr.bounces) }),
        h('span', { class: 'num', text: percentText(tr.share) }),
        h('ul', { class: 'impact-examples' }, tr.examples.map((x) => h('li', { class: 'mono',
          text: `${formatNumber(x.count)} × ${x.diagnostic ?? [x.smtpCode, x.enhancedStatus].filter(Boolean).join(' ')}` }))),
      ]), 'data impact-transitions') : null,
    ledger ? h('p', { class: 'impact-ledger', text: t('rules.impactLedger', {
      recipients: formatNumber(ledger.recipients), days: formatNumber(ledger.days), max: formatNumber(ledger.maxRecipients),
      suppress: formatNumber(ledger.wouldSuppress.count), release: formatNumber(ledger.wouldRelease.count),
      events: formatNumber(ledger.eventsThatWouldChange) }) }) : null,
    ledger?.wouldSuppress.examples.length ? h('p', { class: 'muted mono',
      text: ledger.wouldSuppress.examples.join(', ') }) : null,
    impact.ledgerError ? h('p', { class: 'notice', text: t('rules.impactLedgerError', { why: impact.ledgerError }) })
      : null);
}

function drawFiles() {
  rows = new Map();
  const byFile = new Map((data.files ?? []).map((f) => [f.path, []]));
  for (const rule of data.rules ?? []) {
    if (!byFile.has(rule.file)) {
      byFile.set(rule.file, []);
    }
    byFile.get(rule.file).push(rule);
  }
  const sha = new Map((data.files ?? []).map((f) => [f.path, f.sha256]));
  const sections = [];
  for (const [path, rules] of byFile) {
    const fired = rules.filter((r) => r.firings > 0).length;
    const tbody = h('tbody', {}, rules.map((rule) => ruleRow(rule)));
    const details = h('details', { class: 'rule-file', dataset: { file: path } },
      h('summary', {},
        h('code', { class: 'file-path', text: path }), ' ',
        h('span', { class: 'muted', text: t('rules.fileSummary', { rules: rules.length, fired }) }), ' ',
        sha.get(path) ? h('span', { class: 'sha', title: sha.get(path), text: `sha256 ${sha.get(path).slice(0, 12)}` }) : null),
      h('table', { class: 'data rules-table' },
        h('thead', {}, h('tr', {}, [t('rules.line'), t('rules.name'), t('rules.phase'), t('rules.source'),
          t('rules.firings'), t('rules.examples')].map((head) => h('th', { scope: 'col', text: head })))),
        tbody));
    rules.forEach((rule) => {
      rows.get(rule.name).details = details;
    });
    sections.push(details);
  }
  replace(el('rules-files'), sections);
}

function ruleRow(rule) {
  const never = rule.firings === 0;
  const row = h('tr', { class: never ? 'never-fired' : null, tabindex: '-1', dataset: { rule: rule.name } },
    h('td', { class: 'num', text: String(rule.line) }),
    h('th', { scope: 'row', class: 'rule-name', text: rule.name }),
    h('td', { text: tId('rules.phase', rule.phase) }),
    h('td', { text: rule.source ?? '' }),
    h('td', { class: 'num' }, never ? h('span', { class: 'badge never', text: t('rules.never') })
      : formatNumber(rule.firings)),
    h('td', {}, rule.examples?.length ? h('details', { class: 'examples' },
      h('summary', { text: `${t('rules.examples')} (${rule.examples.length})` }),
      h('ul', {}, rule.examples.map((x) => h('li', { class: 'mono', text: x })))) : ''));
  rows.set(rule.name, { row, rule, details: null });
  return row;
}

function applyFilter() {
  if (!data) {
    return;
  }
  const query = el('rules-filter').value.trim().toLowerCase();
  const neverOnly = el('rules-never').checked;
  let shown = 0;
  const visibleFiles = new Set();
  for (const { row, rule, details } of rows.values()) {
    const text = `${rule.name} ${rule.file} ${rule.source ?? ''}`.toLowerCase();
    const visible = (!query || text.includes(query)) && (!neverOnly || rule.firings === 0);
    row.hidden = !visible;
    if (visible) {
      shown++;
      visibleFiles.add(details);
    }
  }
  const filtering = Boolean(query) || neverOnly;
  for (const details of el('rules-files').querySelectorAll('details.rule-file')) {
    // without a filter every file shows, message and data files (no rules) included
    details.hidden = filtering && !visibleFiles.has(details);
    if (filtering) {
      details.open = visibleFiles.has(details);
    }
  }
  el('rules-count').textContent = shown === 0 ? t('rules.noMatch')
    : t('rules.shown', { shown: formatNumber(shown), total: formatNumber(rows.size) });
}

function setAllOpen(open) {
  el('rules-files').querySelectorAll('details.rule-file').forEach((d) => {
    d.open = open;
  });
}

function highlightWanted() {
  if (!wanted) {
    return;
  }
  document.querySelectorAll('tr.highlight').forEach((r) => r.classList.remove('highlight'));
  const entry = rows.get(wanted);
  if (!entry) {
    toast(t('rules.notFound', { name: wanted }), 'error');
    wanted = null;
    return;
  }
  entry.row.hidden = false;
  entry.details.hidden = false;
  entry.details.open = true;
  entry.row.classList.add('highlight');
  if (scrollToWanted) {
    scrollToWanted = false;
    entry.row.scrollIntoView({ block: 'center' });
    entry.row.focus({ preventScroll: true });
  }
}
