// SPDX-License-Identifier: Apache-2.0
//
// The Pools page's Module Federation container, written by hand so that the page needs no
// JavaScript build. Hawtio's front end loads this file as a classic script (the plugin MBean
// names it), then calls init(shareScope) with the share scope of its own bundle, and
// get('./plugin'), whose factory yields the module with the entry function `plugin`.
//
// React, React Router and @hawtio/react come from that share scope: the very instances Hawtio
// runs, so the page renders inside Hawtio's own React tree and router. The page's other files are
// native ES modules beside this one, loaded with import(): same origin, no inline script, no
// eval, as Hawtio's content-security policy requires.
(function () {
  'use strict';

  const SCOPE = 'scopepoolPools';
  const MODULE = './plugin';
  // The folder this file was loaded from; import() resolves the modules against it.
  const folder = new URL('.', document.currentScript.src).href;
  let shareScope = null;

  function compareVersions(a, b) {
    const x = a.split('.').map(Number);
    const y = b.split('.').map(Number);
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      const d = (x[i] || 0) - (y[i] || 0);
      if (d !== 0) {
        return d;
      }
    }
    return 0;
  }

  /** Resolves to the module Hawtio shares under `name` (its newest version, if it shares several). */
  function shared(name) {
    const versions = shareScope && shareScope[name];
    if (!versions || Object.keys(versions).length === 0) {
      return Promise.reject(new Error('Hawtio shares no ' + name + ' with its plugins'));
    }
    const newest = Object.keys(versions).sort(compareVersions).pop();
    return Promise.resolve(versions[newest].get()).then(factory => factory());
  }

  window[SCOPE] = {
    init(scope) {
      shareScope = scope;
    },
    get(module) {
      if (module !== MODULE) {
        return Promise.reject(new Error('Module "' + module + '" does not exist in container ' + SCOPE));
      }
      return Promise.all([
        shared('react'),
        shared('react-router-dom'),
        shared('@hawtio/react'),
        import(folder + 'pools-plugin.js'),
      ]).then(([React, router, hawtio, entry]) => () => ({
        plugin: () => entry.registerPoolsPage({ React, router, hawtio }),
      }));
    },
  };
})();
