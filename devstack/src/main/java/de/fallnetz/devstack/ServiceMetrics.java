package de.fallnetz.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Reads a service's Prometheus metrics ({@code /q/metrics}), for tests that count what a service did. */
public final class ServiceMetrics {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceMetrics() {
    }

    /** How many events {@code consumer} counted with {@code outcome} (applied, duplicate, ignored, dead-lettered). */
    public static double eventsConsumed(String baseUrl, String consumer, String outcome) {
        return value(baseUrl, "fallnetz_events_consumed_total", Map.of("consumer", consumer, "outcome", outcome));
    }

    /**
     * The sum of every series of {@code name} (Prometheus spelling, e.g. {@code fallnetz_events_consumed_total})
     * that carries all of {@code labels}; 0 if there is none.
     */
    public static double value(String baseUrl, String name, Map<String, String> labels) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics"))
                .timeout(Duration.ofSeconds(30)).build(); // a scrape can take long on a busy 2-core machine
        String body;
        try {
            body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the metrics of " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        double sum = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                boolean matches = labels.entrySet().stream()
                        .allMatch(l -> line.contains(l.getKey() + "=\"" + l.getValue() + "\""));
                if (matches) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }
}
