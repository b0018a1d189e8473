// The console's entry point: screens by URL fragment (#try, #rules, #rules/rule/<name>, ...),
// the language switch, the rules version in the header, and live rule reload events.
import { initAdmin } from './admin.js';
import { getJson } from './api.js';
import { initCategories, refreshCategoriesIfLoaded, showCategories } from './categories.js';
import { applyStatic, formatNumber, lang, LANGUAGES, setLang, t, tId } from './i18n.js';
import { initLedger, showLedger } from './ledger.js';
import { RULE_PREFIX } from './links.js';
import { initRules, refreshIfLoaded, showRules } from './rules.js';
import { toast } from './toast.js';
import { hideTraffic, initTraffic, showTraffic } from './traffic.js';
import { initTry } from './try.js';

const SCREENS = {
  try: () => undefined,
  rules: (rest) => showRules(rest.startsWith(RULE_PREFIX) ? decodeURIComponent(rest.slice(RULE_PREFIX.length)) : null),
  categories: () => showCategories(),
  traffic: () => showTraffic(),
  ledger: () => showLedger(),
};
const DEFAULT_SCREEN = 'try';
let current = null;

function route() {
  const hash = window.location.hash || `#${DEFAULT_SCREEN}`;
  const name = hash.slice(1).split('/')[0];
  if (!(name in SCREENS)) {
    return; // an in-page anchor such as the skip link's #main
  }
  if (current === 'traffic' && name !== 'traffic') {
    hideTraffic();
  }
  // focus moves to the new screen's heading when the user changes screens, not on first load
  const moved = current !== null && current !== name;
  current = name;
  document.querySelectorAll('.screen').forEach((s) => {
    s.hidden = s.dataset.screen !== name;
  });
  document.querySelectorAll('[data-screen-link]').forEach((a) => {
    if (a.dataset.screenLink === name) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  });
  document.title = `${tId('nav', name)} — ${t('app.title')}`;
  SCREENS[name](hash);
  if (moved && !hash.startsWith(RULE_PREFIX)) {
    document.getElementById(`${name}-title`)?.setAttribute('tabindex', '-1');
    document.getElementById(`${name}-title`)?.focus({ preventScroll: true });
  }
}

function drawLanguageButton() {
  const button = document.getElementById('lang-button');
  const other = LANGUAGES.find((l) => l !== lang());
  button.textContent = t('lang.switch');
  button.setAttribute('lang', other);
  button.setAttribute('aria-label', t('lang.switchLabel'));
}

async function showVersion() {
  const badge = document.getElementById('rules-version');
  try {
    const health = await getJson('/health');
    badge.textContent = t('app.rulesVersion', { version: health.rulesVersion });
    badge.classList.remove('down');
  } catch (e) {
    badge.textContent = t('common.offline', { message: e.message });
    badge.classList.add('down');
  }
}

/** The service tells every open console when the rules reload (GET /v1/rules/events). */
function listenForReloads() {
  const events = new EventSource('/v1/rules/events');
  events.addEventListener('rules', (event) => {
    const attempt = JSON.parse(event.data);
    const trigger = tId('rules.trigger', attempt.trigger);
    if (attempt.status === 'ok') {
      toast(t('rules.reloaded', { trigger, version: attempt.rulesVersion }));
    } else if (attempt.impact?.overLimit && !attempt.errors.length && !attempt.failedChecks.length) {
      // passed the gate, refused by serve --max-impact: say that, not "0 errors"
      toast(t('rules.refusedImpact', { trigger, share: formatNumber(attempt.impact.share,
        { style: 'percent', maximumFractionDigits: 1 }), limit: formatNumber(attempt.impact.maxImpactPercent) }), 'error');
    } else {
      toast(t('rules.rejected', { trigger, errors: attempt.errors.length, checks: attempt.failedChecks.length }), 'error');
    }
    showVersion();
    refreshIfLoaded();
    refreshCategoriesIfLoaded();
  });
  // after a dropped connection the browser reconnects by itself; catch up on what was missed
  events.addEventListener('open', () => {
    showVersion();
    refreshIfLoaded();
  });
}

function start() {
  applyStatic();
  drawLanguageButton();
  initAdmin();
  initTry();
  initRules();
  initCategories();
  initTraffic();
  initLedger();
  document.getElementById('lang-button').addEventListener('click', () => {
    setLang(LANGUAGES.find((l) => l !== lang()));
  });
  document.addEventListener('langchange', () => {
    drawLanguageButton();
    showVersion();
    document.title = `${tId('nav', current)} — ${t('app.title')}`;
  });
  window.addEventListener('hashchange', route);
  route();
  showVersion();
  listenForReloads();
}

start();
