package dev.scopepool.cdi.example;

import dev.scopepool.ResourcePool;
import dev.scopepool.cdi.Pool;
import jakarta.inject.Inject;

/** The injection point of SPEC §5, as the README shows it. */
class OrderService { @Inject @Pool("orders-db") ResourcePool<Conn> pool; }
