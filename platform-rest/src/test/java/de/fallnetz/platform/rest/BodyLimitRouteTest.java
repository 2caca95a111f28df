package de.fallnetz.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;

class BodyLimitRouteTest {

    private static final MemorySizeConverter SIZE = new MemorySizeConverter();

    @Test
    void shouldTakeQuarkusLimitEverywhereWithoutLimitsOfItsOwn() {
        BodyLimitRoute route = new BodyLimitRoute(SIZE.convert("64K"), config(null, Map.of()));
        assertThat(route.limit("/api/cases")).isEqualTo(64 * 1024);
        assertThat(route.limit("/partner/v1/x/requests/1/documents")).isEqualTo(64 * 1024);
    }

    @Test
    void shouldGiveANamedRouteItsOwnLimitAndEveryOtherTheDefault() {
        BodyLimitRoute route = new BodyLimitRoute(SIZE.convert("10M"), config("64K",
                Map.of("documents", route("/partner/v1/[^/]+/requests/[^/]+/documents", "10M"),
                        "too-large", route("/big", "1G"))));
        assertThat(route.limit("/partner/v1/ba-consent/requests/r-1/documents")).isEqualTo(10 * 1024 * 1024);
        assertThat(route.limit("/partner/v1/ba-consent/requests/r-1/answer")).isEqualTo(64 * 1024);
        assertThat(route.limit("/partner/v1/ba-consent/requests/r-1/documents/x")).isEqualTo(64 * 1024);
        // Never above Quarkus's own limit, which would refuse it anyway.
        assertThat(route.limit("/big")).isEqualTo(10 * 1024 * 1024);
    }

    private static BodyLimitConfig config(String defaultLimit, Map<String, BodyLimitConfig.Route> routes) {
        return new BodyLimitConfig() {
            @Override
            public Optional<MemorySize> defaultLimit() {
                return Optional.ofNullable(defaultLimit).map(SIZE::convert);
            }

            @Override
            public Map<String, Route> routes() {
                return routes;
            }
        };
    }

    private static BodyLimitConfig.Route route(String path, String max) {
        return new BodyLimitConfig.Route() {
            @Override
            public String path() {
                return path;
            }

            @Override
            public MemorySize max() {
                return SIZE.convert(max);
            }
        };
    }
}
