package de.fallnetz.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The gateway's internal key pair, and tokens signed with it the way the gateway forwards a caller to a service: RS256,
 * issuer
 * {@value #ISSUER}, claims {@code partner_org} and {@code groups}. The key pair lives in one directory
 * ({@code .fallnetz/keys} for {@code ./run}, a temporary one for tests); the services get its public key through
 * {@code mp.jwt.verify.publickey.location}.
 * <p>
 * From a shell while {@code ./run} runs: {@code java -cp "devstack/target/classes:$(cat
 * devstack/target/launcher.classpath)" de.fallnetz.devstack.PartnerTokens ba-zav}
 */
public final class PartnerTokens {

    public static final String ISSUER = "https://fallnetz.local/gateway";
    /** System property naming the key directory, so every class loader of a JVM uses the same keys. */
    public static final String PROPERTY = "fallnetz.devstack.keys";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final Path dir;

    private PartnerTokens(Path dir) {
        this.dir = dir;
    }

    /** The keys of this JVM: the directory in {@value #PROPERTY}, or a new temporary one with a fresh key pair. */
    public static synchronized PartnerTokens shared() {
        String published = System.getProperty(PROPERTY);
        if (published != null && Files.isRegularFile(Path.of(published, "privateKey.pem"))) {
            return new PartnerTokens(Path.of(published));
        }
        try {
            Path dir = published != null ? Path.of(published) : Files.createTempDirectory("fallnetz-keys-");
            PartnerTokens tokens = generate(dir);
            System.setProperty(PROPERTY, dir.toString());
            return tokens;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a new RSA key pair into {@code dir}, replacing any earlier one. */
    public static PartnerTokens generate(Path dir) {
        try {
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(dir.resolve("publicKey.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(dir.resolve("privateKey.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            return new PartnerTokens(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key's file: what the gateway signs its internal tokens with ({@code smallrye.jwt.sign.key.location}). */
    public Path privateKeyFile() {
        return dir.resolve("privateKey.pem");
    }

    /** The private key as PEM text, for a {@code @QuarkusTest} of the gateway ({@code smallrye.jwt.sign.key}). */
    public String privateKeyPem() {
        try {
            return Files.readString(privateKeyFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path publicKey() {
        return dir.resolve("publicKey.pem");
    }

    /** The public key as PEM text: what a {@code @QuarkusTest} sets as {@code mp.jwt.verify.publickey}. */
    public String publicKeyPem() {
        try {
            return Files.readString(publicKey());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A clerk's (or team lead's, with role {@code team-lead}) internal token for {@code officeId}: what the gateway
     * forwards to case-service for a signed-in user of that office. Valid for five minutes.
     */
    public String mintUser(String user, List<String> groups, String officeId) {
        Map<String, Object> extra = new LinkedHashMap<>();
        if (officeId != null) {
            extra.put("office_id", officeId);
        }
        extra.put("preferred_username", user);
        return sign(user, groups, Duration.ofMinutes(5), extra);
    }

    /** A token for a user of {@code organisation} with role {@code partner}, valid for an hour. */
    public String mint(String organisation) {
        return mint(organisation, "user@" + organisation, List.of("partner"), Duration.ofHours(1));
    }

    public String mint(String organisation, String user, List<String> groups, Duration validFor) {
        return sign(user, groups, validFor, Map.of("partner_org", organisation));
    }

    /** A token with any claims beside the standard ones. */
    public String sign(String user, List<String> groups, Duration validFor, Map<String, Object> extraClaims) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", user);
        claims.put("upn", user);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(validFor).getEpochSecond());
        claims.putAll(extraClaims);
        claims.put("groups", groups);
        try {
            String signingInput = URL.encodeToString(MAPPER.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")))
                    + "." + URL.encodeToString(MAPPER.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(rsa.sign());
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
    }

    /**
     * The same token with one character in the middle of its signature changed: what a forger who copied a genuine
     * token would send. (Changing the last character may leave the decoded signature unchanged: its low bits are
     * padding.)
     */
    public static String withAnotherSignature(String jwt) {
        int start = jwt.lastIndexOf('.') + 1;
        int middle = start + (jwt.length() - start) / 2;
        char replacement = jwt.charAt(middle) == 'A' ? 'B' : 'A';
        return jwt.substring(0, middle) + replacement + jwt.substring(middle + 1);
    }

    private PrivateKey privateKey() throws GeneralSecurityException {
        try {
            String pem = Files.readString(dir.resolve("privateKey.pem"))
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Prints a token for the partner organisation named as the argument, with the keys of {@code ./run}. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("Usage: PartnerTokens <partner organisation>, e.g. ba-zav");
            System.exit(2);
        }
        Path dir = Path.of(System.getProperty("fallnetz.root", "."), ".fallnetz", "keys");
        if (!Files.isRegularFile(dir.resolve("privateKey.pem"))) {
            System.err.println("No keys in " + dir + ": start ./run first");
            System.exit(1);
        }
        System.out.println(new PartnerTokens(dir).mint(args[0]));
    }
}
