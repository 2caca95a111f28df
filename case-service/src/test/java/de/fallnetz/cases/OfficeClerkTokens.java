package de.fallnetz.cases;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.fallnetz.devstack.DatabaseTestClient;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.PartnerTokens;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Signs every test request that carries no token of its own as a clerk of the office the case belongs to (the office
 * a worklist request names; abh-berlin otherwise), the way the gateway would for a clerk of that office. The tests of
 * the case process stay about the process; {@code CaseAccessTest} checks need-to-know with explicit tokens, and a
 * request with the header {@value #ANONYMOUS} goes out without any token.
 */
public class OfficeClerkTokens implements QuarkusTestBeforeEachCallback, Filter {

    public static final String ANONYMOUS = "X-Test-Anonymous";
    private static final Pattern CASE_PATH = Pattern.compile("/cases/([0-9a-fA-F-]{36})");
    private static final Pattern OFFICE_QUERY = Pattern.compile("[?&]officeId=([a-z0-9-]+)");

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (RestAssured.filters().stream().noneMatch(f -> f instanceof OfficeClerkTokens)) {
            RestAssured.filters(new OfficeClerkTokens());
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        if (request.getHeaders().hasHeaderWithName(ANONYMOUS)) {
            request.removeHeader(ANONYMOUS);
        } else if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            String office = officeOf(request.getURI());
            request.header("Authorization", "Bearer "
                    + PartnerTokens.shared().mintUser("clerk@" + office, List.of("clerk", "team-lead"), office));
        }
        return context.next(request, response);
    }

    private static String officeOf(String uri) {
        Matcher query = OFFICE_QUERY.matcher(uri);
        if (query.find()) {
            return query.group(1);
        }
        Matcher path = CASE_PATH.matcher(uri);
        if (path.find()) {
            List<String> office = DatabaseTestClient.onSharedStack(FallnetzService.CASE_SERVICE).queryStrings(
                    "select coalesce(office_id, candidate_offices[1]) from fallnetz_case where id = '"
                            + path.group(1) + "'");
            if (!office.isEmpty() && office.get(0) != null) {
                return office.get(0);
            }
        }
        return "abh-berlin";
    }
}
