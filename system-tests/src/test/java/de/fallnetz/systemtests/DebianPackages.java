package de.fallnetz.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A file of a Debian package, downloaded with {@code apt-get download} and unpacked below target/ with
 * {@code dpkg-deb -x}: nothing is installed. Empty on a machine without apt.
 */
final class DebianPackages {

    private DebianPackages() {
    }

    static synchronized Optional<Path> file(String pkg, String file) throws IOException, InterruptedException {
        Path dir = Path.of("target/debian-packages").toAbsolutePath().resolve(pkg);
        Path unpacked = dir.resolve(file);
        if (Files.exists(unpacked)) {
            return Optional.of(unpacked);
        }
        Files.createDirectories(dir);
        if (!run(dir, "apt-get", "download", pkg)) {
            // A fresh machine has no package lists yet.
            if (!run(dir, "apt-get", "update", "-qq") || !run(dir, "apt-get", "download", pkg)) {
                return Optional.empty();
            }
        }
        try (var debs = Files.list(dir)) {
            for (Path deb : debs.filter(p -> p.toString().endsWith(".deb")).toList()) {
                run(dir, "dpkg-deb", "-x", deb.toString(), dir.toString());
            }
        }
        return Files.exists(unpacked) ? Optional.of(unpacked) : Optional.empty();
    }

    private static boolean run(Path dir, String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).inheritIO().start();
            return p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
