package de.fallnetz.cases.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import de.fallnetz.cases.domain.CaseCommand;
import de.fallnetz.cases.domain.CaseStatus;
import de.fallnetz.contracts.events.InteractionAnswered;
import de.fallnetz.devstack.FallnetzStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random sequences of clerk commands and partner answers (generated with jqwik's arbitraries) against the running
 * service: the case never takes a transition outside the state machine, a rejected command changes nothing, and no
 * checklist tick is ever lost or invented. Runs inside the Quarkus test so the real code, database and broker are
 * exercised; the price is that a failure is reported with its whole sequence instead of a shrunk one.
 */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "case-service"))
class CaseStateMachinePropertyTest {

    private static final int SEQUENCES = 12;

    /** The transitions of domain §3, written down independently of the code: status → where it may go next. */
    private static final Map<CaseStatus, Set<CaseStatus>> EDGES = new HashMap<>();

    static {
        edges(CaseStatus.WAITING_FOR_JURISDICTION, CaseStatus.RECEIVED, CaseStatus.WITHDRAWN);
        edges(CaseStatus.RECEIVED, CaseStatus.COMPLETENESS_CHECK, CaseStatus.DOCUMENTS_REQUESTED,
                CaseStatus.CONSULTATIONS_RUNNING, CaseStatus.WITHDRAWN, CaseStatus.TRANSFERRED);
        edges(CaseStatus.COMPLETENESS_CHECK, CaseStatus.DOCUMENTS_REQUESTED, CaseStatus.CONSULTATIONS_RUNNING,
                CaseStatus.WITHDRAWN, CaseStatus.TRANSFERRED);
        edges(CaseStatus.DOCUMENTS_REQUESTED, CaseStatus.CONSULTATIONS_RUNNING, CaseStatus.WITHDRAWN,
                CaseStatus.TRANSFERRED);
        edges(CaseStatus.CONSULTATIONS_RUNNING, CaseStatus.READY_FOR_DECISION, CaseStatus.WITHDRAWN,
                CaseStatus.TRANSFERRED);
        edges(CaseStatus.READY_FOR_DECISION, CaseStatus.CONSULTATIONS_RUNNING, CaseStatus.HEARING, CaseStatus.DECIDED,
                CaseStatus.WITHDRAWN, CaseStatus.TRANSFERRED);
        edges(CaseStatus.HEARING, CaseStatus.DECIDED, CaseStatus.WITHDRAWN, CaseStatus.TRANSFERRED);
        edges(CaseStatus.DECIDED, CaseStatus.CLOSED);
        edges(CaseStatus.TRANSFERRED, CaseStatus.RECEIVED);
    }

    private static void edges(CaseStatus from, CaseStatus... to) {
        EDGES.put(from, EnumSet.of(to[0], to));
    }

    sealed interface Step permits Tick, Untick, RequestDocuments, Answer, Hearing, Decide, Withdraw, Assign, Stale {
    }

    record Tick(int item) implements Step {
    }

    record Untick(int item) implements Step {
    }

    record RequestDocuments(int item) implements Step {
    }

    record Answer(int interaction, String outcome, boolean binding) implements Step {
    }

    record Hearing() implements Step {
    }

    record Decide(String outcome) implements Step {
    }

    record Withdraw() implements Step {
    }

    record Assign() implements Step {
    }

    record Stale() implements Step {
    }

    private static final CaseApi api = CaseApi.onSharedStack();

