// Draws one classification as a person reads it: what, how bad, what to do, and why (the rules
// that decided, by name and file, and the evidence the service extracted).
import { h, definitions } from './dom.js';
import { formatDelay, t, tId } from './i18n.js';
import { ruleLink } from './links.js';

/** A classification from POST /v1/classify, or one entry of a raw message's results. */
export function classificationCard(c) {
  const typeClass = `badge type-${c.bounceType}`;
  return h('article', { class: 'result card', 'data-category': c.category },
    c.recipient ? h('p', { class: 'recipient' }, h('span', { class: 'muted', text: t('result.recipient') + ': ' }),
      h('span', { class: 'mono', text: c.recipient })) : null,
    h('h3', { class: 'result-title' },
      h('span', { class: 'category-label', text: c.label }), ' ',
      h('code', { class: 'category-id', text: c.category })),
    h('div', { class: 'badges' },
      badge(t('result.type'), tId('type', c.bounceType), typeClass),
      badge(t('result.action'), tId('action', c.action), `badge action-${c.action}`),
      badge(t('result.retry'), c.retryAfterSeconds == null ? t('result.noRetry') : formatDelay(c.retryAfterSeconds),
        'badge')),
    h('h4', { text: t('result.remediation') }),
    h('p', { class: 'remediation', text: c.remediation }),
    h('h4', { text: t('result.why') }),
    rulesDecided(c),
    c.nearMisses ? nearMisses(c.nearMisses) : null,
    h('h4', { text: t('result.evidence') }),
    evidence(c),
    h('p', { class: 'muted small', text: t('result.rulesVersion', { version: c.rulesVersion }) }));
}

function badge(name, value, className) {
  return h('span', { class: className }, h('span', { class: 'badge-name', text: name }), ' ', h('strong', { text: value }));
}

function rulesDecided(c) {
  const explained = c.explanation ?? (c.matchedRules ?? []).map((rule) => ({ rule, file: null }));
  if (explained.length === 0) {
    return h('p', { class: 'notice', text: t('result.noRules') });
  }
  return h('div', {},
    h('p', { class: 'help', text: t('result.whyHelp') }),
    h('ol', { class: 'rules-decided' }, explained.map(({ rule, file }) =>
      h('li', {}, ruleLink(rule, 'rule-name'), file ? h('code', { class: 'rule-file', text: file }) : null))));
}

/** What almost decided (explain=full): where an expert adds or fixes a rule. */
function nearMisses(n) {
  const items = [
    ...n.losingProposals.map((p) => h('li', { class: 'near-losing' }, ruleLink(p.rule, 'rule-name'), ' ',
      h('code', { text: p.category }), ' ', h('span', { class: 'muted', text: t(`near.${p.reason}`, { strength: p.strength }) }))),
    ...n.steppedAside.map((a) => h('li', { class: 'near-aside' }, ruleLink(a.rule, 'rule-name'), ' ',
      h('span', { class: 'muted', text: t('near.aside', { phrase: a.phrase }) }))),
    ...n.closestRules.map((r) => h('li', { class: 'near-closest' }, ruleLink(r.rule, 'rule-name'), ' ',
      h('span', { class: 'muted', text: t('near.closest', { phrase: r.phrase, missing: r.missingWords.join(', ') }) }))),
    ...n.codesWithoutRule.map((code) => h('li', { class: 'near-code', text: t('near.code', { code }) })),
  ];
  if (items.length === 0) {
    return null;
  }
  return h('section', { class: 'near-misses' },
    h('h4', { text: t('near.title') }),
    h('p', { class: 'help', text: t('near.help') }),
    h('ul', {}, items));
}

function evidence(c) {
  const e = c.evidence ?? { smtpCode: c.smtpCode, enhancedStatus: c.enhancedStatus };
  const text = (value) => (value ? h('pre', { class: 'evidence-text', text: value }) : null);
  return definitions([
    [t('ev.smtpCode'), e.smtpCode],
    [t('ev.enhancedStatus'), e.enhancedStatus],
    [t('ev.reportingMta'), c.reportingMta],
    [t('ev.remoteMta'), e.remoteMta],
    [t('ev.recipientDomain'), e.recipientDomain],
    [t('ev.senderDomain'), e.senderDomain],
    [t('ev.dsnAction'), e.dsnAction],
    [t('ev.softBounces'), e.consecutiveSoftBounces ? e.consecutiveSoftBounces : null],
    [t('ev.diagnostic'), text(e.diagnostic)],
    [t('ev.text'), e.text && e.text !== e.diagnostic ? text(e.text) : null],
  ], 'facts evidence');
}

/** The answer to a raw e-mail: its kind, then one card per failed recipient. */
export function messageResult(m, fileName) {
  return h('div', { class: 'message-result' },
    definitions([
      [t('try.messageKind'), h('span', {},
        h('strong', { text: tId('kind', m.messageKind) }), ' ', h('code', { text: m.messageKind }))],
      [t('try.layout'), m.layout],
      [t('result.recipient'), t('try.recipientCount', { n: (m.results ?? []).length })],
    ], 'facts message-facts'),
    fileName ? h('p', { class: 'muted small', text: fileName }) : null,
    (m.results ?? []).length === 0
      ? h('p', { class: 'notice', text: t('try.noRecipients') })
      : m.results.map(classificationCard));
}

/** An API error or a network failure, said plainly. */
export function errorNotice(e) {
  const message = e.status ? t('common.error', { status: e.status, message: e.message })
    : t('common.offline', { message: e.message });
  return h('p', { class: 'notice error', role: 'alert', text: message });
}
