// A tiny element builder: the console builds its DOM with createElement and textContent only,
// so text from the service (diagnostics, rule names) can never become markup.

/**
 * h('p', {class: 'muted'}, 'text', child, ...): an element with attributes and children.
 * Attributes: class, text, hidden, on<Event> (a listener), dataset (an object), anything else
 * as an attribute (null/undefined/false leave it out). Children: nodes, strings, arrays, null.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name === 'class') {
      el.className = value;
    } else if (name === 'text') {
      el.textContent = value;
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(el, child);
    } else if (child instanceof Node) {
      el.appendChild(child);
    } else {
      el.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Replaces everything inside el. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** A definition list from [term, description] pairs; pairs with a null description are left out. */
export function definitions(pairs, className = 'facts') {
  return h('dl', { class: className },
    pairs.filter(([, value]) => value !== null && value !== undefined && value !== '')
      .map(([term, value]) => h('div', { class: 'fact' }, h('dt', { text: term }), h('dd', {}, value))));
}

/** A table with a caption, header cells and rows of cells (strings or nodes). */
export function table(caption, headers, rows, className = 'data') {
  return h('table', { class: className },
    caption ? h('caption', { text: caption }) : null,
    h('thead', {}, h('tr', {}, headers.map((head) => h('th', { scope: 'col', text: head })))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell) => h('td', {}, cell))))));
}
