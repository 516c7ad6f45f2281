package dev.fhirgateway.gateway.internal.metrics;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * {@code GET /usage?from=&to=}: requests, errors, resources and bytes per practice and interaction for a
 * period, as JSON, or as CSV with {@code format=csv} or {@code Accept: text/csv}. {@code from} and {@code to}
 * are UTC instants ({@code 2025-03-01T00:00:00Z}) or dates ({@code 2025-03-01}, meaning its start); the
 * defaults are the instance's start and now. Hour granularity. The report is this instance's, in memory,
 * since its start (see {@link UsageLedger}); it says so in every answer.
 */
public final class UsageReportServlet extends HttpServlet {

    static final String SCOPE = "in-memory, this gateway instance only, since its start; hourly buckets;"
            + " Prometheus is the system of record";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UsageLedger ledger;
    private final Clock clock;
    private final FhirContext fhirContext;
    private final QuotaReport quota;

    public UsageReportServlet(UsageLedger ledger, Clock clock, FhirContext fhirContext) {
        this(ledger, clock, fhirContext, QuotaReport.NONE);
    }

    /** @param quota the request limits' use now, shown in the JSON report's {@code quota} section */
    public UsageReportServlet(UsageLedger ledger, Clock clock, FhirContext fhirContext, QuotaReport quota) {
        this.ledger = ledger;
        this.clock = clock;
        this.fhirContext = fhirContext;
        this.quota = quota;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Instant from;
        Instant to;
        try {
            from = parse(request.getParameter("from"), ledger.since());
            to = parse(request.getParameter("to"), clock.instant());
        } catch (DateTimeParseException e) {
            badRequest(response, "from and to must be UTC instants such as 2025-03-01T00:00:00Z or dates such as"
                    + " 2025-03-01.");
            return;
        }
        if (!from.isBefore(to)) {
            badRequest(response, "from must be before to.");
            return;
        }
        String format = request.getParameter("format");
        String accept = request.getHeader("Accept");
        boolean csv = "csv".equalsIgnoreCase(format) || (format == null && accept != null && accept.contains("text/csv"));
        if (format != null && !csv && !"json".equalsIgnoreCase(format)) {
            badRequest(response, "format must be json or csv.");
            return;
        }
        List<UsageLedger.UsageRow> rows = ledger.report(from, to);
        response.setStatus(200);
        response.setHeader("Cache-Control", "no-store");
        response.setCharacterEncoding("UTF-8");
        if (csv) {
            response.setContentType("text/csv");
            writeCsv(response.getWriter(), rows);
        } else {
            response.setContentType("application/json");
            JSON.writeValue(response.getWriter(), json(from, to, rows));
        }
    }

    private ObjectNode json(Instant from, Instant to, List<UsageLedger.UsageRow> rows) {
        ObjectNode body = JSON.createObjectNode();
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("since", ledger.since().toString());
        body.put("scope", SCOPE);
        ArrayNode out = body.putArray("usage");
        for (UsageLedger.UsageRow r : rows) {
            out.addObject().put("practice", r.practice()).put("interaction", r.interaction())
                    .put("requests", r.requests()).put("clientErrors", r.clientErrors())
                    .put("serverErrors", r.serverErrors()).put("resources", r.resources()).put("bytes", r.bytes());
        }
        // Limits in force now (not for the period): shared figures when the limits use Redis.
        ArrayNode limits = body.putArray("quota");
        for (QuotaReport.Row q : quota.quotaUse()) {
            ObjectNode row = limits.addObject().put("practice", q.practice()).put("limit", q.limit());
            if (!q.client().equals("none")) {
                row.put("client", q.client());
            }
            if (q.quota() >= 0) {
                row.put("quota", q.quota());
            }
            if (q.used() >= 0) {
                row.put("used", q.used());
            }
            if (q.inFlight() >= 0) {
                row.put("inFlight", q.inFlight());
            }
            row.put("throttled", q.throttled());
        }
        return body;
    }

    private static void writeCsv(PrintWriter out, List<UsageLedger.UsageRow> rows) {
        out.print("practice,interaction,requests,client_errors,server_errors,resources,bytes\r\n");
        for (UsageLedger.UsageRow r : rows) {
            out.print(csvField(r.practice()) + "," + csvField(r.interaction()) + "," + r.requests() + ","
                    + r.clientErrors() + "," + r.serverErrors() + "," + r.resources() + "," + r.bytes() + "\r\n");
        }
    }

    /** RFC 4180 quoting. Practices and interactions are plain tokens today; quoting keeps the file valid if not. */
    static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static Instant parse(String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.trim();
        return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
    }

    private void badRequest(HttpServletResponse response, String message) throws IOException {
        MetricsResponses.error(response, fhirContext, 400, OperationOutcomes.error(IssueType.INVALID, message));
    }
}
