package de.fallnetz.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A file of a Debian package, downloaded with {@code apt-get download} and unpacked with {@code dpkg-deb -x} below a
 * directory of the caller's (target/, say): nothing is installed. Empty on a machine without apt.
 */
public final class DebianPackages {

    private DebianPackages() {
    }

    /** {@code file} of package {@code pkg}, unpacked below {@code dir/pkg} on first use. */
    public static synchronized Optional<Path> file(Path dir, String pkg, String file)
            throws IOException, InterruptedException {
        Path packageDir = dir.toAbsolutePath().resolve(pkg);
        Path unpacked = packageDir.resolve(file);
        if (Files.exists(unpacked)) {
            return Optional.of(unpacked);
        }
        Files.createDirectories(packageDir);
        if (!run(packageDir, "apt-get", "download", pkg)) {
            // A fresh machine has no package lists yet.
            if (!run(packageDir, "apt-get", "update", "-qq") || !run(packageDir, "apt-get", "download", pkg)) {
                return Optional.empty();
            }
        }
        try (var debs = Files.list(packageDir)) {
            for (Path deb : debs.filter(p -> p.toString().endsWith(".deb")).toList()) {
                run(packageDir, "dpkg-deb", "-x", deb.toString(), packageDir.toString());
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
