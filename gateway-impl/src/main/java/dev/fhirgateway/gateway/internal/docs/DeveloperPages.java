package dev.fhirgateway.gateway.internal.docs;

import static dev.fhirgateway.gateway.internal.docs.Doc.inlines;
import static dev.fhirgateway.gateway.internal.docs.Doc.link;
import static dev.fhirgateway.gateway.internal.docs.Doc.literal;
import static dev.fhirgateway.gateway.internal.docs.Doc.paragraph;
import static dev.fhirgateway.gateway.internal.docs.Doc.text;

import dev.fhirgateway.api.GatewaySetting;
import dev.fhirgateway.api.GatewaySettings;
import dev.fhirgateway.gateway.internal.fhir.CapabilityStatementProvider;
import dev.fhirgateway.gateway.internal.include.IncludePlanner;
import dev.fhirgateway.gateway.internal.security.SmartConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent;
import org.hl7.fhir.r4.model.StringType;

/**
 * The pages for app developers: an index (FHIR base URL, SMART endpoints and scopes, what the API does and does
 * not do, paging, errors, the served types, the vendor's policies) and one page per served resource type
 * (profiles, searches with their comparators and modifiers, includes, {@code $docref}, USCDI and must-support
 * elements, example requests).
 *
 * <p>Everything a page says about types, profiles, parameters, includes and operations comes from the
 * CapabilityStatement the gateway serves at {@code metadata} ({@link CapabilityStatementProvider}, itself built from
 * the adapters' {@code ResourceSupport}), built for the same base URL, so the pages cannot disagree with it; the
 * profile details come from the US Core digest ({@link UsCoreProfiles}); the vendor's notes from the
 * {@code fhirgateway.docs.*} settings. Nothing on them depends on a practice or a patient.
 */
public final class DeveloperPages {

    /** The site's name, above every page. */
    public static final String SITE = "FHIR API for app developers";
    /** The index page's name. */
    public static final String INDEX = "index";

    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final CapabilityStatementProvider capabilities;
    private final IncludePlanner includes;
    private final Optional<SmartConfiguration> smart;
    private final UsCoreProfiles profiles;
    private final Map<String, String> typeTexts = new TreeMap<>();
    private final Map<String, String> policies = new TreeMap<>();
    private final String practiceHeader;
    private final int defaultCount;
    private final int maxCount;
    private final Duration linkTtl;
    private final Duration requestTimeout;

    /**
     * @throws IllegalStateException naming the setting when a policy name is not letters, digits and '-'
     */
    public DeveloperPages(CapabilityStatementProvider capabilities, IncludePlanner includes,
            Optional<SmartConfiguration> smart, GatewaySettings settings, UsCoreProfiles profiles) {
        this.capabilities = capabilities;
        this.includes = includes;
        this.smart = smart;
        this.profiles = profiles;
        String typePrefix = GatewaySetting.DOCS_TYPE_TEXT.key();
        settings.keysStartingWith(typePrefix).forEach(k -> settings.get(k)
                .ifPresent(v -> typeTexts.put(k.substring(typePrefix.length()), v)));
        String policyPrefix = GatewaySetting.DOCS_POLICY.key();
        for (String key : settings.keysStartingWith(policyPrefix)) {
            String name = key.substring(policyPrefix.length());
            if (!POLICY_NAME.matcher(name).matches()) {
                throw new IllegalStateException("setting " + policyPrefix + "<policy>: a policy name has 1 to 64"
                        + " letters, digits and '-'");
            }
            settings.get(key).ifPresent(v -> policies.put(name, v));
        }
        this.practiceHeader = settings.get(GatewaySetting.PRACTICE_HEADER).orElse("X-Practice-Pin");
        this.maxCount = settings.getPositiveInt(GatewaySetting.PAGING_MAX_COUNT);
        this.defaultCount = Math.min(settings.getPositiveInt(GatewaySetting.PAGING_DEFAULT_COUNT), maxCount);
        this.linkTtl = settings.getDuration(GatewaySetting.PAGING_LINK_TTL);
        this.requestTimeout = settings.getDuration(GatewaySetting.REQUEST_TIMEOUT);
    }

