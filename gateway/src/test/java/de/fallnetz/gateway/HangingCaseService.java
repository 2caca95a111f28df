package de.fallnetz.gateway;

import java.util.HashMap;
import java.util.Map;

/** {@link SlowCaseService} with a read timeout far shorter than it holds an opening: case-service never answers. */
public class HangingCaseService extends SlowCaseService {

    static final int READ_TIMEOUT_MILLIS = 300;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("quarkus.rest-client.case-service.read-timeout", String.valueOf(READ_TIMEOUT_MILLIS));
        return config;
    }
}
