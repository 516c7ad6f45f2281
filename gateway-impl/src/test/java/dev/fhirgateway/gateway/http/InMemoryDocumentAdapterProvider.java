package dev.fhirgateway.gateway.http;

import dev.fhirgateway.spi.AdapterConfig;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.EhrAdapterProvider;
import dev.fhirgateway.spi.SearchValue;
import dev.fhirgateway.spi.SpiVersion;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * An in-memory test adapter serving US Core DocumentReferences in two practices, for the {@code $docref} tests. It
 * serves nothing unless the adapter setting {@code in-memory-documents.enabled} is {@code true}; with
 * {@code in-memory-documents.period=false} it does not declare the {@code period} parameter (only {@code date}).
 *
 * <p>Practice A, patient a1 (dates are {@code date}; care periods in brackets):
 * <ul>
 *   <li>ccd-2023: CCD (LOINC 34133-9), 2023-01-10 [2022-01-01, 2022-12-31]
 *   <li>ccd-2024: CCD, 2024-06-01 [2024-01-01, 2024-05-31]
 *   <li>ccd-superseded: CCD, 2024-07-01 [2024-01-01, 2024-06-30], superseded
 *   <li>note-feb: progress note (11506-3), 2024-02-01 [2024-02-01 08:00, 09:00]
 *   <li>note-mar: progress note, 2024-03-15 [2024-03-15 08:00, 09:00]
 *   <li>discharge-2023: discharge summary (18842-5), 2023-05-05 [2023-05-01, 2023-05-05]
 *   <li>untyped-span: no type, 2021-03-01 [2021-01-01, 2025-12-31] (its care period spans every range)
 * </ul>
 * Patient a2: ccd-a2 (CCD, 2024-01-01 [2023-12-01, 2023-12-31]). Practice B: ccd-b (CCD of its own "Patient/a1",
 * 2024-08-01 [2024-01-01, 2024-07-31]).
 */
public final class InMemoryDocumentAdapterProvider implements EhrAdapterProvider {

    public static final String ENABLED_SETTING = "fhirgateway.adapter.in-memory-documents.enabled";
    public static final String PERIOD_SETTING = "fhirgateway.adapter.in-memory-documents.period";
    public static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-documentreference";
    public static final String LOINC = "http://loinc.org";
    public static final String CCD = "34133-9";
    public static final String PROGRESS_NOTE = "11506-3";
    public static final String DISCHARGE_SUMMARY = "18842-5";

    @Override
    public String requestedSpiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public String name() {
        return "in-memory-documents";
    }

    @Override
    public EhrAdapter open(AdapterConfig config) {
        InMemoryEhrAdapter.Builder adapter = InMemoryEhrAdapter.builder();
        if (config.get("in-memory-documents.enabled").map(Boolean::parseBoolean).orElse(false)) {
            boolean period = config.get("in-memory-documents.period").map(Boolean::parseBoolean).orElse(true);
            adapter.type(DocumentReference.class, List.of(PROFILE), t -> {
                t.reference("patient", (d, v) -> ((SearchValue.Reference) v).matches("Patient",
                                d.getSubject().getReferenceElement().getIdPart()))
                        .token("type", (d, v) -> d.getType().getCoding().stream()
                                .anyMatch(c -> ((SearchValue.Token) v).matches(c.getSystem(), c.getCode())))
                        .token("category", (d, v) -> d.getCategory().stream().flatMap(cc -> cc.getCoding().stream())
                                .anyMatch(c -> ((SearchValue.Token) v).matches(c.getSystem(), c.getCode())))
                        .token("status", (d, v) -> ((SearchValue.Token) v).matches(d.getStatus().getSystem(),
                                d.getStatus().toCode()))
                        // Instants: the range of one second (the precision they are given to).
                        .date("date", (d, v) -> ((SearchValue.Date) v).matches(d.getDate().toInstant(),
                                d.getDate().toInstant().plusSeconds(1), ZoneOffset.UTC));
                if (period) {
                    t.date("period", (d, v) -> {
                        Period p = d.getContext().getPeriod();
                        return ((SearchValue.Date) v).matches(p.getStart().toInstant(),
                                p.getEnd().toInstant().plusSeconds(1), ZoneOffset.UTC);
                    });
                }
            });
            seed().forEach(s -> adapter.resource(s.practice(), s.document()));
        }
        return adapter.build();
    }

    record Stored(String practice, DocumentReference document) {
    }

    private static List<Stored> seed() {
        String a = InMemoryPatientAdapterProvider.PRACTICE_A;
        String b = InMemoryPatientAdapterProvider.PRACTICE_B;
        List<Stored> all = new ArrayList<>();
        all.add(new Stored(a, doc("ccd-2023", "a1", CCD, "2023-01-10T10:00:00Z", "2022-01-01T00:00:00Z", "2022-12-31T00:00:00Z")));
        all.add(new Stored(a, doc("ccd-2024", "a1", CCD, "2024-06-01T10:00:00Z", "2024-01-01T00:00:00Z", "2024-05-31T00:00:00Z")));
        DocumentReference superseded = doc("ccd-superseded", "a1", CCD, "2024-07-01T10:00:00Z", "2024-01-01T00:00:00Z",
                "2024-06-30T00:00:00Z");
        superseded.setStatus(DocumentReferenceStatus.SUPERSEDED);
        all.add(new Stored(a, superseded));
        all.add(new Stored(a, doc("note-feb", "a1", PROGRESS_NOTE, "2024-02-01T10:00:00Z", "2024-02-01T08:00:00Z",
                "2024-02-01T09:00:00Z")));
        all.add(new Stored(a, doc("note-mar", "a1", PROGRESS_NOTE, "2024-03-15T10:00:00Z", "2024-03-15T08:00:00Z",
                "2024-03-15T09:00:00Z")));
        all.add(new Stored(a, doc("discharge-2023", "a1", DISCHARGE_SUMMARY, "2023-05-05T10:00:00Z",
                "2023-05-01T00:00:00Z", "2023-05-05T00:00:00Z")));
        all.add(new Stored(a, doc("untyped-span", "a1", null, "2021-03-01T10:00:00Z", "2021-01-01T00:00:00Z",
                "2025-12-31T00:00:00Z")));
        all.add(new Stored(a, doc("ccd-a2", "a2", CCD, "2024-01-01T10:00:00Z", "2023-12-01T00:00:00Z", "2023-12-31T00:00:00Z")));
        all.add(new Stored(b, doc("ccd-b", "a1", CCD, "2024-08-01T10:00:00Z", "2024-01-01T00:00:00Z", "2024-07-31T00:00:00Z")));
        return all;
    }

    private static DocumentReference doc(String id, String patient, String loinc, String date, String start, String end) {
        DocumentReference d = new DocumentReference();
        d.setId(id);
        d.getMeta().addProfile(PROFILE);
        d.setStatus(DocumentReferenceStatus.CURRENT);
        if (loinc != null) {
            d.setType(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(LOINC, loinc, null)));
        }
        d.addCategory().addCoding().setSystem("http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category")
                .setCode("clinical-note");
        d.setSubject(new Reference("Patient/" + patient));
        d.setDate(Date.from(Instant.parse(date)));
        d.getContext().setPeriod(new Period().setStart(Date.from(Instant.parse(start))).setEnd(Date.from(Instant.parse(end))));
        d.addContent().getAttachment().setContentType("text/plain").setUrl("Binary/" + id);
        return d;
    }
}
