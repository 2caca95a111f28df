package de.fallnetz.gateway.status;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** notification-service's status-page data ({@code /api/status/{token}}). */
@RegisterRestClient(configKey = "notification-service")
@Path("/api/status")
public interface StatusClient {

    @GET
    @Path("/{token}")
    @Produces(MediaType.APPLICATION_JSON)
    StatusView status(@PathParam("token") String token);
}
