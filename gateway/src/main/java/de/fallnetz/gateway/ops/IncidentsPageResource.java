package de.fallnetz.gateway.ops;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import de.fallnetz.gateway.identity.Caller;
import de.fallnetz.platform.rest.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * The operators' incident page ({@code /ui/ops}, signed in at the identity provider, role {@code operator}): per
 * service the events its consumers parked, its stuck outbox rows and consumer lag, with forms to retry one or many,
 * discard with a reason, or release an outbox row. Every action is audited (IncidentService) and redirects back
 * (post/redirect/get) with what happened.
 */
@Path("/ui/ops")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("operator")
public class IncidentsPageResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(IncidentService.IncidentView view, String operator, boolean withDiscarded,
                String notice, String error);
    }

    private final IncidentService incidents;
    private final WebhookApprovalService approvals;
    private final SecurityIdentity identity;
    private final HttpServerRequest http;

    public IncidentsPageResource(IncidentService incidents, WebhookApprovalService approvals,
            SecurityIdentity identity, HttpServerRequest http) {
        this.incidents = incidents;
        this.approvals = approvals;
        this.identity = identity;
        this.http = http;
    }

    @GET
    public TemplateInstance page(@QueryParam("withDiscarded") boolean withDiscarded,
            @QueryParam("notice") String notice, @QueryParam("error") String error) {
        Caller caller = Caller.of(identity);
        return Templates.page(incidents.view(caller, withDiscarded), caller.actor(), withDiscarded,
                limit(notice), limit(error));
    }

    @POST
    @Path("{service}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response retry(@PathParam("service") String service, @FormParam("id") List<String> ids) {
        List<Long> selected = new ArrayList<>();
        for (String id : ids == null ? List.<String>of() : ids) {
            try {
                selected.add(Long.parseLong(id.strip()));
            } catch (NumberFormatException e) {
                return back(null, "Keine gültige Ereignisnummer: " + id);
            }
        }
        if (selected.isEmpty() || selected.size() > 100) {
            return back(null, "Bitte ein bis hundert Ereignisse auswählen.");
        }
        return outcome(() -> incidents.retryMany(Caller.of(identity), client(), service, selected),
                selected.size() + " Ereignis(se) von " + service + " erneut zugestellt.");
    }

    @POST
    @Path("{service}/parked-events/{id}/discard")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response discard(@PathParam("service") String service, @PathParam("id") long id,
            @FormParam("reason") String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            return back(null, "Zum Verwerfen ist eine Begründung nötig (höchstens 500 Zeichen).");
        }
        return outcome(() -> incidents.discard(Caller.of(identity), client(), service, id, reason.strip()),
                "Ereignis " + id + " von " + service + " verworfen.");
    }

    @POST
    @Path("{service}/outbox/{id}/release")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response release(@PathParam("service") String service, @PathParam("id") long id) {
        return outcome(() -> incidents.release(Caller.of(identity), client(), service, id),
                "Outbox-Eintrag " + id + " von " + service + " wieder freigegeben.");
    }

    /** Allows ({@code allow=true}) or withdraws a webhook subscription's private-network target. */
    @POST
    @Path("webhook-subscriptions/private-network")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response privateNetwork(@FormParam("id") String id, @FormParam("allow") boolean allow) {
        if (id == null || id.isBlank()) {
            return back(null, "Bitte die ID des Webhook-Abonnements angeben.");
        }
        String subscription = id.strip();
        return outcome(() -> approvals.privateNetwork(Caller.of(identity), client(), subscription, allow),
                "Webhook-Abonnement " + subscription + (allow ? ": Ziel im privaten Netz erlaubt."
                        : ": Erlaubnis für das private Netz widerrufen."));
    }

    private interface Action {
        HttpResponse<String> run();
    }

    private Response outcome(Action action, String notice) {
        try {
            HttpResponse<String> answer = action.run();
            if (answer.statusCode() / 100 == 2) {
                return back(notice, null);
            }
            return back(null, "Der Dienst lehnte ab (HTTP " + answer.statusCode() + ").");
        } catch (ProblemException e) {
            return back(null, e.problem().detail());
        }
    }

    private static Response back(String notice, String error) {
        String query = notice != null ? "?notice=" + encode(notice) : "?error=" + encode(error);
        return Response.seeOther(URI.create("/ui/ops" + query)).build();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String limit(String text) {
        return text == null ? null : text.length() > 300 ? text.substring(0, 300) : text;
    }

    private String client() {
        return http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }
}
