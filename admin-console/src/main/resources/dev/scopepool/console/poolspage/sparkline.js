// SPDX-License-Identifier: Apache-2.0
//
// A sparkline as plain SVG: one polyline over the samples kept, scaled to the pool's maximum
// (or the highest sample, if higher), oldest on the left.

const WIDTH = 90;
const HEIGHT = 18;

/**
 * @param h React.createElement
 * @param series what is drawn: `name` (a CSS modifier and the data-series attribute), `label`,
 *        `values` (oldest first), `scale` (the value drawn at the top)
 * @return an <svg> element whose data-samples attribute counts the samples drawn
 */
export function sparkline(h, { name, label, values, scale }) {
  const top = Math.max(1, scale, ...values);
  const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
  const points = values
    .map((v, i) => (i * step).toFixed(1) + ',' + (HEIGHT - 1 - (v / top) * (HEIGHT - 2)).toFixed(1))
    .join(' ');
  const now = values.length ? values[values.length - 1] : '–';
  return h('svg', {
    className: 'scopepool-pools__spark scopepool-pools__spark--' + name,
    width: WIDTH, height: HEIGHT, viewBox: '0 0 ' + WIDTH + ' ' + HEIGHT,
    role: 'img', 'aria-label': label + ': ' + now + ' now',
    'data-series': name, 'data-samples': values.length,
  },
  h('title', null, label + ', ' + values.length + ' samples, now ' + now + ', highest ' + Math.max(0, ...values)),
  h('line', { className: 'scopepool-pools__spark-base', x1: 0, y1: HEIGHT - 1, x2: WIDTH, y2: HEIGHT - 1 }),
  values.length === 1
    ? h('circle', { cx: 0, cy: HEIGHT - 1 - (values[0] / top) * (HEIGHT - 2), r: 1.5 })
    : h('polyline', { points }));
}
