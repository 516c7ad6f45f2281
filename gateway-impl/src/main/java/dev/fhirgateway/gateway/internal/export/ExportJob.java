package dev.fhirgateway.gateway.internal.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One bulk export job as kept in its directory ({@code job.json}, written by {@link ExportJobStore}), so that
 * every instance sharing the export directory can answer for it.
 *
 * @param id the job id (random, unguessable: it names the status and file URLs)
 * @param practice the practice the export is of
 * @param clientId the client that started it; only it may poll, cancel or download
 * @param kickoffUrl the kick-off request's URL, for the manifest's {@code request}
 * @param types the resource types exported, in order
 * @param status where the job is
 * @param transactionTime when the export started: resources changed later may be missing
 * @param finishedAt when it completed, failed or was cancelled; null before
 * @param expiresAt when its files are deleted (set when it finishes)
 * @param instance the instance running it
 * @param heartbeatAt when that instance last recorded progress; an old one means the instance died
 * @param currentType the type being exported now (for {@code X-Progress})
 * @param resourcesWritten resources written so far
 * @param output the output files, one or more per type
 * @param errors the error files ({@code OperationOutcome} NDJSON)
 * @param failure why the job failed, for the client; null unless failed
 */
public record ExportJob(String id, String practice, String clientId, String kickoffUrl, List<String> types,
        Status status, Instant transactionTime, Instant finishedAt, Instant expiresAt, String instance,
        Instant heartbeatAt, String currentType, long resourcesWritten, List<OutputFile> output,
        List<OutputFile> errors, String failure) {

    /** Where a job is. */
    public enum Status {
        /** Accepted, not started yet. */
        ACCEPTED,
        RUNNING,
        COMPLETED,
        FAILED,
        /** Cancelled by its client ({@code DELETE}); its files are gone. */
        CANCELLED;

        public boolean isActive() {
            return this == ACCEPTED || this == RUNNING;
        }
    }

    /**
     * One NDJSON file of the job.
     *
     * @param type the resource type in it ({@code OperationOutcome} for error files)
     * @param file its name in the job's directory
     * @param count the resources in it
     * @param bytes its size
     */
    public record OutputFile(String type, String file, long count, long bytes) {
    }

    public ExportJob {
        types = List.copyOf(types);
        output = List.copyOf(output);
        errors = List.copyOf(errors);
    }

    ExportJob running(String instanceId, Instant now, String type, long written) {
        return new ExportJob(id, practice, clientId, kickoffUrl, types, Status.RUNNING, transactionTime, null, null,
                instanceId, now, type, written, output, errors, null);
    }

    ExportJob withFiles(List<OutputFile> newOutput, List<OutputFile> newErrors) {
        return new ExportJob(id, practice, clientId, kickoffUrl, types, status, transactionTime, finishedAt, expiresAt,
                instance, heartbeatAt, currentType, resourcesWritten, newOutput, newErrors, failure);
    }

    ExportJob finished(Status end, Instant now, Instant expires, String why) {
        return new ExportJob(id, practice, clientId, kickoffUrl, types, end, transactionTime, now, expires, instance,
                now, null, resourcesWritten, end == Status.CANCELLED ? List.of() : output,
                end == Status.CANCELLED ? List.of() : errors, why);
    }

    /** The output files plus one more. */
    static List<OutputFile> plus(List<OutputFile> files, OutputFile added) {
        List<OutputFile> all = new ArrayList<>(files);
        all.add(added);
        return all;
    }
}
