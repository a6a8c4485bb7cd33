// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.examples.jakartaee;

import dev.scopepool.ResourcePool;
import dev.scopepool.cdi.Pool;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Sends through a {@code @Dependent} pool: it belongs to this resource, which lives for one
 * request, so the pool closes when the request ends and the resource is destroyed.
 */
@Path("dependent")
@RequestScoped
public class DependentResource {

    @Inject
    @Pool("dependent")
    ResourcePool<Channel> pool;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> send(@QueryParam("message") String message) throws InterruptedException {
        return PoolReport.of(pool, pool.execute(channel -> channel.send(message)));
    }
}
