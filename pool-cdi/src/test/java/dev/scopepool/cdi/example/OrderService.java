// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi.example;

import dev.scopepool.ResourcePool;
import dev.scopepool.cdi.Pool;
import jakarta.inject.Inject;

/** The injection point of the CDI example in docs/cdi.md. */
class OrderService { @Inject @Pool("orders-db") ResourcePool<Conn> pool; }
