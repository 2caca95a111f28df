package de.fallnetz.cases.jurisdiction;

import java.util.ArrayList;
import java.util.List;

/** Reads and writes one line of RFC 4180 CSV: fields separated by commas, quoted when they hold a comma or quote. */
public final class CsvLines {

    private CsvLines() {
    }

    public static List<String> parse(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    public static String format(List<String> fields) {
        List<String> quoted = new ArrayList<>(fields.size());
        for (String field : fields) {
            quoted.add(field.contains(",") || field.contains("\"")
                    ? '"' + field.replace("\"", "\"\"") + '"'
                    : field);
        }
        return String.join(",", quoted);
    }
}
