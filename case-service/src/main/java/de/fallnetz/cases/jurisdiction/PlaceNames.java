package de.fallnetz.cases.jurisdiction;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Place names folded to ASCII, for IDs and for matching what people type against the postal-code data. */
public final class PlaceNames {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");

    private PlaceNames() {
    }

    /**
     * {@code Landkreis Neustadt a.d. Waldnaab} → {@code landkreis-neustadt-a-d-waldnaab}: lower case, ä → ae, ö → oe,
     * ü → ue, ß → ss, other accents dropped, everything else a single dash.
     */
    public static String slug(String name) {
        return fold(name, true);
    }

    /**
     * The keys a place name matches under: with umlauts spelt out ({@code muenchen}) and with them dropped
     * ({@code munchen}), so that "Muenchen", "München" and "Munchen" find the same place.
     */
    public static Set<String> matchKeys(String name) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(fold(name, true));
        keys.add(fold(name, false));
        keys.remove("");
        return keys;
    }

    private static String fold(String name, boolean spellOutUmlauts) {
        String lower = Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replace("ß", "ss");
        if (spellOutUmlauts) {
            lower = lower.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue");
        }
        String ascii = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
        String dashed = NOT_ALPHANUMERIC.matcher(ascii).replaceAll("-");
        int start = 0;
        int end = dashed.length();
        while (start < end && dashed.charAt(start) == '-') {
            start++;
        }
        while (end > start && dashed.charAt(end - 1) == '-') {
            end--;
        }
        return dashed.substring(start, end);
    }
}
