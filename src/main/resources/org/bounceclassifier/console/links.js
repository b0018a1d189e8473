// Links between screens: a rule name anywhere in the console opens it on the rules screen.
import { h } from './dom.js';

export const RULE_PREFIX = '#rules/rule/';

export function ruleHash(name) {
  return RULE_PREFIX + encodeURIComponent(name);
}

export function ruleLink(name, className = '') {
  return h('a', { href: ruleHash(name), class: className, text: name });
}
