// SPDX-License-Identifier: Apache-2.0
//
// The plugin's one page: a grid with a row per live pool, sampled every 2 s while the page is
// open. Written with React.createElement (no JSX, so no build) and PatternFly 4's CSS classes,
// which Hawtio already loads.
import { SessionEndedError } from './pool-jolokia.js';
import { sparkline } from './sparkline.js';

export const SAMPLE_MILLIS = 2000;
/** How far back the sparklines reach. */
export const WINDOW_MILLIS = 5 * 60 * 1000;

const SERIES = [
  { name: 'inUse', label: 'in use' },
  { name: 'idle', label: 'idle' },
  { name: 'waiting', label: 'waiting' },
];

export function createPoolsPage({ React, router, hawtio, jolokia }) {
  const h = React.createElement;
  const { useCallback, useContext, useEffect, useRef, useState } = React;

  /**
   * Polls every pool while the page is mounted and the session lasts. Stops, and drops the
   * request in flight, when the page is left, when the user logs out, and when Jolokia refuses
   * the session.
   */
  function usePoolSamples() {
    const [view, setView] = useState({ pools: [], history: new Map(), error: null, stopped: false, loaded: false,
      samples: 0 });
    const sampleNow = useRef(() => undefined);

    useEffect(() => {
      const history = new Map();
      const previous = new Map();
      const controller = new AbortController();
      let stopped = false;
      let inFlight = false;
      let sampled = 0;

      async function sample() {
        if (stopped || inFlight) {
          return;
        }
        inFlight = true;
        try {
          const pools = await jolokia.readPools(controller.signal);
          if (stopped) {
            return;
          }
          const now = Date.now();
          const live = new Set(pools.map(p => p.name));
          for (const name of [...history.keys()]) {
            if (!live.has(name)) {
              history.delete(name);
              previous.delete(name);
            }
          }
          for (const pool of pools) {
            const before = previous.get(pool.name);
            pool.acquiresPerSecond = before && now > before.at
              ? Math.max(0, (pool.acquired - before.acquired) * 1000 / (now - before.at))
              : null;
            previous.set(pool.name, { at: now, acquired: pool.acquired });
            const samples = history.get(pool.name) || [];
            samples.push({ at: now, inUse: pool.inUse, idle: pool.idle, waiting: pool.waiting });
            while (samples.length && samples[0].at < now - WINDOW_MILLIS) {
              samples.shift();
            }
            history.set(pool.name, samples);
          }
          sampled++;
          setView({ pools, history: new Map(history), error: null, stopped: false, loaded: true,
            samples: sampled });
        } catch (e) {
          if (stopped) {
            return;
          }
          if (e instanceof SessionEndedError) {
            stop();
          }
          setView(v => ({ ...v, error: e.message, stopped, loaded: true }));
        } finally {
          inFlight = false;
        }
      }

      const timer = setInterval(sample, SAMPLE_MILLIS);
      function stop() {
        stopped = true;
        clearInterval(timer);
        controller.abort();
      }
      hawtio.eventService.onLogout(stop);
      sampleNow.current = sample;
      sample();
      return () => {
        stop();
        hawtio.eventService.removeListener(hawtio.EVENT_LOGOUT, stop);
        sampleNow.current = () => undefined;
      };
    }, []);

    return [view, useCallback(() => sampleNow.current(), [])];
  }

  /** Opens the pool's MBean in Hawtio's JMX view: selects its tree node, then goes there. */
  function JmxLink({ pool }) {
    const { setSelectedNode } = useContext(hawtio.PluginNodeSelectionContext);
    const navigate = router.useNavigate();
    const open = async event => {
      event.preventDefault();
      try {
        const tree = await hawtio.workspace.getTree();
        const node = tree.navigate('dev.scopepool', 'ResourcePool', pool.name);
        if (node) {
          setSelectedNode(node);
        }
      } catch (e) {
        // Without the tree the JMX view still opens, with nothing selected.
      }
      navigate('/jmx/attributes');
    };
    return h('a', { href: 'jmx/attributes', onClick: open, 'data-jmx-link': pool.name,
      title: 'Open ' + pool.mbean + ' in JMX' }, pool.name);
  }

  function StateLabel({ state }) {
    const colour = { up: 'pf-m-green', down: 'pf-m-red', suspended: 'pf-m-orange' }[state];
    return h('span', { className: 'pf-c-label ' + colour, 'data-state': state },
      h('span', { className: 'pf-c-label__content' }, state));
  }

  function Sparklines({ pool, samples }) {
    return h('div', { className: 'scopepool-pools__sparks' },
      SERIES.flatMap(s => [
        h('span', { key: s.name + '-label' }, s.label),
        h(React.Fragment, { key: s.name }, sparkline(h, {
          name: s.name, label: s.label, values: samples.map(x => x[s.name]), scale: pool.max,
        })),
      ]));
  }

  function Button({ action, onClick, disabled, children, primary }) {
    return h('button', {
      type: 'button',
      className: 'pf-c-button pf-m-small ' + (primary ? 'pf-m-primary' : 'pf-m-secondary'),
      'data-action': action, onClick, disabled,
    }, children);
  }

  /** The row's actions; each runs one MBean operation, then samples at once so the row shows its effect. */
  function PoolActions({ pool, refresh }) {
    const [busy, setBusy] = useState(false);
    const [note, setNote] = useState(null);
    const [resizing, setResizing] = useState(false);
    const [min, setMin] = useState(String(pool.min));
    const [max, setMax] = useState(String(pool.max));

    const run = async (operation, args, describe) => {
      setBusy(true);
      setNote(null);
      try {
        const value = await jolokia.exec(pool.mbean, operation, args);
        setNote({ kind: 'info', text: describe(value) });
        return true;
      } catch (e) {
        setNote({ kind: 'danger', text: e.message });
        return false;
      } finally {
        setBusy(false);
        refresh();
      }
    };

    const openResize = () => {
      setMin(String(pool.min));
      setMax(String(pool.max));
      setNote(null);
      setResizing(true);
    };
    const resize = async event => {
      event.preventDefault();
      const ok = await run('resize', [Number(min), Number(max)], () => 'Resized to ' + min + '/' + max);
      if (ok) {
        setResizing(false);
      }
    };

    return h('div', null,
      h('div', { className: 'scopepool-pools__actions' },
        h(Button, { action: 'checkHealth', disabled: busy, onClick: () =>
          run('checkHealth', [], n => 'Health check removed ' + n + ' resource' + (n === 1 ? '' : 's')) },
        'Check health'),
        pool.suspended
          ? h(Button, { action: 'resume', disabled: busy, onClick: () => run('resume', [], () => 'Resumed') }, 'Resume')
          : h(Button, { action: 'suspend', disabled: busy, onClick: () => run('suspend', [], () => 'Suspended') }, 'Suspend'),
        h(Button, { action: 'evictIdle', disabled: busy, onClick: () =>
          run('evictIdle', [], n => 'Evicted ' + n + ' idle resource' + (n === 1 ? '' : 's')) },
        'Evict idle'),
        h(Button, { action: 'resize', disabled: busy || resizing, onClick: openResize }, 'Resize…')),
      resizing && h('form', { className: 'scopepool-pools__resize', onSubmit: resize, 'data-resize': pool.name },
        h('label', null, 'min ', h('input', { className: 'pf-c-form-control', type: 'number', name: 'min',
          value: min, onChange: e => setMin(e.target.value), 'aria-label': 'New minimum of ' + pool.name })),
        h('label', null, 'max ', h('input', { className: 'pf-c-form-control', type: 'number', name: 'max',
          value: max, onChange: e => setMax(e.target.value), 'aria-label': 'New maximum of ' + pool.name })),
        h(Button, { action: 'applyResize', disabled: busy, primary: true, onClick: resize }, 'Apply'),
        h(Button, { action: 'cancelResize', disabled: busy, onClick: () => {
          setResizing(false);
          setNote(null);
        } }, 'Cancel')),
      note && h('div', {
        className: 'scopepool-pools__note scopepool-pools__note--' + note.kind,
        role: note.kind === 'danger' ? 'alert' : 'status', 'data-note': note.kind,
      }, note.text));
  }

  function stateOf(pool) {
    return pool.down ? 'down' : pool.suspended ? 'suspended' : 'up';
  }

  function number(value, column) {
    return h('td', { className: 'scopepool-pools__number', 'data-column': column }, value);
  }

  function PoolRow({ pool, samples, refresh }) {
    const state = stateOf(pool);
    return h('tr', {
      className: 'scopepool-pools__row scopepool-pools__row--' + state,
      'data-pool': pool.name, 'data-state': state,
    },
    h('td', { 'data-column': 'name' }, h(JmxLink, { pool })),
    h('td', { 'data-column': 'state' }, h(StateLabel, { state })),
    number(pool.inUse, 'inUse'),
    number(pool.idle, 'idle'),
    number(pool.waiting, 'waiting'),
    number(pool.creating, 'creating'),
    number(pool.min + ' / ' + pool.max, 'minMax'),
    number(pool.acquiresPerSecond === null ? '–' : pool.acquiresPerSecond.toFixed(1), 'acquiresPerSecond'),
    number(pool.timeouts, 'timeouts'),
    number(pool.rejected, 'rejected'),
    h('td', { className: 'scopepool-pools__failure', 'data-column': 'lastHealthCheckFailure' },
      pool.lastHealthCheckFailure || '—'),
    h('td', { 'data-column': 'history' }, h(Sparklines, { pool, samples })),
    h('td', { 'data-column': 'actions' }, h(PoolActions, { pool, refresh })));
  }

  const HEADERS = ['Pool', 'State', 'In use', 'Idle', 'Waiting', 'Creating', 'Min / max', 'Acquires / s',
    'Timeouts', 'Rejected', 'Last health-check failure', 'Last 5 minutes', 'Actions'];

  return function PoolsPage() {
    const [view, refresh] = usePoolSamples();
    const down = view.pools.filter(p => p.down).length;
    return h('div', { className: 'scopepool-pools', 'data-sampling': view.stopped ? 'stopped' : 'running',
      'data-samples': view.samples },
      h('section', { className: 'pf-c-page__main-section pf-m-light' },
        h('h1', { className: 'pf-c-title pf-m-2xl' }, 'Pools'),
        h('p', null, view.pools.length + ' live pool' + (view.pools.length === 1 ? '' : 's')
          + (down ? ', ' + down + ' down' : '') + '; sampled every ' + SAMPLE_MILLIS / 1000
          + ' s while this page is open.')),
      h('section', { className: 'pf-c-page__main-section' },
        view.error && h('div', { className: 'pf-c-alert pf-m-danger pf-m-inline', role: 'alert',
          'data-error': '' },
        h('p', { className: 'pf-c-alert__title' }, view.error)),
        h('table', { className: 'pf-c-table pf-m-compact pf-m-grid-lg', role: 'grid', 'aria-label': 'Pools' },
          h('thead', null, h('tr', null, HEADERS.map(t => h('th', { key: t, scope: 'col' }, t)))),
          h('tbody', null, view.pools.map(pool => h(PoolRow, {
            key: pool.name, pool, samples: view.history.get(pool.name) || [], refresh,
          })))),
        view.loaded && view.pools.length === 0 && !view.error && h('p', null, 'No live pool.')));
  };
}
