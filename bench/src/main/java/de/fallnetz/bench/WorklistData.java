package de.fallnetz.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.fallnetz.devstack.StackEndpoints;

/**
 * Fills case-service's {@code fallnetz_case} with generated cases straight in SQL, shaped like real load: Berlin has
 * about 12 % of all cases, the other offices of the register a long tail (a Zipf curve, the big cities first);
 * most cases are open, a fifth finished; those in consultations have a partner deadline, about one in seven of them
 * passed; each office has clerks in proportion to its cases (one per 400); the names come from a small list with a
 * random two-letter suffix. Only the columns the worklist reads or filters on are realistic.
 */
final class WorklistData {

    static final String BIG_OFFICE = "abh-berlin";
    private static final double BIG_OFFICE_SHARE = 0.12;
    /** The other big cities' offices, largest first; the rest follow in the register's order. */
    private static final List<String> BIG_CITIES = List.of("abh-hamburg", "abh-muenchen", "abh-koeln",
            "abh-frankfurt-am-main", "abh-stuttgart", "abh-duesseldorf", "abh-region-hannover", "abh-leipzig",
            "abh-dortmund", "abh-essen", "abh-bremen", "abh-dresden", "abh-nuernberg");
    private static final double ZIPF_EXPONENT = 0.8;
    private static final int CASES_PER_CLERK = 400;

    /** Status and share of all cases: four in five open, most of those before or in the consultations. */
    private static final Map<String, Double> STATUSES = statuses();
    static final List<String> CASE_TYPES = List.of("BLUE_CARD", "SKILLED_WORKER_VOCATIONAL",
            "SKILLED_WORKER_ACADEMIC", "ACCELERATED_SKILLED_WORKER", "WESTERN_BALKANS", "STUDENT",
            "FAMILY_REUNIFICATION", "SETTLEMENT_PERMIT", "EXTENSION", "CHANGE_OF_EMPLOYER", "ADDRESS_CHANGE_TRANSFER");
    static final List<String> FAMILY_NAMES = List.of("Nguyen", "Yilmaz", "Kowalski", "Popescu", "Singh", "Kumar",
            "Ivanova", "Garcia", "Silva", "Ahmed", "Hassan", "Oeztuerk", "Petrov", "Kovacs", "Rossi", "Novak",
            "Horvat", "Mensah", "Okafor", "Tran", "Wang", "Zhang", "Khan", "Hossain", "Demir", "Santos", "Pereira",
            "Fernandes", "Morales", "Haddad", "Mahmoud", "Shevchenko", "Bondarenko", "Dimitrov", "Georgiou",
            "Papadopoulos", "Sato", "Kim", "Park", "Rahman");
    private static final List<String> GIVEN_NAMES = List.of("Thi Lan", "Mehmet", "Anna", "Ion", "Priya", "Ravi",
            "Olena", "Lucia", "Joao", "Fatima", "Omar", "Aylin", "Dmitri", "Eszter", "Marco", "Jana", "Kwame",
            "Chiamaka", "Wei", "Mei", "Imran", "Nusrat", "Elif", "Ana", "Carlos", "Layla", "Yusuf", "Taras",
            "Yuki", "Min-jun");
    private static final List<String> NATIONALITIES = List.of("VNM", "TUR", "POL", "ROU", "IND", "UKR", "BRA",
            "SYR", "EGY", "CHN", "NGA", "PHL");
    private static final List<String> LANGUAGES = List.of("vi", "tr", "pl", "ro", "en", "uk", "pt", "ar", "ar",
            "zh", "en", "en");

    private static final String INSERT = """
            with p as (select ?::text[] as offices, ?::float8[] as office_from, ?::int[] as clerks,
                              ?::text[] as statuses, ?::float8[] as status_from, ?::text[] as types,
                              ?::text[] as family, ?::text[] as given, ?::text[] as nationality, ?::text[] as lang),
            g as (select width_bucket(random(), p.office_from) as o, width_bucket(random(), p.status_from) as s,
                         now() - random() * interval '365 days' as opened, random() as r
                  from p, generate_series(1, ?))
            insert into fallnetz_case (id, case_type, office_id, status, opened_at, status_changed_at, family_name,
                    given_names, date_of_birth, nationality, preferred_language, catalogue_version, assignee,
                    next_deadline_at, closed_at)
            select gen_random_uuid(), p.types[1 + floor(random() * cardinality(p.types))::int], p.offices[g.o],
                   p.statuses[g.s], g.opened, g.opened + (now() - g.opened) * random(),
                   p.family[1 + floor(random() * cardinality(p.family))::int]
                       || chr(97 + floor(random() * 26)::int) || chr(97 + floor(random() * 26)::int),
                   p.given[1 + floor(random() * cardinality(p.given))::int],
                   date '1960-01-01' + floor(random() * 16000)::int,
                   p.nationality[1 + floor(g.r * cardinality(p.nationality))::int],
                   p.lang[1 + floor(g.r * cardinality(p.nationality))::int], 1,
                   case when p.statuses[g.s] in ('WAITING_FOR_JURISDICTION', 'RECEIVED') and random() < 0.8 then null
                        else p.offices[g.o] || '-clerk-' || (1 + floor(random() * p.clerks[g.o])::int) end,
                   case when p.statuses[g.s] = 'CONSULTATIONS_RUNNING'
                        then now() + (random() * 70 - 10) * interval '1 day' end,
                   case when p.statuses[g.s] in ('CLOSED', 'WITHDRAWN') then now() - random() * interval '60 days' end
            from p, g""";

