package de.fallnetz.gateway.status;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The applicant's status page behind the link in their mails: public (the signed token is the credential), in the
 * applicant's language and direction. Any token notification-service does not accept shows the same "not found"
 * page; the service being away shows "try later", never the case.
 */
@Path("/status/{token}")
public class StatusPageResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(StatusView status);

        static native TemplateInstance notFound();

        static native TemplateInstance unavailable();
    }

    private final StatusClient client;

    public StatusPageResource(@RestClient StatusClient client) {
        this.client = client;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The applicant's status page (HTML)")
    public Response page(@PathParam("token") String token) {
        if (token.length() > 200) {
            return html(404, Templates.notFound());
        }
        try {
            return html(200, Templates.page(client.status(token)));
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            return status == 404 || status == 400 ? html(404, Templates.notFound())
                    : html(503, Templates.unavailable());
        } catch (ProcessingException e) {
            return html(503, Templates.unavailable());
        }
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page.render())
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
    }
}
