package de.fallnetz.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

import de.fallnetz.contracts.events.Topics;
import de.fallnetz.devstack.FallnetzService;

/**
 * What each service reads from Kafka, taken from its configuration ({@code mp.messaging.incoming.<channel>.topic}
 * in its application.properties and, for the interaction services, interaction-core's defaults), and the one topic
 * it publishes to through its outbox.
 */
final class ServiceTopics {

    private ServiceTopics() {
    }

    static List<String> consumed(FallnetzService service) {
        Properties config = new Properties();
        if (service.partnerApi()) {
            load(config, Repo.ROOT.resolve(
                    "partner-service/interaction-core/src/main/resources/META-INF/microprofile-config.properties"));
        }
        load(config, Repo.ROOT.resolve(service.modulePath()).resolve("src/main/resources/application.properties"));
        TreeSet<String> topics = new TreeSet<>();
        for (String key : config.stringPropertyNames()) {
            if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
                topics.add(config.getProperty(key));
            }
        }
        return List.copyOf(topics);
    }

    /** The aggregate topic a service publishes its events to, or null for the gateway, which publishes none. */
    static String owned(FallnetzService service) {
        if (service == FallnetzService.GATEWAY) {
            return null;
        }
        if (service == FallnetzService.CASE_SERVICE) {
            return Topics.CASE_EVENTS;
        }
        if (service == FallnetzService.NOTIFICATION_SERVICE) {
            return Topics.NOTIFICATION_EVENTS;
        }
        // The partner register and every interaction service (partner-service/*) publish partner.events.
        if (service.modulePath().startsWith("partner-service/")) {
            return Topics.PARTNER_EVENTS;
        }
        throw new IllegalStateException("Which topic does " + service.id() + " publish? Add it here.");
    }

    private static void load(Properties config, Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            config.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
