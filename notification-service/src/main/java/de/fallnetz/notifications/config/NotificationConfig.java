package de.fallnetz.notifications.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code fallnetz.notifications.*} */
@ConfigMapping(prefix = "fallnetz.notifications")
public interface NotificationConfig {

    /**
     * Language of a notification whose recipient prefers a language we have no texts in. Must be one of
     * {@link de.fallnetz.notifications.domain.NotificationTexts#LANGUAGES}.
     */
    @WithDefault("de")
    String defaultLanguage();
}
