import type { WebResponse } from '../console.types';

/** The console's own stylesheet: the CSP allows no inline style, so the charts' colours are classes. */
const CSS = `body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d1c1d;background:#fafafa}
header{background:#3f0e40;padding:.6em 1em}header a{color:#fff;margin-right:1em;text-decoration:none;font-weight:600}
main{max-width:72em;margin:0 auto;padding:1em}
table{border-collapse:collapse;width:100%;margin:.5em 0 1em}th,td{text-align:left;padding:.3em .5em;border-bottom:1px solid #ddd;vertical-align:top}
form.filters{display:flex;flex-wrap:wrap;gap:.5em;align-items:end}form.filters label{display:flex;flex-direction:column;font-size:.85em}
.overdue{color:#b00020;font-weight:600}.private{color:#6b2c91}.drill{color:#8a6d00}.error{color:#b00020}
.timeline{list-style:none;padding:0}.timeline li{padding:.2em 0;border-bottom:1px solid #eee}.timeline time{color:#616061;font-variant-numeric:tabular-nums}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dl.facts dt{font-weight:600}
svg.chart{max-width:100%;height:auto;background:#fff;border:1px solid #ddd}svg text{font:11px system-ui,sans-serif;fill:#1d1c1d}
.s0{fill:#b00020}.s1{fill:#e8912d}.s2{fill:#2eb67d}.s3{fill:#36c5f0}.s4{fill:#6b2c91}.s5{fill:#616061}.s6{fill:#1264a3}.s7{fill:#8a6d00}.s8{fill:#e01e5a}.s9{fill:#00796b}
.phase-investigating{fill:#e01e5a}.phase-identified{fill:#e8912d}.phase-mitigating{fill:#ecb22e}.phase-monitoring{fill:#36c5f0}.phase-resolved{fill:#2eb67d}
.pager a{margin-right:.8em}
`;

/**
 * The timeline as it changes (Server-Sent Events): a new entry added, an edited one replaced and put
 * in its place by time, a removed one taken off. Everything from the stream is set as text, never
 * read as HTML. Without JavaScript the page is whole as served.
 */
const JS = `(function () {
  var list = document.getElementById('timeline');
  if (!list || !list.dataset.events || !window.EventSource) return;
  var source = new EventSource(list.dataset.events);
  function before(item, entry) {
    var at = Number(item.getAttribute('data-at'));
    return at < entry.at || (at === entry.at && Number(item.id.slice(6)) < entry.entry);
  }
  function place(event) {
    var entry = JSON.parse(event.data);
    var item = document.getElementById('entry-' + entry.entry) || document.createElement('li');
    item.id = 'entry-' + entry.entry;
    item.setAttribute('data-at', String(entry.at));
    item.textContent = '';
    var time = document.createElement('time');
    time.textContent = entry.time;
    item.appendChild(time);
    item.appendChild(document.createTextNode(' · ' + entry.actor + ' · ' + entry.text));
    var next = null;
    for (var other = list.lastElementChild; other; other = other.previousElementSibling) {
      if (other !== item && before(other, entry)) break;
      if (other !== item) next = other;
    }
    list.insertBefore(item, next);
  }
  source.addEventListener('entry', place);
  source.addEventListener('edited', place);
  source.addEventListener('removed', function (event) {
    var item = document.getElementById('entry-' + JSON.parse(event.data).entry);
    if (item) item.parentNode.removeChild(item);
  });
})();
`;

export function asset(path: string): WebResponse | null {
  const cache = 'public, max-age=300';
  if (path === '/assets/console.css')
    return { status: 200, headers: { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': cache }, body: CSS };
  if (path === '/assets/console.js')
    return {
      status: 200,
      headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': cache },
      body: JS,
    };
  return null;
}
