// SPDX-License-Identifier: Apache-2.0
//
// The plugin's one registration: a "Pools" entry in Hawtio's navigation, active wherever the
// console's JVM has scopepool MBeans.
import { PoolJolokia } from './pool-jolokia.js';
import { createPoolsPage } from './pools-page.js';

/** Where the page lives in Hawtio's router (under the console's base address). */
export const PAGE_PATH = '/pools';

export function registerPoolsPage({ React, router, hawtio }) {
  addStylesheet(new URL('pools.css', import.meta.url).href);
  // Relative to the document's base, /hawtio/: the console's own Jolokia and its access policy.
  const jolokia = new PoolJolokia('jolokia/');
  hawtio.hawtio.addPlugin({
    id: 'scopepool-pools',
    title: 'Pools',
    path: PAGE_PATH,
    // Just before JMX in the navigation: the page is the operator's first stop.
    order: 12,
    component: createPoolsPage({ React, router, hawtio, jolokia }),
    isActive: () => jolokia.hasScopepool(),
  });
}

function addStylesheet(href) {
  if (!document.querySelector('link[data-scopepool-pools]')) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.setAttribute('data-scopepool-pools', '');
    document.head.appendChild(link);
  }
}
