import { create } from 'xmlbuilder2';
import type { ComponentStatus } from './statuspage.types';

const COLOURS: Record<ComponentStatus | 'maintenance', string> = {
  operational: '#4c1',
  under_maintenance: '#007ec6',
  maintenance: '#007ec6',
  degraded_performance: '#dfb317',
  partial_outage: '#fe7d37',
  major_outage: '#e05d44',
};

/** About how wide Verdana 11px draws the text, as shields.io estimates it. */
const widthOf = (text: string) => Math.round(text.length * 6.5 + 10);

/**
 * A shields.io flat-style badge (two rects, two texts), built with xmlbuilder2: `label | message`,
 * coloured by the status.
 */
export function renderBadge(label: string, message: string, status: ComponentStatus | 'maintenance'): string {
  const left = widthOf(label);
  const right = widthOf(message);
  const width = left + right;
  const svg = create().ele('http://www.w3.org/2000/svg', 'svg', {
    width: String(width),
    height: '20',
    role: 'img',
    'aria-label': `${label}: ${message}`,
  });
  svg.ele('title').txt(`${label}: ${message}`);
  const gradient = svg.ele('linearGradient', { id: 's', x2: '0', y2: '100%' });
  gradient.ele('stop', { offset: '0', 'stop-color': '#bbb', 'stop-opacity': '.1' });
  gradient.ele('stop', { offset: '1', 'stop-opacity': '.1' });
  svg.ele('clipPath', { id: 'r' }).ele('rect', { width: String(width), height: '20', rx: '3', fill: '#fff' });
  const g = svg.ele('g', { 'clip-path': 'url(#r)' });
  g.ele('rect', { width: String(left), height: '20', fill: '#555' });
  g.ele('rect', { x: String(left), width: String(right), height: '20', fill: COLOURS[status] });
  g.ele('rect', { width: String(width), height: '20', fill: 'url(#s)' });
  const text = svg.ele('g', {
    fill: '#fff',
    'text-anchor': 'middle',
    'font-family': 'Verdana,Geneva,DejaVu Sans,sans-serif',
    'font-size': '11',
  });
  text.ele('text', { x: String(left / 2), y: '14' }).txt(label);
  text.ele('text', { x: String(left + right / 2), y: '14' }).txt(message);
  return svg.end({ headless: true });
}