    static Arbitrary<List<Step>> sequences() {
        Arbitrary<Integer> item = Arbitraries.integers().between(0, 7);
        Arbitrary<Step> tick = item.map(Tick::new);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, tick),
                net.jqwik.api.Tuple.of(2, item.map(Untick::new)),
                net.jqwik.api.Tuple.of(1, item.map(RequestDocuments::new)),
                net.jqwik.api.Tuple.of(4, net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 4),
                        Arbitraries.of("GRANTED", "REFUSED", "NO_OBJECTION", "ACKNOWLEDGED"), Arbitraries.of(true,
                                false)).as(Answer::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Hearing())),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("GRANTED", "REFUSED").map(Decide::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Withdraw())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Assign())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Stale())));
        return step.list().ofMinSize(5).ofMaxSize(24);
    }

    @Test
    void shouldNeverLeaveTheStateMachineNorLoseAChecklistTickWhateverTheOrderOfCommandsAndAnswers() {
        List<List<Step>> runs = sequences().sampleStream().limit(SEQUENCES).toList();
        for (List<Step> run : runs) {
            check(run);
        }
    }

    private void check(List<Step> run) {
        String caseId = api.open(CaseTypeSamples.of("BLUE_CARD"));
        List<String> items = api.checklistIds(caseId);
        Map<String, Boolean> ticks = new LinkedHashMap<>();
        items.forEach(i -> ticks.put(i, false));
        List<String> done = new ArrayList<>();
        for (Step step : run) {
            JsonPath before = api.get(caseId);
            long version = before.getLong("version");
            CaseStatus status = CaseStatus.valueOf(before.getString("status"));
            boolean applied = apply(caseId, step, before, items, ticks);
            done.add(step + (applied ? "" : " (refused)"));
            String trail = "case " + caseId + " after " + done;
            JsonPath after = api.get(caseId);
            CaseStatus now = CaseStatus.valueOf(after.getString("status"));
            if (!applied) {
                assertThat(after.getLong("version")).as(trail).isEqualTo(version);
                assertThat(now).as(trail).isEqualTo(status);
            }
            List<String> expected = new ArrayList<>(now.allowed().stream().map(CaseCommand::path).toList());
            if (now == CaseStatus.DECIDED && "GRANTED".equals(after.getString("outcome"))) {
                expected.add(CaseCommand.CARD_READY.path()); // allowed by the outcome, not the status
            }
            assertThat(after.getList("allowedCommands", String.class)).as(trail)
                    .containsExactlyInAnyOrderElementsOf(expected);
            Map<String, Boolean> actual = new LinkedHashMap<>();
            for (int i = 0; i < items.size(); i++) {
                actual.put(after.getString("checklist[" + i + "].id"), after.getBoolean("checklist[" + i + "].ticked"));
            }
            assertThat(actual).as(trail).isEqualTo(ticks);
        }
        assertTransitionsFollowTheStateMachine(caseId, done);
    }

    /** Runs one step; returns whether it changed the case. Updates the expected ticks when it did. */
    private boolean apply(String caseId, Step step, JsonPath before, List<String> items, Map<String, Boolean> ticks) {
        long version = before.getLong("version");
        if (step instanceof Answer a) {
            List<Map<String, Object>> open = before.getList("interactions");
            if (open.isEmpty()) {
                return false;
            }
            Map<String, Object> i = open.get(a.interaction() % open.size());
            api.partnerSays(new InteractionAnswered((String) i.get("interactionId"), caseId, (String) i.get("kind"),
                    (String) i.get("partnerOrganisation"), a.outcome(), a.binding(), "Begründung", List.of(),
                    Instant.now()));
            await().atMost(Duration.ofSeconds(30)).until(() -> api.version(caseId) > version);
            return true;
        }
        Response response;
        if (step instanceof Tick t) {
            response = api.command(caseId, "checklist/" + items.get(t.item() % items.size()) + "/tick", Map.of(),
                    version);
        } else if (step instanceof Untick u) {
            response = api.command(caseId, "checklist/" + items.get(u.item() % items.size()) + "/untick",
                    Map.of("note", "fehlt doch"), version);
        } else if (step instanceof RequestDocuments r) {
            response = api.command(caseId, "document-requests",
                    Map.of("itemIds", List.of(items.get(r.item() % items.size()))), version);
        } else if (step instanceof Hearing) {
            response = api.command(caseId, "hearing", Map.of("heardAt", Instant.now().minusSeconds(5).toString(),
                    "statement", "angehört"), version);
        } else if (step instanceof Decide d) {
            response = api.command(caseId, "decision", Map.of("outcome", d.outcome(), "decidedBy", "clerk-1",
                    "reasons", "Gründe", "legalBasis", "§18g AufenthG"), version);
        } else if (step instanceof Withdraw) {
            response = api.command(caseId, "withdrawal", Map.of("reason", "zurückgenommen"), version);
        } else if (step instanceof Assign) {
            response = api.command(caseId, "assignment", Map.of("assignee", "clerk-2"), version);
        } else {
            response = api.command(caseId, "assignment", Map.of("assignee", "clerk-3"), version - 1);
        }
        int code = response.statusCode();
        assertThat(code).as("%s on case %s: %s", step, caseId, response.asString()).isIn(200, 409, 412, 422);
        if (code != 200) {
            return false;
        }
        if (step instanceof Tick t) {
            ticks.put(items.get(t.item() % items.size()), true);
        } else if (step instanceof Untick u) {
            ticks.put(items.get(u.item() % items.size()), false);
        } else if (step instanceof RequestDocuments r) {
            ticks.put(items.get(r.item() % items.size()), false);
        }
        return true;
    }

    private static final Pattern CHANGE = Pattern.compile("^Status ([A-Z_]+) → ([A-Z_]+)");

    private void assertTransitionsFollowTheStateMachine(String caseId, List<String> trail) {
        List<String> summaries = io.restassured.RestAssured.given().when().get("/cases/" + caseId + "/timeline")
                .then().statusCode(200).extract().jsonPath().getList("entries.summary", String.class);
        CaseStatus last = CaseStatus.RECEIVED;
        for (String summary : summaries) {
            Matcher m = CHANGE.matcher(summary);
            if (m.find()) {
                CaseStatus from = CaseStatus.valueOf(m.group(1));
                CaseStatus to = CaseStatus.valueOf(m.group(2));
                assertThat(from).as("chain of status changes of %s after %s", caseId, trail).isEqualTo(last);
                assertThat(EDGES.getOrDefault(from, Set.of())).as("%s → %s in %s after %s", from, to, caseId, trail)
                        .contains(to);
                last = to;
            }
        }
    }
}
