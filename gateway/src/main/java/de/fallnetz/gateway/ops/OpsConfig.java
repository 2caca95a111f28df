package de.fallnetz.gateway.ops;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code fallnetz.gateway.ops.*}: the services whose incidents the operators' view gathers. */
@ConfigMapping(prefix = "fallnetz.gateway.ops")
public interface OpsConfig {

    /**
     * Every service with platform-messaging, as {@code name=url} pairs separated by commas, e.g.
     * {@code case-service=http://127.0.0.1:8081,notification-service=http://127.0.0.1:8083} (./run and the system
     * tests set it from services.yaml; env {@code FALLNETZ_GATEWAY_OPS_SERVICES}).
     */
    @WithDefault(" ")
    String services();

    /** How long the view waits for one service before it shows that service as unreachable. */
    @WithDefault("5s")
    Duration timeout();

    default Map<String, String> serviceMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : services().split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                map.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return map;
    }
}
