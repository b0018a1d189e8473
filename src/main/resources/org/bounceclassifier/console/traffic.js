// Screen "Traffic": classifications per category over the last hour as a chart, the share of
// unknown answers, the texts that most often ended in unknown (the rules to write next), and the
// last hours and days by receiving provider (receivers.js).
import { getJson } from './api.js';
import { stackedBars } from './chart.js';
import { definitions, h, replace, table } from './dom.js';
import { formatNumber, formatTime, t } from './i18n.js';
import { errorNotice } from './result.js';
import { initReceivers, refreshReceivers } from './receivers.js';
import { prefill } from './try.js';

const el = (id) => document.getElementById(id);
/** While the screen is open it refreshes this often; the API's buckets are one minute long. */
const REFRESH_MILLIS = 15_000;
/** Categories with a colour of their own, the busiest first; the rest are stacked as "other". */
const COLOURED_CATEGORIES = 7;
const UNKNOWN = 'unknown';
const OTHER = '(other)';
/** An x label every quarter of an hour. */
const X_LABEL_EVERY = 15;
let timer = null;
let data = null;

export function initTraffic() {
  el('traffic-refresh').addEventListener('click', refresh);
  initReceivers();
  document.addEventListener('langchange', () => {
    if (data) {
      draw();
    }
  });
}

export function showTraffic() {
  clearInterval(timer);
  timer = setInterval(refresh, REFRESH_MILLIS);
  return refresh();
}

export function hideTraffic() {
  clearInterval(timer);
  timer = null;
}

async function refresh() {
  // the breakdown by receiver reads the database: drawn on its own, so the minute chart never waits for it
  refreshReceivers();
  try {
    data = await getJson('/v1/traffic');
    draw();
  } catch (e) {
    replace(el('traffic-chart'), errorNotice(e));
  }
}

function draw() {
  drawChart();
  drawSummary();
  drawUnknown();
  el('traffic-updated').textContent = t('traffic.updated', { time: formatTime(data.at) });
}

/** The stack, bottom first: unknown at the bottom where it is easiest to compare, then the busiest. */
function seriesOf(totals) {
  const busiest = Object.keys(totals).filter((c) => c !== UNKNOWN).slice(0, COLOURED_CATEGORIES);
  const series = [{ key: UNKNOWN, label: UNKNOWN, className: 'series-unknown' }];
  busiest.forEach((key, i) => series.push({ key, label: key, className: `series-${i}` }));
  if (Object.keys(totals).filter((c) => c !== UNKNOWN).length > busiest.length) {
    series.push({ key: OTHER, label: t('traffic.other'), className: 'series-other' });
  }
  return series;
}

function drawChart() {
  const series = seriesOf(data.totals);
  const named = new Set(series.map((s) => s.key));
  const bars = data.minutes.map((m) => {
    const counts = {};
    for (const [category, n] of Object.entries(m.counts)) {
      const key = named.has(category) ? category : OTHER;
      counts[key] = (counts[key] ?? 0) + n;
    }
    const parts = Object.entries(m.counts).map(([c, n]) => `${c} ${n}`).join(', ');
    const time = new Intl.DateTimeFormat(document.documentElement.lang, { timeStyle: 'short' }).format(new Date(m.start));
    return { counts, title: `${time}: ${m.total}${parts ? ` (${parts})` : ''}` };
  });
  const last = bars.length - 1;
  const xLabels = [];
  for (let ago = bars.length - 1; ago >= 0; ago -= X_LABEL_EVERY) {
    xLabels.push({ index: last - ago, text: t('traffic.minutesAgo', { n: ago + 1 }) });
  }
  xLabels.push({ index: last, text: t('traffic.now') });
  const chart = stackedBars({
    bars, series, xLabels,
    title: t('traffic.chart', { minutes: data.windowMinutes }),
    description: t('traffic.chartDesc', { minutes: data.windowMinutes, total: data.total }),
  });
  replace(el('traffic-chart'),
    h('h2', { text: t('traffic.chart', { minutes: data.windowMinutes }) }),
    data.total === 0 ? h('p', { class: 'muted', text: t('traffic.noTraffic') }) : null,
    chart,
    h('ul', { class: 'legend' }, series.slice().reverse().map((s) =>
      h('li', {}, h('span', { class: `swatch ${s.className}`, 'aria-hidden': 'true' }), s.label))));
}

function drawSummary() {
  const share = data.unknownShare == null ? t('common.none')
    : formatNumber(data.unknownShare, { style: 'percent', maximumFractionDigits: 1 });
  replace(el('traffic-summary'),
    h('h2', { text: t('traffic.summary') }),
    definitions([
      [t('traffic.total'), formatNumber(data.total)],
      [t('traffic.unknownShare'), h('span', {}, h('strong', { class: 'unknown-share', text: share }), ' ',
        h('span', { class: 'muted', text: t('traffic.unknownOf', { unknown: data.unknown, total: data.total }) }))],
    ]),
    Object.keys(data.totals).length ? table(t('traffic.byCategory'), [t('result.category'), t('traffic.count')],
      Object.entries(data.totals).map(([c, n]) => [h('code', { text: c }), formatNumber(n)]), 'data compact') : null,
    // where the bounces came in: the HTTP API, the SMTP receiver, the mailbox, each platform's webhook
    Object.keys(data.sources ?? {}).length ? table(t('traffic.bySource'), [t('traffic.source'), t('traffic.count')],
      Object.entries(data.sources).map(([s, n]) => [h('code', { text: s }), formatNumber(n)]), 'data compact') : null);
}

function drawUnknown() {
  const u = data.unknownTexts;
  replace(el('traffic-unknown'),
    h('h2', { text: t('traffic.unknownTitle') }),
    h('p', { class: 'help', text: t('traffic.unknownLead', { since: formatTime(u.since) }) }),
    u.top.length === 0 ? h('p', { class: 'muted', text: t('traffic.noUnknown') })
      : table(null, [t('traffic.text'), t('traffic.codes'), t('traffic.times'), t('traffic.lastSeen'), t('traffic.tryIt')],
        u.top.map((x) => [
          x.text ? h('span', { class: 'mono unknown-text', text: x.text }) : h('span', { class: 'muted', text: t('traffic.noText') }),
          [x.smtpCode, x.enhancedStatus].filter(Boolean).join(' ') || t('common.none'),
          x.guaranteedCount === x.count ? formatNumber(x.count)
            : `${formatNumber(x.count)} (${t('traffic.atLeast', { n: formatNumber(x.guaranteedCount) })})`,
          formatTime(x.lastSeen),
          h('button', { type: 'button', class: 'secondary small', onClick: () => tryAgain(x) }, t('traffic.tryIt'))]),
        'data unknown-texts'));
}

/** Opens the text on the try screen, to see which rules come close and try a new one after a reload. */
function tryAgain(x) {
  prefill({ diagnostic: x.text ?? '', smtpCode: x.smtpCode, enhancedStatus: x.enhancedStatus });
  window.location.hash = '#try';
}
