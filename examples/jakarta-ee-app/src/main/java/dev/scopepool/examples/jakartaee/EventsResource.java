// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.examples.jakartaee;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The pool events this application observed. */
@Path("events")
@RequestScoped
public class EventsResource {

    @Inject
    PoolEventLog log;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<String> latest() {
        return log.latest();
    }
}
