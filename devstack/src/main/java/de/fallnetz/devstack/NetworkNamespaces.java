package de.fallnetz.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Linux network namespace per Kafka node, each joined by a veth pair to a bridge in this machine's own namespace
 * that has private addresses ({@code 10.254.S.0/24}, only inside this machine). The services (in the machine's
 * namespace) and the other nodes reach a node through the bridge, so setting the node's bridge-side veth down cuts
 * it off from all of them at once, while its process keeps running, as in a real network partition.
 *
 * <p>
 * Everything is named {@code fnk<pid>…} after the JVM that made it: the shutdown hook removes its own, and the next
 * start removes what a JVM that died by SIGKILL left behind. Needs root ({@code ip netns}, iproute2).
 */
final class NetworkNamespaces {

    static final String PREFIX = "fnk";
    private static final Pattern OWNED = Pattern.compile(PREFIX + "(\\d+)[-a-z]\\S*");

    private final String owner;
    private final int subnet;
    private final int size;
    private boolean removed;

    private NetworkNamespaces(int size, int subnet) {
        this.owner = PREFIX + ProcessHandle.current().pid();
        this.subnet = subnet;
        this.size = size;
    }

    /**
     * Whether this machine lets us make namespaces and veth pairs: root with iproute2. Tries one namespace and
     * removes it again.
     */
    static boolean permitted() {
        String probe = PREFIX + ProcessHandle.current().pid() + "-probe";
        try {
            boolean made = run(false, "ip", "netns", "add", probe) == 0;
            if (made) {
                run(false, "ip", "netns", "del", probe);
            }
            return made;
        } catch (IOException e) {
            return false;
        }
    }

    /** Makes the bridge and {@code size} namespaces, each with its veth pair up, after removing leftovers. */
    static NetworkNamespaces create(int size) throws IOException {
        removeLeftovers();
        NetworkNamespaces net = new NetworkNamespaces(size, freeSubnet());
        try {
            net.build();
        } catch (IOException | RuntimeException e) {
            net.remove();
            throw e;
        }
        return net;
    }

    private void build() throws IOException {
        String bridge = bridge();
        ip("link", "add", bridge, "type", "bridge");
        ip("addr", "add", "10.254." + subnet + ".1/24", "dev", bridge);
        ip("link", "set", bridge, "up");
        for (int node = 0; node < size; node++) {
            String ns = namespace(node);
            String inside = owner + "n" + (node + 1);
            ip("netns", "add", ns);
            ip("link", "add", hostVeth(node), "type", "veth", "peer", "name", inside, "netns", ns);
            ip("link", "set", hostVeth(node), "master", bridge, "up");
            ip("-n", ns, "addr", "add", address(node) + "/24", "dev", inside);
            ip("-n", ns, "link", "set", inside, "up");
            ip("-n", ns, "link", "set", "lo", "up");
        }
    }

    /** The node's address (index from 0), reachable from this namespace and from the other nodes. */
    String address(int node) {
        return "10.254." + subnet + "." + (11 + node);
    }

    /** The command prefix that runs a program inside the node's namespace. */
    List<String> exec(int node) {
        return new ArrayList<>(List.of("ip", "netns", "exec", namespace(node)));
    }

    /** Cuts the node off from the bridge: from the other nodes and from everything in this namespace. */
    void partition(int node) throws IOException {
        ip("link", "set", hostVeth(node), "down");
    }

    /** Joins the node to the bridge again. */
    void heal(int node) throws IOException {
        ip("link", "set", hostVeth(node), "up");
    }

    /** Removes this JVM's namespaces and links; safe to call twice. */
    synchronized void remove() {
        if (removed) {
            return;
        }
        removed = true;
        for (int node = 0; node < size; node++) {
            quietly("ip", "netns", "del", namespace(node));
            // Deleting the namespace takes its veth end with it, and the peer follows; this is in case it did not.
            quietly("ip", "link", "del", hostVeth(node));
        }
        quietly("ip", "link", "del", bridge());
    }

    private String namespace(int node) {
        return owner + "-" + (node + 1);
    }

    private String hostVeth(int node) {
        return owner + "h" + (node + 1);
    }

    private String bridge() {
        return owner + "b";
    }

    /** Namespaces and links named after a JVM that is no longer running. */
    private static void removeLeftovers() throws IOException {
        for (String ns : ownedByDeadJvms(output("ip", "netns", "list"))) {
            quietly("ip", "netns", "del", ns);
        }
        for (String link : ownedByDeadJvms(output("ip", "-o", "link", "show"))) {
            quietly("ip", "link", "del", link);
        }
    }

    static Set<String> ownedByDeadJvms(String listing) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = OWNED.matcher(listing);
        while (m.find()) {
            // "fnk123h1@if2:" in a link listing names fnk123h1.
            String name = m.group().replaceAll("[@:].*$", "");
            long pid = Long.parseLong(m.group(1));
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            names.add(name);
        }
        return names;
    }

    /** The first {@code 10.254.S.0/24} that no interface on this machine uses yet. */
    private static int freeSubnet() throws IOException {
        String addresses = output("ip", "-o", "-4", "addr", "show");
        for (int s = 0; s < 256; s++) {
            if (!addresses.contains(" 10.254." + s + ".")) {
                return s;
            }
        }
        throw new IllegalStateException("no free 10.254.S.0/24 subnet on this machine");
    }

    private static void ip(String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = "ip";
        System.arraycopy(args, 0, command, 1, args.length);
        if (run(true, command) != 0) {
            throw new IOException("failed: " + String.join(" ", command));
        }
    }

    private static void quietly(String... command) {
        try {
            run(false, command);
        } catch (IOException e) {
            // Best effort: nothing left to do if iproute2 itself cannot be started.
        }
    }

    private static String output(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        await(p);
        return text;
    }

    private static int run(boolean showErrors, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(showErrors ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.DISCARD);
        return await(pb.start());
    }

    private static int await(Process p) throws IOException {
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", p.info().commandLine().orElse("ip")));
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
