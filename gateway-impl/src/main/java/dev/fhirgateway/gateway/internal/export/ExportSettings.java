package dev.fhirgateway.gateway.internal.export;

import dev.fhirgateway.api.GatewaySetting;
import dev.fhirgateway.api.GatewaySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The bulk export settings ({@code fhirgateway.export.*}).
 *
 * @param enabled whether {@code $export} is offered
 * @param directory where jobs keep their state and files (shared by the instances behind one load balancer)
 * @param expiry how long a finished job's files stay
 * @param maxJobsPerPractice waiting or running jobs of one practice, over all instances
 * @param maxJobs waiting or running jobs over all instances (and threads of one instance)
 * @param pageSize resources asked of the adapter per page
 * @param staleAfter how long a running job may go without progress before it is taken for dead
 * @param pageTimeout the deadline of one page call (the request budget, {@code fhirgateway.request-timeout})
 */
public record ExportSettings(boolean enabled, Path directory, Duration expiry, int maxJobsPerPractice, int maxJobs,
        int pageSize, Duration staleAfter, Duration pageTimeout) {

    /** The directory under the container's temporary directory used when {@code fhirgateway.export.dir} is unset. */
    public static final String DEFAULT_DIRECTORY_NAME = "fhir-gateway-export";

    /** @param containerTempDir the servlet container's temporary directory, if it names one */
    public static ExportSettings from(GatewaySettings settings, Optional<Path> containerTempDir) {
        String enabled = settings.get(GatewaySetting.EXPORT_ENABLED).orElse("true").trim();
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new IllegalStateException("setting " + GatewaySetting.EXPORT_ENABLED.key()
                    + " must be true or false, was '" + enabled + "'");
        }
        Path directory = settings.get(GatewaySetting.EXPORT_DIR).map(String::trim).filter(s -> !s.isEmpty())
                .map(Path::of)
                .orElseGet(() -> containerTempDir.orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir")))
                        .resolve(DEFAULT_DIRECTORY_NAME));
        return new ExportSettings(Boolean.parseBoolean(enabled), directory.toAbsolutePath(),
                settings.getDuration(GatewaySetting.EXPORT_EXPIRY),
                settings.getPositiveInt(GatewaySetting.EXPORT_MAX_JOBS_PER_PRACTICE),
                settings.getPositiveInt(GatewaySetting.EXPORT_MAX_JOBS),
                settings.getPositiveInt(GatewaySetting.EXPORT_PAGE_SIZE),
                settings.getDuration(GatewaySetting.EXPORT_STALE_AFTER),
                settings.getDuration(GatewaySetting.REQUEST_TIMEOUT));
    }
}
