package de.fallnetz.notifications.webhooks;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.notifications.config.NotificationConfig;

/**
 * SSRF protection for webhook targets: only https where required (production), and no private, loopback,
 * link-local, unique-local, carrier-grade-NAT or multicast address unless an operator allowed it for the
 * subscription. Checked when a subscription is made and again before every call, on the addresses the name resolves
 * to then (redirects are not followed).
 */
@ApplicationScoped
public class WebhookTargets {

    private final NotificationConfig.Webhooks config;

    public WebhookTargets(NotificationConfig config) {
        this.config = config.webhooks();
    }

    /** Why the URL may not be used as given, or empty if it may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.of("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("https") && !(scheme.equals("http") && !config.requireHttps())) {
            return Optional.of(config.requireHttps() ? "must be an https URL" : "must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            return Optional.of("must name a host and no user");
        }
        return Optional.empty();
    }

    /** Whether the host resolves to an address only reachable inside a network (or does not resolve at all). */
    public boolean isPrivate(String url) {
        try {
            for (InetAddress a : InetAddress.getAllByName(URI.create(url).getHost())) {
                if (isPrivate(a)) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException | IllegalArgumentException e) {
            return true;
        }
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64 // 100.64.0.0/10 carrier-grade NAT
                || (b[0] & 0xff) == 0;
    }
}
