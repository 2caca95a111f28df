package de.fallnetz.gateway.partner;

import java.util.LinkedHashMap;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code fallnetz.gateway.partner.*}: where the partner API's front door routes, and how fast a client may call. */
@ConfigMapping(prefix = "fallnetz.gateway.partner")
public interface PartnerFrontDoorConfig {

    /**
     * The interaction services by name, as {@code name=url} pairs separated by commas, e.g.
     * {@code ba-consent=http://127.0.0.1:8084,recognition=http://127.0.0.1:8085} (./run and the tests set it from
     * devstack's list of services; env {@code FALLNETZ_GATEWAY_PARTNER_ROUTES}).
     */
    @WithDefault(" ")
    String routes();

    /** Calls a partner client may make at once after a pause (the token bucket's size). */
    @WithDefault("30")
    int burst();

    /** Calls per second a partner client may make in the long run (the bucket's refill rate). */
    @WithDefault("10")
    double perSecond();

    default Map<String, String> routeMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : routes().split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                map.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return map;
    }
}
