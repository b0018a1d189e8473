// Screen "Categories": the taxonomy with labels, default type and action, and the remediation
// texts in Japanese and English side by side (they come from the rules' message files).
import { getJson } from './api.js';
import { h, replace } from './dom.js';
import { formatDelay, t, tId } from './i18n.js';
import { errorNotice } from './result.js';

const el = (id) => document.getElementById(id);
/** Japanese first: the texts most users read; English beside it. */
const TEXT_LANGUAGES = ['ja', 'en'];
let data = null;

export function initCategories() {
  document.addEventListener('langchange', () => {
    if (data) {
      draw();
    }
  });
}

export async function showCategories() {
  try {
    data = await getJson('/v1/categories');
    draw();
  } catch (e) {
    replace(el('categories-list'), errorNotice(e));
  }
}

/** The categories, fetched once and shared with the ledger's filter. */
export async function categories() {
  if (!data) {
    data = await getJson('/v1/categories');
  }
  return data.categories;
}

/** Rules reloaded: texts may have changed. */
export function refreshCategoriesIfLoaded() {
  return data ? showCategories() : Promise.resolve();
}

function draw() {
  replace(el('categories-list'), data.categories.map((c) =>
    h('article', { class: 'card category', id: `category-${c.id}`, 'aria-labelledby': `category-${c.id}-title` },
      h('header', { class: 'category-head' },
        h('h2', { id: `category-${c.id}-title` }, h('code', { text: c.id })),
        h('div', { class: 'badges' },
          h('span', { class: 'badge-name', text: t('categories.defaults') }),
          h('span', { class: `badge type-${c.bounceType}` }, h('span', { class: 'badge-name', text: t('result.type') }),
            ' ', h('strong', { text: tId('type', c.bounceType) })),
          h('span', { class: `badge action-${c.action}` }, h('span', { class: 'badge-name', text: t('result.action') }),
            ' ', h('strong', { text: tId('action', c.action) })),
          h('span', { class: 'badge' }, h('span', { class: 'badge-name', text: t('result.retry') }), ' ',
            h('strong', { text: c.retryAfterSeconds == null ? t('result.noRetry') : formatDelay(c.retryAfterSeconds) })))),
      h('div', { class: 'side-by-side' }, TEXT_LANGUAGES.filter((l) => c.labels?.[l] !== undefined).map((l) =>
        h('section', { lang: l, class: 'category-text', 'aria-label': tId('categories', l) },
          h('h3', { class: 'muted small', text: tId('categories', l) }),
          h('p', { class: 'category-label', text: c.labels[l] }),
          h('p', { text: c.remediation?.[l] ?? '' })))))));
}
