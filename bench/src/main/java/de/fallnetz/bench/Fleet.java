package de.fallnetz.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.fallnetz.devstack.DevStack;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.ServiceProcess;
import de.fallnetz.devstack.SharedKeycloak;
import de.fallnetz.devstack.StackEndpoints;

/**
 * The services of a benchmark run as processes on fixed free ports (HTTP and management), so that one can be killed and started again
 * where the others expect it (logs in bench/target/logs/).
 */
final class Fleet implements AutoCloseable {

    private final Path root;
    private final StackEndpoints stack;
    private final Map<FallnetzService, Integer> ports = new LinkedHashMap<>();
    /** Fixed too: Prometheus scrapes each service at its management port, also after a restart. */
    private final Map<FallnetzService, Integer> managementPorts = new LinkedHashMap<>();
    private final String issuer;
    private final Map<FallnetzService, ServiceProcess> running = new LinkedHashMap<>();

    private Fleet(Path root, StackEndpoints stack, boolean withGateway) {
        this.root = root;
        this.stack = stack;
        for (FallnetzService s : FallnetzService.values()) {
            ports.put(s, DevStack.freePort());
            managementPorts.put(s, DevStack.freePort());
        }
        // The gateway signs callers in at Keycloak; only runs with the gateway start it.
        this.issuer = withGateway ? SharedKeycloak.issuer() : null;
    }

    /** Starts the services and waits until each is ready. */
    static Fleet start(Path root, StackEndpoints stack, List<FallnetzService> services, PrintStream out)
            throws Exception {
        Fleet fleet = new Fleet(root, stack, services.contains(FallnetzService.GATEWAY));
        // A run stopped with Ctrl-C must not leave the services running.
        Runtime.getRuntime().addShutdownHook(new Thread(fleet::close, "fleet-shutdown"));
        try {
            for (FallnetzService s : services) {
                fleet.launch(s);
            }
            for (FallnetzService s : services) {
                fleet.awaitReady(s);
                out.println("      " + s.id() + " ready");
            }
        } catch (Exception e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    private void launch(FallnetzService s) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(s.environment(stack, ports, issuer));
        env.put(ServiceProcess.MANAGEMENT_PORT, String.valueOf(managementPorts.get(s)));
        running.put(s, ServiceProcess.start(s, ServiceProcess.applicationJar(root, s), env, root.resolve("bench/target/logs").resolve(s.id() + ".log")));
    }

    void awaitReady(FallnetzService s) throws InterruptedException {
        ServiceProcess p = running.get(s);
        if (!p.awaitReady(Duration.ofMinutes(3))) {
            throw new IllegalStateException(s.id() + " did not become ready:\n" + p.logTail(40));
        }
    }

    /** SIGKILL of one service. */
    void kill(FallnetzService s) throws InterruptedException {
        running.get(s).kill();
    }

    /** Starts a killed service again on its port and waits until it is ready. */
    void restart(FallnetzService s) throws Exception {
        launch(s);
        awaitReady(s);
    }

    ServiceProcess get(FallnetzService s) {
        return running.get(s);
    }

    Map<FallnetzService, ServiceProcess> running() {
        return running;
    }

    @Override
    public void close() {
        running.values().forEach(ServiceProcess::close);
    }
}
