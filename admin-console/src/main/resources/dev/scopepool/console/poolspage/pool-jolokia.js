// SPDX-License-Identifier: Apache-2.0
//
// The plugin's one client for Jolokia: POSTs to the console's own Jolokia with the session of
// the logged-in user, so the console's access policy decides what it may read and run.

const POOL_PATTERN = 'dev.scopepool:type=ResourcePool,name=*';
const ATTRIBUTES = ['Name', 'Down', 'Suspended', 'InUse', 'Available', 'Waiting', 'Creating', 'Min', 'Max',
  'Acquired', 'Timeouts', 'Rejected', 'LastHealthCheckFailure'];

/** Thrown when Jolokia refuses the session: the user logged out, or the session expired. */
export class SessionEndedError extends Error {
  constructor(status) {
    super('The console refused the session (HTTP ' + status + '): log in again');
    this.name = 'SessionEndedError';
  }
}

export class PoolJolokia {
  constructor(url) {
    this.url = url;
  }

  async request(body, signal) {
    const response = await fetch(this.url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
    if (response.status === 401 || response.status === 403) {
      throw new SessionEndedError(response.status);
    }
    if (!response.ok) {
      throw new Error('The console answered HTTP ' + response.status);
    }
    return response.json();
  }

  /** @return whether this JVM has any scopepool MBean: the page is offered only then */
  async hasScopepool() {
    try {
      const answer = await this.request({ type: 'search', mbean: 'dev.scopepool:*' });
      return answer.status === 200 && answer.value.length > 0;
    } catch (e) {
      return false;
    }
  }

  /** @return every live pool's figures, sorted by name; one Jolokia read for all of them */
  async readPools(signal) {
    const answer = await this.request({ type: 'read', mbean: POOL_PATTERN, attribute: ATTRIBUTES,
      config: { ignoreErrors: true } }, signal);
    if (answer.status === 404) {
      return []; // no pool is registered (any more)
    }
    if (answer.status !== 200) {
      throw new Error(serverMessage(answer));
    }
    return Object.entries(answer.value)
      .map(([mbean, a]) => ({
        mbean,
        name: a.Name,
        down: a.Down === true,
        suspended: a.Suspended === true,
        inUse: a.InUse,
        idle: a.Available,
        waiting: a.Waiting,
        creating: a.Creating,
        min: a.Min,
        max: a.Max,
        acquired: a.Acquired,
        timeouts: a.Timeouts,
        rejected: a.Rejected,
        lastHealthCheckFailure: a.LastHealthCheckFailure || '',
      }))
      .sort((x, y) => x.name.localeCompare(y.name));
  }

  /**
   * Runs an operation of a pool's MBean.
   * @return what it returned
   * @throws Error with the server's own message when the pool refuses (e.g. a bad resize)
   */
  async exec(mbean, operation, args) {
    const answer = await this.request({ type: 'exec', mbean, operation, arguments: args });
    if (answer.status !== 200) {
      throw new Error(serverMessage(answer));
    }
    return answer.value;
  }
}

/** Jolokia's error without the exception's class name in front: "java.lang.X : message" → "message". */
function serverMessage(answer) {
  const error = answer.error || 'Jolokia status ' + answer.status;
  return error.replace(/^[\w.$]+(Exception|Error)\s*:\s*/, '');
}
