package de.fallnetz.notifications.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import de.fallnetz.notifications.config.NotificationConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** SSRF guard: which webhook targets are refused, and that production takes https only. */
class WebhookTargetsTest {

    @Test
    void shouldTakeLoopbackPrivateLinkLocalAndUnresolvableTargetsForPrivate() {
        WebhookTargets targets = targets("test");
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/hook",
                "http://10.1.2.3/hook", "http://172.16.0.1/hook", "http://192.168.1.1/hook",
                "http://169.254.169.254/latest/meta-data", "http://[fe80::1]/hook", "http://[fd00::1]/hook",
                "http://100.64.0.1/hook", "http://0.0.0.0/hook", "http://[::ffff:127.0.0.1]/hook",
                "http://224.0.0.1/hook", "http://does-not-resolve.invalid/hook")) {
            assertThat(targets.isPrivate(url)).as(url).isTrue();
        }
    }

    @Test
    void shouldTakeAPublicAddressForPublic() {
        WebhookTargets targets = targets("test");
        for (String url : List.of("https://93.184.215.14/hook", "https://[2606:4700:4700::1111]/hook")) {
            assertThat(targets.isPrivate(url)).as(url).isFalse();
        }
    }

    @Test
    void shouldRefuseHttpInTheProductionConfigurationAndTakeHttps() {
        WebhookTargets prod = targets("prod");
        assertThat(prod.refusal("http://partner.example/hook")).contains("must be an https URL");
        assertThat(prod.refusal("https://partner.example/hook")).isEmpty();
        assertThat(targets("test").refusal("http://partner.example/hook")).isEmpty();
    }

    @Test
    void shouldRefuseOtherSchemesUserInfoAndNonUrls() {
        WebhookTargets targets = targets("test");
        assertThat(targets.refusal("ftp://partner.example/hook")).isPresent();
        assertThat(targets.refusal("file:///etc/passwd")).isPresent();
        assertThat(targets.refusal("https://user:pw@partner.example/hook")).isPresent();
        assertThat(targets.refusal("not a url")).isPresent();
    }

    /** The guard as configured by application.properties in the given profile. */
    private static WebhookTargets targets(String profile) {
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withProfile(profile)
                    .addDefaultInterceptors()
                    .withConverter(Duration.class, 100, new DurationConverter())
                    .withSources(new PropertiesConfigSource(
                            WebhookTargetsTest.class.getResource("/application.properties"), 250))
                    .withMapping(NotificationConfig.class)
                    .build();
            return new WebhookTargets(config.getConfigMapping(NotificationConfig.class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
