package de.fallnetz.cases.catalogue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The immutability check of published versions: {@code catalogue/published.lock} holds the SHA-256 of every
 * published version file, one {@code <sha256>  <CODE>/v<n>.yaml} a line, and a published file must match it.
 */
final class PublishedLock {

    static final Path CATALOGUE = Path.of("src/main/resources", CatalogueLoader.DEFAULT_ROOT);
    static final String LOCK = "published.lock";
    private static final YAMLMapper YAML = new YAMLMapper();

    private PublishedLock() {
    }

    /** What breaks the lock in the catalogue folder {@code root}; empty when every published file is as locked. */
    static List<String> problems(Path root) {
        Map<String, String> locked = read(root.resolve(LOCK));
        Map<String, String> published = published(root);
        List<String> problems = new ArrayList<>();
        published.forEach((file, hash) -> {
            String lockedHash = locked.get(file);
            if (lockedHash == null) {
                problems.add(file + " is PUBLISHED but not in " + LOCK + ": when you publish it, add the line \""
                        + hash + "  " + file + "\" and never edit the file afterwards; if it was published before "
                        + "under another content, restore it and publish a new version instead");
            } else if (!lockedHash.equals(hash)) {
                problems.add(file + " changed after it was published (SHA-256 " + hash + ", locked " + lockedHash
                        + "): published versions are immutable, publish a new version instead");
            }
        });
        locked.keySet().stream().filter(file -> !published.containsKey(file)).forEach(file -> problems.add(file
                + " is in " + LOCK + " but is no longer a PUBLISHED file: a published version must stay as it is; "
                + "publish a new version instead"));
        return problems;
    }

    /** The line of {@code file} as the lock needs it. */
    static String line(Path root, String file) {
        return sha256(root.resolve(file)) + "  " + file;
    }

    private static Map<String, String> published(Path root) {
        Map<String, String> published = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.filter(p -> p.getFileName().toString().matches("v[0-9]+\\.yaml")).toList()) {
                if ("PUBLISHED".equals(YAML.readTree(path.toFile()).path("status").asText())) {
                    published.put(root.relativize(path).toString().replace('\\', '/'), sha256(path));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return published;
    }

    private static Map<String, String> read(Path lock) {
        Map<String, String> locked = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(lock)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+", 2);
                locked.put(parts[1], parts[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return locked;
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
