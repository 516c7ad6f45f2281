package dev.fhirgateway.gateway.internal.docs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the developer pages say about each US Core 6.1.0 profile: its title, its page on hl7.org, its must-support
 * elements and the elements US Core marks as USCDI requirements ({@code uscdi-requirement} extension).
 *
 * <p>Read from a digest committed beside this class ({@value #RESOURCE}), generated from the US Core package by
 * {@code UsCoreProfileDigestTest}, which fails when the digest differs from what the package yields. The gateway
 * does not load StructureDefinitions at run time: R4's and US Core's would cost memory and start-up time the
 * gateway avoids on purpose (see {@code ModelTypeDefinitions}); the digest is about 70 KB.
 *
 * <p>Format, UTF-8, one record per line, fields separated by tabs, {@code #} lines are comments:
 * {@code P url type id title} starts a profile, {@code E elementId cardinality flags short} is one of its
 * elements, flags {@code M} (must support) and/or {@code U} (USCDI requirement).
 */
public final class UsCoreProfiles {

    /** The digest on the class path. */
    public static final String RESOURCE = "us-core-6.1.0-profiles.tsv";
    /** Where the published US Core 6.1.0 pages are. */
    public static final String PAGES = "https://hl7.org/fhir/us/core/STU6.1/";

    /**
     * One element of a profile.
     *
     * @param id the element id (slices as {@code name:slice}, choices as {@code name[x]})
     * @param cardinality e.g. {@code 1..*}
     * @param mustSupport whether the profile flags it must support
     * @param uscdi whether US Core marks it as a USCDI requirement
     * @param text the element's short description
     */
    public record Element(String id, String cardinality, boolean mustSupport, boolean uscdi, String text) {

        /** A USCDI requirement that is not must support ("Additional USCDI Requirement" in US Core). */
        public boolean additionalUscdi() {
            return uscdi && !mustSupport;
        }
    }

    /**
     * One profile.
     *
     * @param url its canonical URL
     * @param type the resource type it constrains
     * @param id its id, which names its page
     * @param title its title
     * @param elements its must-support and USCDI elements, in the profile's order
     */
    public record Profile(String url, String type, String id, String title, List<Element> elements) {

        public Profile {
            elements = List.copyOf(elements);
        }

        /** Its page in the published US Core 6.1.0. */
        public String page() {
            return PAGES + "StructureDefinition-" + id + ".html";
        }

        /**
         * The USCDI data elements the profile carries: the elements marked as USCDI requirements whose parent
         * element is not marked itself ({@code Patient.name}, not also {@code Patient.name.family}).
         */
        public List<Element> uscdiDataElements() {
            List<Element> top = new ArrayList<>();
            for (Element e : elements) {
                if (e.uscdi() && top.stream().noneMatch(t -> e.id().startsWith(t.id() + ".")
                        || e.id().startsWith(t.id() + ":"))) {
                    top.add(e);
                }
            }
            return top;
        }
    }

    private static final UsCoreProfiles BUNDLED = load();

    private final Map<String, Profile> byUrl;

    UsCoreProfiles(Map<String, Profile> byUrl) {
        this.byUrl = Collections.unmodifiableMap(new LinkedHashMap<>(byUrl));
    }

    /** The digest committed with the gateway. */
    public static UsCoreProfiles bundled() {
        return BUNDLED;
    }

    /** The profile with that canonical URL (a {@code |version} suffix is ignored), if US Core 6.1.0 has it. */
    public Optional<Profile> profile(String url) {
        int bar = url.indexOf('|');
        return Optional.ofNullable(byUrl.get(bar < 0 ? url : url.substring(0, bar)));
    }

    /** Every profile, in the digest's order. */
    public List<Profile> profiles() {
        return List.copyOf(byUrl.values());
    }

    private static UsCoreProfiles load() {
        try (InputStream in = UsCoreProfiles.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the US Core profile digest " + RESOURCE + " is not on the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a digest in the format above. */
    static UsCoreProfiles parse(String digest) {
        Map<String, Profile> profiles = new LinkedHashMap<>();
        String[] current = null;
        List<Element> elements = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(digest))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f[0].equals("P") && f.length == 5) {
                    if (current != null) {
                        profiles.put(current[1], new Profile(current[1], current[2], current[3], current[4], elements));
                    }
                    current = f;
                    elements = new ArrayList<>();
                } else if (f[0].equals("E") && f.length == 5 && current != null) {
                    elements.add(new Element(f[1], f[2], f[3].contains("M"), f[3].contains("U"), f[4]));
                } else {
                    throw new IllegalStateException("malformed line in the US Core profile digest: " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (current != null) {
            profiles.put(current[1], new Profile(current[1], current[2], current[3], current[4], elements));
        }
        return new UsCoreProfiles(profiles);
    }
}