    private WorklistData() {
    }

    private static Map<String, Double> statuses() {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("WAITING_FOR_JURISDICTION", 0.01);
        s.put("RECEIVED", 0.15);
        s.put("COMPLETENESS_CHECK", 0.12);
        s.put("DOCUMENTS_REQUESTED", 0.10);
        s.put("CONSULTATIONS_RUNNING", 0.30);
        s.put("READY_FOR_DECISION", 0.09);
        s.put("HEARING", 0.02);
        s.put("DECIDED", 0.02);
        s.put("CLOSED", 0.15);
        s.put("WITHDRAWN", 0.03);
        s.put("TRANSFERRED", 0.01);
        return s;
    }

    /** The offices of case-service's register, Berlin first, then the big cities, then the rest as listed. */
    static List<String> offices(Path root) throws IOException {
        String yaml = Files.readString(root.resolve("case-service/src/main/resources/jurisdiction/offices.yaml"));
        Matcher m = Pattern.compile("(?m)^\\s*-\\s*\\{?\\s*id:\\s*([a-z0-9-]+)").matcher(yaml);
        List<String> rest = new ArrayList<>();
        while (m.find()) {
            rest.add(m.group(1));
        }
        List<String> ordered = new ArrayList<>();
        ordered.add(BIG_OFFICE);
        ordered.addAll(BIG_CITIES);
        rest.removeAll(ordered);
        ordered.addAll(rest);
        return ordered;
    }

    /** Each office's share of all cases: Berlin's fixed, the others on a Zipf curve over the rest. */
    static double[] shares(int offices) {
        double[] shares = new double[offices];
        double sum = 0;
        for (int rank = 1; rank < offices; rank++) {
            sum += Math.pow(rank, -ZIPF_EXPONENT);
        }
        shares[0] = BIG_OFFICE_SHARE;
        for (int rank = 1; rank < offices; rank++) {
            shares[rank] = (1 - BIG_OFFICE_SHARE) * Math.pow(rank, -ZIPF_EXPONENT) / sum;
        }
        return shares;
    }

    /** Inserts {@code cases} cases in batches, then VACUUM ANALYZE, as autovacuum would soon after such a load. */
    static void load(StackEndpoints stack, Path root, int cases, Progress progress) throws Exception {
        List<String> offices = offices(root);
        double[] shares = shares(offices.size());
        Double[] officeFrom = new Double[offices.size()];
        Integer[] clerks = new Integer[offices.size()];
        double from = 0;
        for (int i = 0; i < offices.size(); i++) {
            officeFrom[i] = from;
            from += shares[i];
            clerks[i] = (int) Math.max(2, Math.round(shares[i] * cases / CASES_PER_CLERK));
        }
        Double[] statusFrom = new Double[STATUSES.size()];
        from = 0;
        int i = 0;
        for (double share : STATUSES.values()) {
            statusFrom[i++] = from;
            from += share;
        }
        int batch = Math.max(1, Math.min(100_000, cases / 10));
        try (Connection c = BenchSupport.caseDb(stack); PreparedStatement ps = c.prepareStatement(INSERT)) {
            try (Statement s = c.createStatement()) {
                s.execute("select setseed(0.42)");
            }
            ps.setArray(1, c.createArrayOf("text", offices.toArray()));
            ps.setArray(2, c.createArrayOf("float8", officeFrom));
            ps.setArray(3, c.createArrayOf("int4", clerks));
            ps.setArray(4, c.createArrayOf("text", STATUSES.keySet().toArray()));
            ps.setArray(5, c.createArrayOf("float8", statusFrom));
            ps.setArray(6, c.createArrayOf("text", CASE_TYPES.toArray()));
            ps.setArray(7, c.createArrayOf("text", FAMILY_NAMES.toArray()));
            ps.setArray(8, c.createArrayOf("text", GIVEN_NAMES.toArray()));
            ps.setArray(9, c.createArrayOf("text", NATIONALITIES.toArray()));
            ps.setArray(10, c.createArrayOf("text", LANGUAGES.toArray()));
            for (int done = 0; done < cases; done += batch) {
                ps.setInt(11, Math.min(batch, cases - done));
                ps.executeUpdate();
                progress.update(Math.min(cases, done + batch), cases);
            }
            try (Statement s = c.createStatement()) {
                s.execute("vacuum analyze fallnetz_case");
            }
        }
    }

    /** Cases per office, largest first. */
    static Map<String, Long> casesPerOffice(StackEndpoints stack) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = BenchSupport.caseDb(stack); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select office_id, count(*) from fallnetz_case group by office_id "
                        + "order by count(*) desc, office_id")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    /** Up to {@code n} values of a column among an office's open cases, in random order (case IDs, assignees). */
    static List<String> sample(StackEndpoints stack, String office, String column, int n) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = BenchSupport.caseDb(stack); PreparedStatement ps = c.prepareStatement(
                "select v from (select distinct " + column + "::text as v from fallnetz_case where office_id = ? "
                        + "and status not in ('CLOSED', 'WITHDRAWN') and " + column + " is not null) d "
                        + "order by random() limit ?")) {
            ps.setString(1, office);
            ps.setInt(2, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }
}
