// The traffic screen's breakdown by receiving provider (GET /v1/traffic/receivers): classifications
// per hour stacked by provider family, each family's blocks and deferrals in its worst recent hour
// against its own baseline, and the spike mark the service computed. The families and the rule are
// the service's receiver-families.properties; this module only draws them.
import { getJson } from './api.js';
import { stackedBars } from './chart.js';
import { categories } from './categories.js';
import { h, replace, table } from './dom.js';
import { formatNumber, formatTime, lang, t } from './i18n.js';
import { errorNotice } from './result.js';

const el = (id) => document.getElementById(id);
/** Families with a colour of their own in the chart, the busiest first; the rest are stacked together. */
const COLOURED_PROVIDERS = 7;
const REST = '(rest)';
/** Categories named per family in the table. */
const TOP_CATEGORIES = 3;
let data = null;
let labels = {};

export function initReceivers() {
  el('receivers-hours').addEventListener('change', refreshReceivers);
  document.addEventListener('langchange', () => {
    if (data) {
      loadLabels().then(draw);
    }
  });
}

export async function refreshReceivers() {
  try {
    data = await getJson(`/v1/traffic/receivers?hours=${encodeURIComponent(el('receivers-hours').value)}`);
    await loadLabels();
    draw();
  } catch (e) {
    replace(el('receivers-body'), errorNotice(e));
  }
}

/** Category labels in the console's language, from the rules' message files. */
async function loadLabels() {
  try {
    const list = await categories();
    labels = Object.fromEntries(list.map((c) => [c.id, c.labels?.[lang()] ?? c.id]));
  } catch {
    labels = {};
  }
}

const categoryLabel = (id) => labels[id] ?? id;
const providerName = (p) => (p.id === 'other' ? t('receivers.other') : p.name);
const percent = (share) => (share == null ? t('common.none')
  : formatNumber(share, { style: 'percent', maximumFractionDigits: 1 }));

function draw() {
  const spikes = data.providers.filter((p) => p.spike);
  replace(el('receivers-body'),
    h('p', { class: 'help', text: data.storage === 'ledger'
      ? t('receivers.storage.ledger', { days: data.retentionDays }) : t('receivers.storage.memory') }),
    spikes.map((p) => h('p', { class: 'notice spike-alert', role: 'alert' },
      h('strong', { text: `⚠ ${t('receivers.spike')}` }), ' ',
      t('receivers.spikeAlert', {
        provider: providerName(p), blocked: formatNumber(p.recent.blocked), total: formatNumber(p.recent.total),
        from: formatTime(p.recent.from), share: percent(p.recent.blockedShare), baseline: percent(p.baseline.blockedShare ?? 0),
      }))),
    data.providers.length === 0 ? h('p', { class: 'muted', text: t('receivers.none') }) : [chart(), providerTable()],
    h('p', { class: 'help rule', text: ruleText(data.spikeRule) }));
}

function chart() {
  const busiest = data.providers.slice().sort((a, b) => b.total - a.total).slice(0, COLOURED_PROVIDERS);
  const series = busiest.map((p, i) => ({ key: p.id, label: providerName(p), className: `series-${i}` }));
  if (data.providers.length > busiest.length) {
    series.push({ key: REST, label: t('receivers.rest'), className: 'series-other' });
  }
  const named = new Set(busiest.map((p) => p.id));
  const hourFormat = new Intl.DateTimeFormat(lang(), { month: 'numeric', day: 'numeric', hour: 'numeric' });
  const bars = data.hours.map((start, i) => {
    const counts = {};
    const parts = [];
    for (const p of data.providers) {
      const n = p.hourly[i];
      if (n > 0) {
        const key = named.has(p.id) ? p.id : REST;
        counts[key] = (counts[key] ?? 0) + n;
        parts.push(`${providerName(p)} ${n}`);
      }
    }
    return { counts, title: `${hourFormat.format(new Date(start))}: ${parts.join(', ') || 0}` };
  });
  const every = Math.max(1, Math.ceil(data.hours.length / 6));
  const xLabels = [];
  for (let i = data.hours.length - 1; i >= 0; i -= every) {
    xLabels.push({ index: i, text: hourFormat.format(new Date(data.hours[i])) });
  }
  const total = data.providers.reduce((sum, p) => sum + p.total, 0);
  return h('div', {},
    stackedBars({
      id: 'receivers-chart', bars, series, xLabels,
      title: t('receivers.chart', { hours: data.hours.length }),
      description: t('receivers.chartDesc', { hours: data.hours.length, total }),
    }),
    h('ul', { class: 'legend' }, series.map((s) =>
      h('li', {}, h('span', { class: `swatch ${s.className}`, 'aria-hidden': 'true' }), s.label))));
}

function providerTable() {
  return table(t('receivers.tableCaption', { hours: data.hours.length }),
    [t('receivers.provider'), t('receivers.total'), t('receivers.recent'),
      t('receivers.baseline', { hours: data.spikeRule.baselineHours }), t('receivers.top'), t('receivers.mark')],
    data.providers.map((p) => [
      h('span', { class: 'provider', text: providerName(p), dataset: { provider: p.id } }),
      formatNumber(p.total),
      t('receivers.shareOf', { share: percent(p.recent.blockedShare), blocked: formatNumber(p.recent.blocked),
        total: formatNumber(p.recent.total) }),
      t('receivers.shareOf', { share: percent(p.baseline.blockedShare), blocked: formatNumber(p.baseline.blocked),
        total: formatNumber(p.baseline.total) }),
      Object.entries(p.counts).slice(0, TOP_CATEGORIES).map(([c, n]) =>
        h('span', { class: 'category-count' }, h('span', { text: categoryLabel(c), title: c }), ` ${formatNumber(n)}`)),
      p.spike ? h('strong', { class: 'spike-mark', text: `⚠ ${t('receivers.spike')}` })
        : h('span', { class: 'muted', text: t('common.none') }),
    ]), 'data receivers');
}

function ruleText(rule) {
  return t('receivers.rule', {
    recent: rule.recentHours, minimum: rule.minimum, baseline: rule.baselineHours,
    rise: formatNumber(rule.rise * 100, { maximumFractionDigits: 1 }),
    categories: rule.categories.map(categoryLabel).join(lang() === 'ja' ? '、' : ', '),
  });
}
