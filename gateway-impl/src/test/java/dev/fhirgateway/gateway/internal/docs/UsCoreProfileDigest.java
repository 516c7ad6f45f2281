package dev.fhirgateway.gateway.internal.docs;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.StructureDefinitionKind;
import org.hl7.fhir.r4.model.StructureDefinition.TypeDerivationRule;
import org.hl7.fhir.utilities.npm.NpmPackage;

/**
 * Generates the digest {@link UsCoreProfiles} reads ({@code us-core-6.1.0-profiles.tsv}) from the US Core 6.1.0
 * package: every resource profile (constraints of a resource type, no extensions), in URL order, with the elements
 * of its snapshot that are must support or carry the {@code uscdi-requirement} extension.
 */
final class UsCoreProfileDigest {

    static final String USCDI_REQUIREMENT = "http://hl7.org/fhir/us/core/StructureDefinition/uscdi-requirement";
    private static final String USCDI_PREFIX = "(USCDI) ";

    private UsCoreProfileDigest() {
    }

    /** The digest of the package's StructureDefinitions ({@code StructureDefinition-*.json} files by name). */
    static String digest(Map<String, String> structureDefinitionJson) {
        IParser parser = FhirContext.forR4Cached().newJsonParser();
        List<StructureDefinition> profiles = new ArrayList<>();
        for (String json : structureDefinitionJson.values()) {
            StructureDefinition sd = parser.parseResource(StructureDefinition.class, json);
            if (sd.getKind() == StructureDefinitionKind.RESOURCE && sd.getDerivation() == TypeDerivationRule.CONSTRAINT) {
                profiles.add(sd);
            }
        }
        profiles.sort(Comparator.comparing(StructureDefinition::getUrl));
        StringBuilder out = new StringBuilder("""
                # US Core 6.1.0 resource profiles: must-support and USCDI elements of each profile's snapshot.
                # Generated from the package hl7.fhir.us.core#6.1.0 by UsCoreProfileDigestTest (gateway-impl tests);
                # do not edit. Regenerate: mvn -pl gateway-impl -am test -Dtest=UsCoreProfileDigestTest
                #   -Dsurefire.failIfNoSpecifiedTests=false -Dus-core-digest.write=true
                # P<TAB>canonical url<TAB>resource type<TAB>id<TAB>title
                # E<TAB>element id<TAB>cardinality<TAB>M = must support, U = USCDI requirement<TAB>short description
                """);
        for (StructureDefinition sd : profiles) {
            out.append(String.join("\t", "P", sd.getUrl(), sd.getType(), sd.getIdElement().getIdPart(),
                    clean(sd.getTitle()))).append('\n');
            for (ElementDefinition e : sd.getSnapshot().getElement()) {
                boolean uscdi = e.getExtension().stream().anyMatch(UsCoreProfileDigest::isUscdiRequirement);
                if (!e.getMustSupport() && !uscdi) {
                    continue;
                }
                String flags = (e.getMustSupport() ? "M" : "") + (uscdi ? "U" : "");
                String text = clean(e.getShort());
                if (text.startsWith(USCDI_PREFIX)) {
                    text = text.substring(USCDI_PREFIX.length());
                }
                out.append(String.join("\t", "E", e.getId(), e.getMin() + ".." + e.getMax(), flags, text)).append('\n');
            }
        }
        return out.toString();
    }

    private static boolean isUscdiRequirement(Extension x) {
        return USCDI_REQUIREMENT.equals(x.getUrl()) && x.getValue() instanceof BooleanType b && b.booleanValue();
    }

    private static String clean(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    /** The StructureDefinitions of an extracted package folder ({@code .../package}). */
    static Map<String, String> fromFolder(Path packageFolder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(packageFolder)) {
            for (Path f : list.filter(p -> p.getFileName().toString().startsWith("StructureDefinition-")
                    && p.getFileName().toString().endsWith(".json")).toList()) {
                files.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    /** The StructureDefinitions of a package {@code .tgz}. */
    static Map<String, String> fromTgz(Path tgz) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (InputStream in = Files.newInputStream(tgz)) {
            NpmPackage npm = NpmPackage.fromPackage(in);
            for (String name : npm.list("package")) {
                if (name.startsWith("StructureDefinition-") && name.endsWith(".json")) {
                    try (InputStream file = npm.load("package", name)) {
                        files.put(name, new String(file.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return files;
    }
}