    /**
     * Whether {@code fhirgateway.docs.enabled} turns the pages on.
     *
     * @throws IllegalStateException naming the setting when it is neither true nor false
     */
    public static boolean enabled(GatewaySettings settings) {
        String value = settings.get(GatewaySetting.DOCS_ENABLED).orElseThrow().trim();
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalStateException("setting " + GatewaySetting.DOCS_ENABLED.key() + " must be true or false,"
                    + " was '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /** The types named by {@code fhirgateway.docs.type-text.<Type>} that no adapter serves (a typo, probably). */
    public List<String> notesForTypesNotServed(String fhirBase) {
        List<String> served = servedTypes(capabilities.capabilities(fhirBase));
        return typeTexts.keySet().stream().filter(t -> !served.contains(t)).toList();
    }

    /** The names of the pages: {@value #INDEX}, then each served type. */
    public List<String> pageNames(String fhirBase) {
        List<String> names = new ArrayList<>();
        names.add(INDEX);
        names.addAll(servedTypes(capabilities.capabilities(fhirBase)));
        return names;
    }

    /** The page as HTML, if there is one of that name. */
    public Optional<String> html(String fhirBase, String name) {
        CapabilityStatement cs = capabilities.capabilities(fhirBase);
        return page(cs, fhirBase, name).map(p -> HtmlRenderer.render(p, SITE, nav(cs, ".html"), ".html"));
    }

    /** The page as Markdown, if there is one of that name. */
    public Optional<String> markdown(String fhirBase, String name) {
        CapabilityStatement cs = capabilities.capabilities(fhirBase);
        return page(cs, fhirBase, name).map(p -> MarkdownRenderer.render(p, SITE, nav(cs, ".md")));
    }

    /** The style sheet the HTML pages link ({@value DocsStyle#FILE}). */
    public static String css() {
        return DocsStyle.css();
    }

    /** The style sheet's file name. */
    public static String cssFile() {
        return DocsStyle.FILE;
    }

    /**
     * Writes every page as {@code NAME.html} and {@code NAME.md}, and the style sheet, into {@code dir}.
     *
     * @return the files written
     */
    public List<Path> writeTo(Path dir, String fhirBase) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        CapabilityStatement cs = capabilities.capabilities(fhirBase);
        for (String name : pageNames(fhirBase)) {
            Doc.Page page = page(cs, fhirBase, name).orElseThrow();
            written.add(Files.writeString(dir.resolve(name + ".html"),
                    HtmlRenderer.render(page, SITE, nav(cs, ".html"), ".html"), StandardCharsets.UTF_8));
            written.add(Files.writeString(dir.resolve(name + ".md"),
                    MarkdownRenderer.render(page, SITE, nav(cs, ".md")), StandardCharsets.UTF_8));
        }
        written.add(Files.writeString(dir.resolve(DocsStyle.FILE), DocsStyle.css(), StandardCharsets.UTF_8));
        return written;
    }

    private Optional<Doc.Page> page(CapabilityStatement cs, String fhirBase, String name) {
        if (name.equals(INDEX)) {
            return Optional.of(new IndexPage(cs, fhirBase).build());
        }
        return resources(cs).stream().filter(r -> r.getType().equals(name)).findFirst()
                .map(r -> new TypePage(r, fhirBase).build());
    }

    private static List<CapabilityStatementRestResourceComponent> resources(CapabilityStatement cs) {
        return cs.getRest().isEmpty() ? List.of() : cs.getRestFirstRep().getResource();
    }

    private static List<String> servedTypes(CapabilityStatement cs) {
        return resources(cs).stream().map(CapabilityStatementRestResourceComponent::getType).toList();
    }

    private static List<Doc.Link> nav(CapabilityStatement cs, String extension) {
        List<Doc.Link> nav = new ArrayList<>();
        nav.add(link(INDEX + extension, "Overview"));
        servedTypes(cs).forEach(t -> nav.add(link(t + extension, t)));
        return nav;
    }

    private String authorizationHeader() {
        return smart.isPresent() ? "-H \"Authorization: Bearer $TOKEN\"" : "-H \"" + practiceHeader + ": $PRACTICE\"";
    }

    /** A curl command line for a GET of {@code url} with this server's credentials. */
    private String curl(String url) {
        return "curl " + authorizationHeader() + " \"" + url + "\"";
    }

    private static String seconds(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 ? (s / 3600) + (s == 3600 ? " hour" : " hours")
                : s % 60 == 0 ? (s / 60) + (s == 60 ? " minute" : " minutes") : s + " seconds";
    }

    private static List<Doc.Block> paragraphs(String text) {
        List<Doc.Block> out = new ArrayList<>();
        for (String p : text.split("\\R\\s*\\R")) {
            if (!p.isBlank()) {
                out.add(paragraph(p.strip().replaceAll("\\s*\\R\\s*", " ")));
            }
        }
        return out;
    }

    /** "app-registration" as a heading: "App registration". */
    static String policyHeading(String name) {
        String words = name.replace('-', ' ').strip();
        return words.isEmpty() ? name : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    /** The index page. */
    private final class IndexPage {
        private final CapabilityStatement cs;
        private final String base;
        private final List<Doc.Block> b = new ArrayList<>();

        IndexPage(CapabilityStatement cs, String base) {
            this.cs = cs;
            this.base = base;
        }

        Doc.Page build() {
            b.add(new Doc.Heading(1, null, SITE));
            b.add(paragraph(text("This server offers a read-only FHIR R4 API for US Core 6.1.0 ("),
                    link("https://hl7.org/fhir/us/core/STU6.1/", "US Core 6.1.0"),
                    text("). These pages are generated from what it serves: its CapabilityStatement, "),
                    literal(base + "/metadata"), text(", is the machine-readable form of the same facts.")));
            base();
            authorization();
            behaviour();
            paging();
            errors();
            types();
            policies();
            return new Doc.Page(INDEX, "Overview", b);
        }

        private void base() {
            b.add(new Doc.Heading(2, "base", "FHIR base URL"));
            b.add(new Doc.Code(base));
            b.add(paragraph(text("Every request below starts with it. The CapabilityStatement (no access token"
                    + " needed):")));
            b.add(new Doc.Code("curl \"" + base + "/metadata\""));
        }

        private void authorization() {
            b.add(new Doc.Heading(2, "authorization", "Authorization"));
            if (smart.isEmpty()) {
                b.add(paragraph(text("This server runs in a development mode without access tokens: a request names"
                        + " its practice in the "), literal(practiceHeader), text(" header, and every read is allowed."
                        + " A production server requires SMART access tokens instead.")));
                return;
            }
            SmartConfiguration s = smart.get();
            b.add(paragraph(text("Every request except the CapabilityStatement and the SMART configuration needs an"
                    + " OAuth 2.0 bearer access token from the EHR's authorization server (SMART App Launch 2 and"
                    + " Backend Services). A token is for one practice: it reads that practice's records only. The"
                    + " endpoints, from the SMART configuration:")));
            Doc.TableBuilder endpoints = new Doc.TableBuilder("SMART endpoints", "Endpoint", "URL");
            endpoints.row(null, inlines(text("SMART configuration (discovery)")),
                    inlines(literal(base + "/.well-known/smart-configuration")));
            endpoints.row(null, inlines(text("Token")), url(s.tokenEndpoint()));
            s.authorizationEndpoint().ifPresent(a -> endpoints.row(null, inlines(text("Authorization")), url(a)));
            s.managementEndpoint().ifPresent(m -> endpoints.row(null, inlines(text("App registration and"
                    + " management")), url(m)));
            s.issuer().ifPresent(i -> endpoints.row(null, inlines(text("Token issuer")), inlines(literal(i))));
            s.jwksUri().ifPresent(j -> endpoints.row(null, inlines(text("Issuer's keys (JWKS)")), url(j)));
            b.add(endpoints.build());
            Doc.TableBuilder config = new Doc.TableBuilder("What the authorization server supports", "Item", "Values");
            config.row(null, inlines(text("Grant types")), literals(s.grantTypes()));
            config.row(null, inlines(text("Client authentication")), literals(s.tokenEndpointAuthMethods()));
            config.row(null, inlines(text("SMART capabilities")), literals(s.capabilities()));
            b.add(config.build());

            b.add(new Doc.Heading(3, "scopes", "Scopes"));
            b.add(paragraph(text("Scopes supported:")));
            b.add(new Doc.Items(s.scopesSupported().stream().map(sc -> inlines(literal(sc))).toList()));
            b.add(new Doc.Items(List.of(
                    inlines(text("Reads need "), literal("r"), text(", searches "), literal("s"), text(" (SMART 2 "),
                            literal("system/Observation.rs"), text("; SMART 1 "), literal(".read"),
                            text(" means both). Write scopes grant nothing: the API is read-only.")),
                    inlines(literal("system/"), text(" and "), literal("user/"), text(" scopes reach the whole"
                            + " practice; "), literal("patient/"), text(" scopes need a patient in the launch"
                            + " context, and such a token sees only that patient.")),
                    inlines(text("Granular scopes narrow a type by a search parameter, e.g. "),
                            literal("patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/"
                                    + "observation-category|laboratory"), text(".")),
                    inlines(text("A request outside the token's scopes is answered 403.")))));
            if (s.grantTypes().contains("client_credentials")) {
                b.add(paragraph(text("A token for a backend service"
                        + (s.tokenEndpointAuthMethods().contains("client_secret_basic")
                                ? " (client secret shown; private_key_jwt works the same with a signed assertion):"
                                : ":"))));
                String auth = s.tokenEndpointAuthMethods().contains("client_secret_basic")
                        ? "-u \"$CLIENT_ID:$CLIENT_SECRET\" "
                        : "-d client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
                                + " -d \"client_assertion=$SIGNED_JWT\" ";
                b.add(new Doc.Code("curl " + auth + "-d grant_type=client_credentials -d \"scope=system/*.rs\" \""
                        + s.tokenEndpoint() + "\""));
            }
        }

        private void behaviour() {
            b.add(new Doc.Heading(2, "behaviour", "What the API does"));
            b.add(new Doc.Items(List.of(
                    inlines(text("Read-only. Reads ("), literal("GET [type]/[id]"), text(") and searches ("),
                            literal("GET [type]?..."), text(" or "), literal("POST [type]/_search"), text(" with a"
                            + " form body) are answered. Every write (create, update, patch, delete, transaction,"
                            + " batch) is answered 405 with "), literal("Allow: GET, HEAD"), text(".")),
                    inlines(text("No CDS Hooks: "), literal(base.replaceAll("/fhir$", "") + "/cds-services"),
                            text(" answers 501 Not Implemented.")),
                    inlines(text("JSON ("), literal("application/fhir+json"), text(", the default) and XML ("),
                            literal("_format=xml"), text(" or "), literal("Accept: application/fhir+xml"), text(").")),
                    inlines(text("A practice sees only its own records: another practice's ids are 404, like ids that"
                            + " do not exist.")),
                    inlines(text("Searches accept only the parameters listed on each type's page; others are 400,"
                            + " unless the request says "), literal("Prefer: handling=lenient"),
                            text(" (then they are ignored and the Bundle's self link shows what was applied).")),
                    inlines(text("Answers carry "), literal("Cache-Control: no-store"), text(": they hold health"
                            + " records.")))));
        }

        private void paging() {
            b.add(new Doc.Heading(2, "paging", "Paging"));
            b.add(new Doc.Items(List.of(
                    inlines(text("A search answers " + defaultCount + " entries per page unless "), literal("_count"),
                            text(" asks for another number; at most " + maxCount + " (a larger "), literal("_count"),
                            text(" is lowered to " + maxCount + ").")),
                    inlines(text("Follow the Bundle's "), literal("next"), text(" link for the next page. Links are"
                            + " opaque and sealed: they carry the search, are bound to the token's practice (and"
                            + " patient), and work for " + seconds(linkTtl) + " (then 410 Gone; an edited link is"
                            + " 400). Scopes are checked again on every page.")),
                    inlines(literal("_offset"), text(" is not supported (400): follow "), literal("next"), text(".")),
                    inlines(text("An include ("), literal("_include"), text(", "), literal("_revinclude"),
                            text(") adds the referenced resources of each page to that page, with "),
                            literal("search.mode=include"), text(".")))));
        }

        private void errors() {
            b.add(new Doc.Heading(2, "errors", "Errors"));
            b.add(paragraph(text("Every error is an "), literal("OperationOutcome"), text(" with the status below."
                    + " Messages name the parameter or the rule, never the value sent (values can be health data).")));
            Doc.TableBuilder t = new Doc.TableBuilder("Error answers", "Status", "When");
            t.row(null, inlines(literal("400 Bad Request")), inlines(text("an unknown search parameter, modifier or"
                    + " include; a malformed value; "), literal("_offset"), text("; an edited paging link")));
            if (smart.isPresent()) {
                t.row(null, inlines(literal("401 Unauthorized")), inlines(text("no access token, or one that is"
                        + " invalid or expired ("), literal("WWW-Authenticate: Bearer"), text(")")));
            }
            t.row(null, inlines(literal("403 Forbidden")), inlines(text(smart.isPresent()
                    ? "the token's scopes do not allow the read or search, or it names another patient"
                    : "the request is not allowed")));
            t.row(null, inlines(literal("404 Not Found")), inlines(text("no such resource (or another practice's);"
                    + " an unknown path")));
            t.row(null, inlines(literal("405 Method Not Allowed")), inlines(text("any write; methods other than GET,"
                    + " HEAD and POST searches")));
            t.row(null, inlines(literal("406 Not Acceptable")), inlines(text("a format other than JSON or XML")));
            t.row(null, inlines(literal("410 Gone")), inlines(text("a paging link older than " + seconds(linkTtl))));
            t.row(null, inlines(literal("413 Content Too Large")), inlines(text("a request body over 200,000"
                    + " bytes")));
            t.row(null, inlines(literal("415 Unsupported Media Type")), inlines(text("a request body in a charset"
                    + " other than UTF-8, US-ASCII or ISO-8859-1")));
            t.row(null, inlines(literal("503 Service Unavailable")), inlines(text("the EHR is unavailable; retry"
                    + " later")));
            t.row(null, inlines(literal("504 Gateway Timeout")), inlines(text("the EHR did not answer within the"
                    + " request's time budget of " + seconds(requestTimeout))));
            b.add(t.build());
        }

        private void types() {
            b.add(new Doc.Heading(2, "types", "Resource types"));
            List<CapabilityStatementRestResourceComponent> resources = resources(cs);
            if (resources.isEmpty()) {
                b.add(paragraph("This server serves no resource types yet."));
                return;
            }
            Doc.TableBuilder t = new Doc.TableBuilder("Resource types served", "Type", "Profiles",
                    "Search parameters", "Operations");
            for (CapabilityStatementRestResourceComponent r : resources) {
                List<Doc.Inline> profileCells = new ArrayList<>();
                for (CanonicalType p : r.getSupportedProfile()) {
                    if (!profileCells.isEmpty()) {
                        profileCells.add(text(", "));
                    }
                    profileCells.add(profiles.profile(p.getValue()).<Doc.Inline>map(up -> text(up.title()))
                            .orElse(literal(p.getValue())));
                }
                if (profileCells.isEmpty()) {
                    profileCells.add(text("base FHIR R4"));
                }
                List<Doc.Inline> params = new ArrayList<>();
                for (CapabilityStatementRestResourceSearchParamComponent sp : r.getSearchParam()) {
                    if (!params.isEmpty()) {
                        params.add(text(" "));
                    }
                    params.add(literal(sp.getName()));
                }
                List<Doc.Inline> ops = r.getOperation().stream().map(o -> (Doc.Inline) literal("$" + o.getName()))
                        .toList();
                t.row("type-" + r.getType(), inlines(link(r.getType() + ".html", r.getType())), profileCells,
                        params.isEmpty() ? inlines(text("none (read only)")) : params,
                        ops.isEmpty() ? inlines(text("none")) : ops);
            }
            b.add(t.build());
        }

        private void policies() {
            if (policies.isEmpty()) {
                return;
            }
            b.add(new Doc.Heading(2, "policies", "Policies"));
            policies.forEach((name, text) -> {
                b.add(new Doc.Heading(3, "policy-" + name, policyHeading(name)));
                b.addAll(paragraphs(text));
            });
        }
    }

    /** The page of one served type. */
    private final class TypePage {
        private final CapabilityStatementRestResourceComponent r;
        private final String base;
        private final String type;
        private final List<Doc.Block> b = new ArrayList<>();

        TypePage(CapabilityStatementRestResourceComponent r, String base) {
            this.r = r;
            this.base = base;
            this.type = r.getType();
        }

        Doc.Page build() {
            b.add(new Doc.Heading(1, null, type));
            Optional.ofNullable(typeTexts.get(type)).ifPresent(t -> b.addAll(paragraphs(t)));
            b.add(paragraph(text("Read ("), literal("GET " + base + "/" + type + "/[id]"), text(") and search ("),
                    literal("GET " + base + "/" + type + "?..."), text(" or "),
                    literal("POST " + base + "/" + type + "/_search"), text("). Writes are answered 405.")));
            profilesTable();
            examples();
            searchParameters();
            includesSection();
            docref();
            elements();
            return new Doc.Page(type, type, b);
        }

        private void profilesTable() {
            b.add(new Doc.Heading(2, "profiles", "Profiles"));
            Doc.TableBuilder t = new Doc.TableBuilder("Profiles of " + type, "Profile", "Canonical URL");
            for (CanonicalType p : r.getSupportedProfile()) {
                Optional<UsCoreProfiles.Profile> up = profiles.profile(p.getValue());
                t.row(null, up.map(x -> inlines(link(x.page(), x.title())))
                        .orElse(inlines(text("not a US Core 6.1.0 profile"))), inlines(literal(p.getValue())));
            }
            if (t.isEmpty()) {
                b.add(paragraph(text("Resources conform to the base FHIR R4 "), link("https://hl7.org/fhir/R4/"
                        + type.toLowerCase(Locale.ROOT) + ".html", type), text(" resource.")));
            } else {
                b.add(paragraph(text("Each resource lists the profiles it conforms to in "), literal("meta.profile"),
                        text(".")));
                b.add(t.build());
            }
        }

        private void examples() {
            b.add(new Doc.Heading(2, "examples", "Example requests"));
            b.add(paragraph(text(smart.isPresent()
                    ? "Set TOKEN to an access token (see the overview), and the other variables to values of your"
                            + " practice's records; then copy:"
                    : "Set PRACTICE to your practice, and the other variables to values of its records; then copy:")));
            List<String> lines = new ArrayList<>();
            lines.add("# read");
            lines.add(curl(base + "/" + type + "/$ID"));
            List<String> query = exampleQuery();
            if (!query.isEmpty()) {
                String q = String.join("&", query);
                lines.add("# search");
                lines.add(curl(base + "/" + type + "?" + q));
                lines.add("# the same search as a POST");
                // Double quotes, like the GETs: the shell fills in the variables.
                lines.add("curl " + authorizationHeader() + " --data-urlencode \"" + String.join("\" --data-urlencode \"",
                        query) + "\" \"" + base + "/" + type + "/_search\"");
                if (!r.getSearchInclude().isEmpty()) {
                    lines.add("# with an include");
                    lines.add(curl(base + "/" + type + "?" + q + "&_include=" + r.getSearchInclude().get(0).getValue()));
                }
                if (!r.getSearchRevInclude().isEmpty()) {
                    lines.add("# with the Provenance of each result");
                    lines.add(curl(base + "/" + type + "?" + q + "&_revinclude="
                            + r.getSearchRevInclude().get(0).getValue()));
                }
            }
            b.add(new Doc.Code(String.join("\n", lines)));
        }

        /** A search worth showing: by patient (and category or code), else by the first parameter but _id. */
        private List<String> exampleQuery() {
            List<String> names = r.getSearchParam().stream().map(CapabilityStatementRestResourceSearchParamComponent::getName)
                    .toList();
            List<String> q = new ArrayList<>();
            if (names.contains("patient")) {
                q.add("patient=" + ExampleValues.of(type, "patient", "reference"));
                for (String next : List.of("category", "code", "type", "clinical-status", "intent")) {
                    if (names.contains(next)) {
                        q.add(next + "=" + ExampleValues.of(type, next, "token"));
                        break;
                    }
                }
                return q;
            }
            // US Core's SHALL searches of directory types and Patient come first: identifier, then name.
            r.getSearchParam().stream().filter(p -> p.getName().equals("identifier")).findFirst()
                    .or(() -> r.getSearchParam().stream().filter(p -> p.getName().equals("name")).findFirst())
                    .or(() -> r.getSearchParam().stream().filter(p -> !p.getName().equals("_id")).findFirst())
                    .or(() -> r.getSearchParam().stream().findFirst())
                    .ifPresent(p -> q.add(p.getName() + "=" + ExampleValues.of(type, p.getName(), p.getType().toCode())));
            return q;
        }

        private void searchParameters() {
            b.add(new Doc.Heading(2, "search", "Search parameters"));
            if (r.getSearchParam().isEmpty()) {
                b.add(paragraph("This type is read by id only: no search parameters."));
                return;
            }
            b.add(paragraph(text("Any combination of these parameters may be sent together (AND); comma-separated"
                    + " values of one parameter are alternatives (OR), and a parameter repeated is AND. Tokens"
                    + " accept "), literal("code"), text(" and "), literal("system|code"), text("; references "),
                    literal("[id]"), text(" and "), literal("Patient/[id]"), text(".")));
            Doc.TableBuilder t = new Doc.TableBuilder("Search parameters of " + type, "Parameter", "Type",
                    "Comparators and modifiers", "Values", "Example", "Definition");
            for (CapabilityStatementRestResourceSearchParamComponent p : r.getSearchParam()) {
                String typeCode = p.getType().toCode();
                SearchSyntax.Syntax syntax = SearchSyntax.of(typeCode);
                List<Doc.Inline> comparators = new ArrayList<>();
                syntax.comparators().forEach(c -> comparators.add(literal(c)));
                syntax.modifiers().forEach(m -> comparators.add(literal(p.getName() + m)));
                List<Doc.Inline> values = new ArrayList<>();
                syntax.forms().forEach(f -> {
                    if (!values.isEmpty()) {
                        values.add(text(", "));
                    }
                    values.add(literal(f));
                });
                if (!syntax.note().isEmpty()) {
                    values.add(text(" (" + syntax.note() + ")"));
                }
                if (p.hasDocumentation()) {
                    values.add(text(". " + p.getDocumentation()));
                }
                List<Doc.Inline> definition = p.hasDefinition()
                        ? inlines(definitionLink(p.getDefinition())) : inlines(text("FHIR R4"));
                t.row("param-" + p.getName(), inlines(literal(p.getName())), inlines(literal(typeCode)),
                        comparators.isEmpty() ? inlines(text("none")) : spaced(comparators), values,
                        inlines(literal(p.getName() + "=" + ExampleValues.of(type, p.getName(), typeCode))), definition);
            }
            b.add(t.build());
        }

        private void includesSection() {
            List<String> advertisedRev = r.getSearchRevInclude().stream().map(StringType::getValue).toList();
            List<String> otherRev = includes.supportedRevIncludes(type).stream()
                    .filter(v -> !advertisedRev.contains(v)).toList();
            if (r.getSearchInclude().isEmpty() && advertisedRev.isEmpty() && otherRev.isEmpty()) {
                return;
            }
            b.add(new Doc.Heading(2, "includes", "Includes and revincludes"));
            if (!r.getSearchInclude().isEmpty()) {
                b.add(paragraph(text("_include values (the referenced resources are added to each page):")));
                b.add(new Doc.Items(r.getSearchInclude().stream().map(i -> inlines(literal("_include="
                        + i.getValue()))).toList()));
            }
            if (!advertisedRev.isEmpty()) {
                b.add(paragraph(text("_revinclude values (the resources that point at each result are added):")));
                b.add(new Doc.Items(advertisedRev.stream().map(i -> inlines(literal("_revinclude=" + i))).toList()));
            }
            if (!otherRev.isEmpty()) {
                List<Doc.Inline> also = new ArrayList<>();
                also.add(text("Also answered, not advertised in the CapabilityStatement (from a shared resource they"
                        + " can reach more resources than a page may include, then 400): "));
                for (int i = 0; i < otherRev.size(); i++) {
                    if (i > 0) {
                        also.add(text(", "));
                    }
                    also.add(literal("_revinclude=" + otherRev.get(i)));
                }
                also.add(text("."));
                b.add(new Doc.Paragraph(also));
            }
            b.add(paragraph(text("Other values, "), literal("*"), text(" and "), literal(":iterate"),
                    text(" are 400.")));
        }

        private void docref() {
            for (CapabilityStatementRestResourceOperationComponent op : r.getOperation()) {
                b.add(new Doc.Heading(2, "op-" + op.getName(), "$" + op.getName()));
                b.add(paragraph(text("Defined by "), definitionLink(op.getDefinition()), text(".")));
                if (op.hasDocumentation()) {
                    b.add(paragraph(op.getDocumentation()));
                }
                if (op.getName().equals("docref")) {
                    b.add(new Doc.Code(curl(base + "/" + type + "/$docref?patient=$PATIENT_ID") + "\n"
                            + curl(base + "/" + type + "/$docref?patient=$PATIENT_ID&start=2024-01-01&end=2024-12-31")));
                }
            }
        }

        private void elements() {
            List<UsCoreProfiles.Profile> known = r.getSupportedProfile().stream()
                    .map(p -> profiles.profile(p.getValue())).flatMap(Optional::stream).toList();
            if (known.isEmpty()) {
                return;
            }
            b.add(new Doc.Heading(2, "elements", "USCDI data elements and must-support elements"));
            b.add(paragraph(text("From US Core 6.1.0: elements marked USCDI carry a USCDI data element (US Core's "),
                    literal("uscdi-requirement"), text(" marking); must-support elements are sent whenever the EHR"
                    + " has the data. An element that is USCDI but not must support is an Additional USCDI"
                    + " Requirement.")));
            for (UsCoreProfiles.Profile p : known) {
                b.add(new Doc.Heading(3, "profile-" + p.id(), p.title()));
                List<Doc.Inline> uscdi = new ArrayList<>();
                uscdi.add(text("USCDI data elements: "));
                List<UsCoreProfiles.Element> top = p.uscdiDataElements();
                for (int i = 0; i < top.size(); i++) {
                    if (i > 0) {
                        uscdi.add(text(", "));
                    }
                    uscdi.add(literal(top.get(i).id()));
                }
                if (top.isEmpty()) {
                    uscdi.add(text("none marked"));
                }
                uscdi.add(text(". "));
                uscdi.add(link(p.page(), "The profile on hl7.org"));
                uscdi.add(text("."));
                b.add(new Doc.Paragraph(uscdi));
                Doc.TableBuilder t = new Doc.TableBuilder("Elements of " + p.title(), "Element", "Cardinality",
                        "Must support", "USCDI", "Description");
                for (UsCoreProfiles.Element e : p.elements()) {
                    t.row(null, inlines(literal(e.id())), inlines(text(e.cardinality())),
                            inlines(text(e.mustSupport() ? "yes" : "no")),
                            inlines(text(e.uscdi() ? (e.additionalUscdi() ? "yes (additional)" : "yes") : "no")),
                            inlines(text(e.text())));
                }
                b.add(t.build());
            }
        }
    }

    private static List<Doc.Inline> url(String u) {
        return inlines(link(u, u));
    }

    private static List<Doc.Inline> literals(List<String> values) {
        return spaced(values.stream().map(v -> (Doc.Inline) literal(v)).toList());
    }

    private static List<Doc.Inline> spaced(List<Doc.Inline> parts) {
        List<Doc.Inline> out = new ArrayList<>();
        for (Doc.Inline part : parts) {
            if (!out.isEmpty()) {
                out.add(text(" "));
            }
            out.add(part);
        }
        return out;
    }

    /** A canonical URL of US Core, linked to its published page; others as text. */
    private static Doc.Inline definitionLink(String canonical) {
        String usCore = "http://hl7.org/fhir/us/core/";
        if (canonical.startsWith(usCore)) {
            String[] parts = canonical.substring(usCore.length()).split("/");
            if (parts.length == 2) {
                return link(UsCoreProfiles.PAGES + parts[0] + "-" + parts[1] + ".html", canonical);
            }
        }
        return literal(canonical);
    }
}
