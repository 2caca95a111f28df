package de.fallnetz.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One stack per JVM for tests: started on free ports in a temporary directory by whoever asks first, stopped and
 * deleted when the JVM exits. The endpoints live in a system property because Quarkus loads test resources in more
 * than one class loader, and each would otherwise see its own static field.
 */
public final class SharedStack {

    private SharedStack() {
    }

    public static synchronized StackEndpoints endpoints() {
        StackEndpoints published = StackEndpoints.published();
        if (published != null) {
            return published;
        }
        try {
            Path dir = Files.createTempDirectory("fallnetz-stack-");
            DevStack stack = DevStack.start(dir, 0, 0, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                DevStack.deleteQuietly(dir);
            }, "fallnetz-stack-shutdown"));
            StackEndpoints endpoints = stack.endpoints();
            endpoints.publish();
            System.out.println("Test stack: Kafka " + endpoints.kafkaBootstrapServers() + ", PostgreSQL port "
                    + endpoints.postgresPort() + ", in " + dir);
            return endpoints;
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded Kafka and PostgreSQL", e);
        }
    }

}
