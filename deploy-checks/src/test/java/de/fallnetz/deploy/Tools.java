package de.fallnetz.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Command-line tools the checks use: from the PATH, or taken from a Debian package that this class downloads with
 * {@code apt-get download} and unpacks below target/ (no installation, no root needed beyond what apt-get download
 * needs). Empty when neither works, e.g. on a machine without apt.
 */
final class Tools {

    private static final Path UNPACKED = Path.of("target/debian-packages").toAbsolutePath();

    private Tools() {
    }

    static boolean onPath(String command) {
        return fromPath(command).isPresent();
    }

    private static Optional<Path> fromPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A file of a Debian package, e.g. ("prometheus", "usr/bin/promtool"), or the PATH's command of that name. */
    static synchronized Optional<Path> fromDebianPackage(String pkg, String file) {
        Path unpacked = UNPACKED.resolve(pkg).resolve(file);
        if (Files.exists(unpacked)) {
            return Optional.of(unpacked);
        }
        if (!onPath("apt-get") || !onPath("dpkg-deb")) {
            return Optional.empty();
        }
        try {
            Path dir = Files.createDirectories(UNPACKED.resolve(pkg));
            if (!run(dir, "apt-get", "download", pkg)) {
                // A fresh machine has no package lists yet.
                run(dir, "apt-get", "update", "-qq");
                if (!run(dir, "apt-get", "download", pkg)) {
                    return Optional.empty();
                }
            }
            try (var debs = Files.list(dir)) {
                for (Path deb : debs.filter(p -> p.toString().endsWith(".deb")).toList()) {
                    run(dir, "dpkg-deb", "-x", deb.toString(), dir.toString());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return Files.exists(unpacked) ? Optional.of(unpacked) : Optional.empty();
    }

    /** Runs a command; true when it exits 0 within five minutes. Its output goes to the test log. */
    static boolean run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).inheritIO().start();
        return p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0;
    }
}
