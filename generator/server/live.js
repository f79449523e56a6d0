// The live preview client of `hubgen serve`. The preview injects it into the
// HTML pages it serves (never into the build's output). It listens to the
// server's events: reload the page, swap the stylesheets, or show the
// build's problems over the page until they are fixed. Problems are editors'
// text: they become text nodes, never markup.
(() => {
  'use strict';
  const events = new URL('events', document.currentScript.src);
  const pl = /^pl\b/i.test(document.documentElement.lang);
  const overlayId = 'hubgen-live-problems';
  const replaced = new WeakSet();

  const source = new EventSource(events);
  source.addEventListener('reload', () => location.reload());
  source.addEventListener('css', (e) => swapStylesheets(e.data));
  source.addEventListener('problems', (e) => showProblems(JSON.parse(e.data)));
  source.addEventListener('ok', hideProblems);

  // swapStylesheets loads each same-origin stylesheet again with ?v=version
  // and drops the old one once the new one has loaded, so nothing flashes.
  function swapStylesheets(version) {
    for (const link of document.querySelectorAll('link[rel~="stylesheet" i][href]')) {
      if (replaced.has(link)) continue;
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set('v', version);
      const next = link.cloneNode();
      next.href = url.href;
      replaced.add(link);
      const drop = () => link.remove();
      next.addEventListener('load', drop);
      next.addEventListener('error', drop);
      link.after(next);
    }
  }

  function element(tag, style, text) {
    const el = document.createElement(tag);
    Object.assign(el.style, style);
    if (text !== undefined) el.textContent = text;
    return el;
  }

  // showProblems shows one line per problem in a panel at the bottom of the
  // window, at most 40% of its height: the page stays readable and
  // scrollable above it, and the panel can be closed.
  function showProblems(problems) {
    hideProblems();
    const font = '15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif';
    const panel = element('div', {
      position: 'fixed', left: '0', right: '0', bottom: '0', zIndex: '2147483647',
      maxHeight: '40vh', overflow: 'auto', boxSizing: 'border-box', margin: '0',
      padding: '12px 16px', background: '#1b1b1b', color: '#f2f2f2',
      borderTop: '4px solid #e53935', boxShadow: '0 -2px 12px rgba(0,0,0,.4)',
      font, textAlign: 'left', direction: 'ltr',
    });
    panel.id = overlayId;
    panel.setAttribute('role', 'alert');
    panel.lang = pl ? 'pl' : 'en';
    const close = element('button', {
      float: 'right', minWidth: '32px', minHeight: '32px', margin: '0 0 8px 8px',
      background: 'transparent', color: '#f2f2f2', border: '1px solid #9e9e9e',
      borderRadius: '4px', font: '20px/1 sans-serif', cursor: 'pointer',
    }, '×');
    close.type = 'button';
    close.setAttribute('aria-label', pl ? 'Zamknij' : 'Close');
    close.addEventListener('click', hideProblems);
    const heading = element('h2', {
      margin: '0 0 8px', padding: '0', font: 'bold ' + font, color: '#ffb4ab',
    }, pl ? 'Budowanie nie powiodło się' : 'Build failed');
    const list = element('ul', { margin: '0', padding: '0', listStyle: 'none' });
    for (const problem of problems) {
      list.append(element('li', {
        margin: '0 0 4px', padding: '0', color: '#f2f2f2', background: 'transparent',
        font: '14px/1.45 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
        whiteSpace: 'pre-wrap', overflowWrap: 'anywhere',
      }, String(problem)));
    }
    panel.append(close, heading, list);
    (document.body || document.documentElement).append(panel);
  }

  function hideProblems() {
    const panel = document.getElementById(overlayId);
    if (panel) panel.remove();
  }
})();
