package dev.fhirgateway.gateway.internal.export;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fhirgateway.gateway.internal.adapter.AdapterCallExecutor;
import dev.fhirgateway.gateway.internal.adapter.AdapterRegistry;
import dev.fhirgateway.gateway.internal.outcome.OperationOutcomes;
import dev.fhirgateway.gateway.internal.security.AccessContext;
import dev.fhirgateway.gateway.internal.security.AccessPolicy;
import dev.fhirgateway.gateway.internal.security.SmartScope.Permission;
import dev.fhirgateway.spi.CallContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * FHIR Bulk Data Access 2.0.0 through HAPI operations: the kick-off ({@code Patient/$export},
 * {@code Group/[id]/$export}), the status URL ({@code [base]/$export-poll-status?_jobId=}, {@code GET} to poll,
 * {@code DELETE} to cancel) and the file URLs ({@code [base]/$export-file?_jobId=&_file=}). Every one of them needs
 * an access token (the gateway's interceptors have authenticated the request); the status and file URLs answer
 * only the client and practice that started the job, and 404 to anyone else, like an unknown job.
 */
public final class BulkExportProvider {

    public static final String OPERATION = "$export";
    public static final String STATUS_OPERATION = "$export-poll-status";
    public static final String FILE_OPERATION = "$export-file";
    /** The Bulk Data CapabilityStatement a server offering {@code $export} instantiates. */
    public static final String BULK_DATA_CAPABILITY = "http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data";
    public static final String PATIENT_EXPORT_DEFINITION =
            "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export";
    public static final String GROUP_EXPORT_DEFINITION =
            "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export";
    private static final Pattern MEMBER = Pattern.compile("(?:.*/)?Patient/([A-Za-z0-9\\-.]{1,64})");
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final String RETRY_AFTER_SECONDS = "2";

    private final AdapterRegistry registry;
    private final AdapterCallExecutor calls;
    private final AccessPolicy policy;
    private final ExportKickoff kickoff;
    private final ExportJobStore store;
    private final ExportRunner runner;
    private final ExportJanitor janitor;
    private final ExportSettings settings;
    private final FhirContext fhir;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public BulkExportProvider(AdapterRegistry registry, AdapterCallExecutor calls, AccessPolicy policy,
            dev.fhirgateway.gateway.internal.search.SearchCriteriaParser parser, ExportJobStore store,
            ExportRunner runner, ExportJanitor janitor, ExportSettings settings, FhirContext fhir, Clock clock) {
        this.registry = registry;
        this.calls = calls;
        this.policy = policy;
        this.kickoff = new ExportKickoff(registry, parser, policy);
        this.store = store;
        this.runner = runner;
        this.janitor = janitor;
        this.settings = settings;
        this.fhir = fhir;
        this.clock = clock;
    }

    /** Whether {@code Group/[id]/$export} is offered: the adapters serve Group. */
    public static boolean offersGroupExport(AdapterRegistry registry) {
        return registry.route("Group").isPresent();
    }

    /** The CapabilityStatement's words on the operation. */
    public static String documentation() {
        return "FHIR Bulk Data Access 2.0.0 export of the token's practice. Needs 'Prefer: respond-async' and a"
                + " system-level token; its system/ scopes decide the types exported (granular scopes restrict them as"
                + " they restrict searches). _type, _since (resources changed after it, where the type records when)"
                + " and _outputFormat=application/fhir+ndjson are supported. Poll the Content-Location URL; files"
                + " need the same client's token (requiresAccessToken) and expire.";
    }

    @Operation(name = OPERATION, type = Patient.class, idempotent = true, manualResponse = true)
    public void patientExport(RequestDetails request, HttpServletResponse response) throws IOException {
        requireGet(request, "Start an export with GET, its parameters in the URL.");
        AccessContext access = AccessContext.of(request);
        ExportKickoff.Request asked = kickoff.read(request);
        if (registry.route("Patient").isEmpty()) {
            throw notFound("This server does not serve Patient resources to export.");
        }
        start(request, response, access, kickoff.planPractice(access, asked));
    }

    @Operation(name = OPERATION, type = Group.class, idempotent = true, manualResponse = true)
    public void groupExport(@IdParam IdType id, RequestDetails request, HttpServletResponse response)
            throws IOException {
        requireGet(request, "Start an export with GET, its parameters in the URL.");
        AccessContext access = AccessContext.of(request);
        ExportKickoff.Request asked = kickoff.read(request);
        AdapterRegistry.Route route = registry.route("Group")
                .orElseThrow(() -> notFound("This server serves no Group resources to export."));
        String groupId = id.getIdPart();
        if (groupId == null || !FHIR_ID.matcher(groupId).matches()) {
            throw notFound("No Group with this id is available to this practice.");
        }
        policy.narrowing(access, Permission.READ, route.support());
        CallContext context = calls.contextFor(request, access.practice());
        Optional<Resource> found = calls.call(route.adapter(), context, "read Group",
                (ehr, callContext) -> ehr.read(callContext, "Group", groupId));
        if (found.isEmpty() || !(found.get() instanceof Group group)) {
            throw notFound("No Group with this id is available to this practice.");
        }
        List<String> members = new ArrayList<>();
        group.getMember().forEach(m -> {
            var matcher = MEMBER.matcher(m.getEntity().getReference() == null ? "" : m.getEntity().getReference());
            if (matcher.matches() && !m.getInactive()) {
                members.add(matcher.group(1));
            }
        });
        start(request, response, access, kickoff.planGroup(access, asked, members));
    }

    private void start(RequestDetails request, HttpServletResponse response, AccessContext access, ExportPlan plan)
            throws IOException {
        String id = UUID.randomUUID().toString().replace("-", "");
        var now = clock.instant();
        ExportJob job = new ExportJob(id, access.practice(), access.clientId(), request.getCompleteUrl(),
                plan.types().stream().map(ExportPlan.TypeExport::type).toList(), ExportJob.Status.ACCEPTED, now, null,
                null, runner.instanceId(), now, null, 0, List.of(), List.of(), null);
        try {
            store.createIfRoom(job, settings.maxJobsPerPractice(), settings.maxJobs(), janitor::holdsPlace);
        } catch (ExportJobStore.NoRoomException e) {
            String message = e.getMessage() + " Try again when one has finished.";
            UnclassifiedServerFailureException busy = new UnclassifiedServerFailureException(429, message,
                    OperationOutcomes.error(IssueType.THROTTLED, message));
            busy.addResponseHeader("Retry-After", "60");
            throw busy;
        }
        runner.start(job, plan);
        response.setHeader("Content-Location", statusUrl(request, id));
        write(response, 202, information("Export accepted: poll the Content-Location URL for its status."));
    }

    @Operation(name = STATUS_OPERATION, idempotent = true, deleteEnabled = true, manualResponse = true)
    public void status(RequestDetails request, HttpServletResponse response) throws IOException {
        if (request.getRequestType() != RequestTypeEnum.DELETE) {
            requireGet(request, "Poll an export's status with GET, cancel it with DELETE.");
        }
        ExportJob job = ownJob(request);
        if (request.getRequestType() == RequestTypeEnum.DELETE) {
            cancel(job);
            write(response, 202, information("Export cancelled; its files are deleted."));
            return;
        }
        job = janitor.refresh(job);
        switch (job.status()) {
            case ACCEPTED, RUNNING -> {
                response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
                response.setHeader("X-Progress", progress(job));
                response.setStatus(202);
            }
            case COMPLETED -> {
                response.setHeader("Expires", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        job.expiresAt().atOffset(ZoneOffset.UTC)));
                response.setStatus(200);
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                byte[] body = json.writeValueAsBytes(manifest(request, job));
                response.setContentLength(body.length);
                try (OutputStream out = response.getOutputStream()) {
                    out.write(body);
                }
            }
            case FAILED -> write(response, 500, OperationOutcomes.error(IssueType.EXCEPTION, job.failure()));
            case CANCELLED -> throw unknownJob();
        }
    }

    @Operation(name = FILE_OPERATION, idempotent = true, manualResponse = true)
    public void file(RequestDetails request, HttpServletResponse response) throws IOException {
        requireGet(request, "Download an export file with GET.");
        ExportJob job = ownJob(request);
        String name = single(request, "_file");
        boolean listed = job.status() != ExportJob.Status.CANCELLED && job.status() != ExportJob.Status.ACCEPTED
                && java.util.stream.Stream.concat(job.output().stream(), job.errors().stream())
                        .anyMatch(f -> f.file().equals(name));
        if (!listed || job.status().isActive()) {
            throw notFound("No export file with this name is available.");
        }
        Path path = store.file(job.id(), name);
        response.setStatus(200);
        response.setContentType("application/fhir+ndjson");
        try (InputStream in = Files.newInputStream(path)) {
            response.setContentLengthLong(Files.size(path));
            try (OutputStream out = response.getOutputStream()) {
                in.transferTo(out);
            }
        } catch (NoSuchFileException e) {
            throw notFound("No export file with this name is available.");
        }
    }

    /**
     * HAPI lets an idempotent operation be POSTed (parameters in a {@code Parameters} body); this server reads export
     * parameters from the URL only, so a POST is refused rather than run without its parameters.
     */
    private static void requireGet(RequestDetails request, String how) {
        if (request.getRequestType() != RequestTypeEnum.GET) {
            MethodNotAllowedException refused = new MethodNotAllowedException(how,
                    OperationOutcomes.error(IssueType.NOTSUPPORTED, how), RequestTypeEnum.GET);
            throw refused;
        }
    }

    private void cancel(ExportJob job) {
        if (job.status() == ExportJob.Status.CANCELLED) {
            throw unknownJob();
        }
        store.requestCancel(job.id());
        if (!job.status().isActive() || janitor.isStale(job)) {
            // Nobody runs it: this instance ends it. (A live runner, here or elsewhere, stops at its next page.)
            store.deleteFiles(job.id());
            store.write(job.finished(ExportJob.Status.CANCELLED, clock.instant(), clock.instant(), null));
        }
    }

    /** The job named by {@code _jobId}, if it is the requesting client's in the requesting practice; else 404. */
    private ExportJob ownJob(RequestDetails request) {
        AccessContext access = AccessContext.of(request);
        String id = single(request, "_jobId");
        ExportJob job = store.read(id).orElseThrow(BulkExportProvider::unknownJob);
        if (!job.practice().equals(access.practice()) || !job.clientId().equals(access.clientId())) {
            throw unknownJob();
        }
        if (job.status() != ExportJob.Status.CANCELLED && store.isCancelRequested(job.id())
                && job.status().isActive()) {
            // Cancelled on another instance, whose runner has not stopped yet: gone for the client already.
            throw unknownJob();
        }
        return job;
    }

    private static String single(RequestDetails request, String name) {
        String[] values = request.getParameters().get(name);
        if (values == null || values.length != 1) {
            throw unknownJob();
        }
        return values[0];
    }

    private ObjectNode manifest(RequestDetails request, ExportJob job) {
        ObjectNode manifest = json.createObjectNode();
        manifest.put("transactionTime", job.transactionTime().toString());
        manifest.put("request", job.kickoffUrl());
        manifest.put("requiresAccessToken", true);
        ArrayNode output = manifest.putArray("output");
        job.output().forEach(f -> output.addObject().put("type", f.type()).put("url", fileUrl(request, job, f.file()))
                .put("count", f.count()));
        ArrayNode errors = manifest.putArray("error");
        job.errors().forEach(f -> errors.addObject().put("type", f.type()).put("url", fileUrl(request, job, f.file()))
                .put("count", f.count()));
        return manifest;
    }

    private static String progress(ExportJob job) {
        if (job.status() == ExportJob.Status.ACCEPTED || job.currentType() == null) {
            return "waiting to start";
        }
        return job.resourcesWritten() + " resources exported; now " + job.currentType() + " ("
                + (job.types().indexOf(job.currentType()) + 1) + " of " + job.types().size() + " types)";
    }

    private static String statusUrl(RequestDetails request, String id) {
        return request.getFhirServerBase() + "/" + STATUS_OPERATION + "?_jobId=" + id;
    }

    private static String fileUrl(RequestDetails request, ExportJob job, String file) {
        return request.getFhirServerBase() + "/" + FILE_OPERATION + "?_jobId=" + job.id() + "&_file=" + file;
    }

    private void write(HttpServletResponse response, int status, IBaseResource resource) throws IOException {
        byte[] body = fhir.newJsonParser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/fhir+json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }

    private static OperationOutcome information(String text) {
        OperationOutcome oo = OperationOutcomes.newOutcome();
        oo.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL).setDiagnostics(text);
        return oo;
    }

    /** Unknown, expired, cancelled, another client's or another practice's: the same answer. */
    private static ResourceNotFoundException unknownJob() {
        return notFound("No export job with this id is available to this client.");
    }

    private static ResourceNotFoundException notFound(String message) {
        return new ResourceNotFoundException(message, OperationOutcomes.error(IssueType.NOTFOUND, message));
    }
}
