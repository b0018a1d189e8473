// A stacked bar chart in inline SVG, one bar per minute. Drawn by hand: sixty rectangles do not
// need a charting library, and the page loads nothing but this service's own files.
const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 720;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 8, bottom: 22, left: 40 };
/** Gap between bars, in the chart's units. */
const BAR_GAP = 2;
/** Horizontal grid lines (and y labels) at 0, 1/2 and 1 of the top value. */
const GRID_STEPS = 2;

function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    el.setAttribute(name, String(value));
  }
  if (text !== undefined) {
    el.textContent = text;
  }
  return el;
}

/** The smallest "round" number at or above n, so the y axis reads 0, 5, 10 rather than 0, 4.5, 9. */
function niceCeiling(n) {
  if (n <= 1) {
    return 1;
  }
  const magnitude = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 5, 10]) {
    if (step * magnitude >= n) {
      return step * magnitude;
    }
  }
  return 10 * magnitude;
}

/**
 * @param bars [{counts: {series: n}, title: 'tooltip'}] oldest first
 * @param series [{key, className}] bottom of the stack first; a bar's counts not named here are not drawn
 * @param xLabels [{index, text}] labels under chosen bars
 * @param title, description what a screen reader says about the chart
 * @param id what the ids of its title and description start with (two charts on one screen need two)
 */
export function stackedBars({ bars, series, xLabels, title, description, id = 'chart' }) {
  const root = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', class: 'chart', preserveAspectRatio: 'xMidYMid meet',
    'aria-labelledby': `${id}-title ${id}-desc`,
  });
  root.appendChild(svg('title', { id: `${id}-title` }, title));
  root.appendChild(svg('desc', { id: `${id}-desc` }, description));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const totals = bars.map((b) => series.reduce((sum, s) => sum + (b.counts[s.key] ?? 0), 0));
  const top = niceCeiling(Math.max(0, ...totals));
  const y = (value) => MARGIN.top + plotHeight - (value / top) * plotHeight;

  for (let i = 0; i <= GRID_STEPS; i++) {
    const value = (top * i) / GRID_STEPS;
    root.appendChild(svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value), class: 'grid' }));
    root.appendChild(svg('text', { x: MARGIN.left - 6, y: y(value) + 4, class: 'axis-label', 'text-anchor': 'end' },
      Number.isInteger(value) ? String(value) : value.toFixed(1)));
  }
  const slot = plotWidth / Math.max(1, bars.length);
  bars.forEach((bar, i) => {
    const group = svg('g', { class: 'bar' });
    group.appendChild(svg('title', {}, bar.title));
    let base = 0;
    for (const s of series) {
      const n = bar.counts[s.key] ?? 0;
      if (n > 0) {
        group.appendChild(svg('rect', {
          x: MARGIN.left + i * slot + BAR_GAP / 2, width: Math.max(1, slot - BAR_GAP),
          y: y(base + n), height: y(base) - y(base + n), class: s.className,
        }));
        base += n;
      }
    }
    root.appendChild(group);
  });
  for (const label of xLabels) {
    // the last bar's label ends at the right edge rather than running past it
    const last = label.index === bars.length - 1;
    root.appendChild(svg('text', {
      x: last ? WIDTH - MARGIN.right : MARGIN.left + (label.index + 0.5) * slot, y: HEIGHT - 6, class: 'axis-label',
      'text-anchor': last ? 'end' : 'middle',
    }, label.text));
  }
  return root;
}
