package dev.fhirgateway.spi.kit;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import ca.uhn.fhir.context.FhirContext;
import dev.fhirgateway.spi.AdapterException;
import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchPage;
import dev.fhirgateway.spi.SearchParameterSupport;
import dev.fhirgateway.spi.SearchParameterType;
import dev.fhirgateway.spi.SearchRequest;
import dev.fhirgateway.spi.SearchValue;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;

/**
 * Builds the kit's tests for each declared resource type: reads, searches by each parameter, OR lists,
 * combinations, paging, practice isolation, typed failures, deadlines and US Core conformance.
 */
final class KitChecks {

    /**
     * Encodes as the gateway does: without HAPI's automatic containment, which would also move an id-less
     * {@code Reference.resource} into {@code contained} in the adapter's own objects while comparing them.
     */
    private static final FhirContext GATEWAY_ENCODING = gatewayEncoding();

    private static FhirContext gatewayEncoding() {
        FhirContext context = FhirContext.forR4();
        context.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
        return context;
    }

    /** How long a call with an expired deadline may take before the kit calls it hanging. */
    static final Duration EXPIRED_DEADLINE_GRACE = Duration.ofSeconds(5);
    /**
     * The same for an adapter that declares {@code keepsDeadlines()}: it runs on the client's request thread, and
     * the gateway logs a call that ends more than a second past its deadline as a broken promise.
     */
    static final Duration KEPT_DEADLINE_GRACE = Duration.ofSeconds(1);
    /** At most this many values of the other practice are searched per parameter. */
    private static final int ISOLATION_VALUES_PER_PARAMETER = 5;

    private final AdapterProbe probe;
    private final String practice;
    private final String otherPractice;
    private final ZoneId zone;
    private final int pageSize;
    private final SearchResultCheck searchCheck;
    private final Map<String, TypeData> data = new HashMap<>();
    private final OptionalCapabilityChecks optional;

    KitChecks(AdapterProbe probe, String practice, String otherPractice, ZoneId zone, int pageSize) {
        if (practice.equals(otherPractice)) {
            throw new IllegalArgumentException("practice() and otherPractice() must differ");
        }
        this.probe = probe;
        this.practice = practice;
        this.otherPractice = otherPractice;
        this.zone = zone;
        this.pageSize = pageSize;
        this.searchCheck = new SearchResultCheck(probe, practice, otherPractice, pageSize);
        this.optional = new OptionalCapabilityChecks(probe, practice, otherPractice, pageSize, searchCheck);
    }

    List<ResourceSupport> declaredTypes() {
        List<ResourceSupport> declared = probe.adapter().supportedResources();
        return declared == null ? List.of() : declared;
    }

    /**
     * US Core's server CapabilityStatement lists Endpoint and Media (SHALL), HealthcareService and ValueSet with no
     * US Core profile: for them the base FHIR R4 profile is the one to declare (and validate against). So does
     * Group, which Bulk Data Access ({@code Group/[id]/$export}) uses with no profile of its own.
     */
    private static final java.util.Set<String> PROFILELESS_US_CORE_TYPES =
            java.util.Set.of("Endpoint", "Media", "HealthcareService", "ValueSet", "Group");

    static boolean isBaseProfileOfProfilelessType(ResourceSupport type, String profile) {
        return PROFILELESS_US_CORE_TYPES.contains(type.resourceType())
                && profile.equals("http://hl7.org/fhir/StructureDefinition/" + type.resourceType());
    }

    void declaresResources() {
        List<ResourceSupport> declared = declaredTypes();
        if (declared.isEmpty()) {
            throw new AssertionError("supportedResources() declares no resource type: the gateway would serve nothing");
        }
        List<String> problems = new ArrayList<>();
        for (ResourceSupport type : declared) {
            if (type.profiles().isEmpty()) {
                problems.add(type.resourceType() + " declares no profile");
            }
            for (String profile : type.profiles()) {
                if (!MustSupportCatalog.get().knows(profile) && !isBaseProfileOfProfilelessType(type, profile)) {
                    problems.add(type.resourceType() + " declares " + profile + ", which is not a US Core 6.1.0 profile");
                }
            }
            for (SearchParameterSupport p : type.searchParameters()) {
                boolean usCore = UsCoreSearchParameters.get().expression(type.resourceType(), p.name()).isPresent();
                boolean coreQuantity = CoreQuantityParameters.expression(type.resourceType(), p.name()).isPresent();
                if (!usCore && !coreQuantity) {
                    problems.add(type.resourceType() + " declares search parameter '" + p.name()
                            + "', which US Core 6.1.0 does not define for it, nor FHIR R4 as a quantity parameter"
                            + " (the kit cannot check it)");
                } else if (!usCore && p.type() != SearchParameterType.QUANTITY) {
                    problems.add(type.resourceType() + " declares search parameter '" + p.name() + "' as "
                            + p.type().name().toLowerCase(Locale.ROOT) + "; FHIR R4 defines it as a quantity parameter");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
    }

    /** The tests of one type. The type's data is read when the first test runs. */
    Stream<DynamicNode> forType(ResourceSupport type) {
        TypeData typeData;
        try {
            typeData = data.computeIfAbsent(type.resourceType(),
                    t -> TypeData.load(probe, type, practice, otherPractice, zone));
        } catch (AssertionError | RuntimeException e) {
            return Stream.of(dynamicTest("lists the practice's " + type.resourceType() + " resources (search without criteria)",
                    () -> {
                        throw e instanceof AssertionError a ? a
                                : new AssertionError("listing " + type.resourceType() + " failed: " + e, e);
                    }));
        }
        if (typeData.resources().isEmpty()) {
            return Stream.of(dynamicTest("the practice has " + type.resourceType() + " resources to test with", () -> {
                throw new AssertionError("practice " + practice + " has no " + type.resourceType()
                        + " (a search without criteria returned nothing): load test data, e.g. KitFixtures");
            }));
        }
        Stream<DynamicNode> core = Stream.of(
                dynamicContainer("read", reads(typeData)),
                dynamicContainer("search by each declared parameter", parameterSearches(typeData)),
                dynamicContainer("OR lists (several values of one parameter)", orSearches(typeData)),
                dynamicContainer("combined parameters (AND)", combinedSearches(typeData)),
                dynamicContainer("paging", paging(typeData)),
                dynamicContainer("practice isolation", isolation(typeData)),
                dynamicContainer("typed failures", failures(typeData)),
                dynamicContainer("deadlines", deadlines(typeData)),
                dynamicContainer("US Core 6.1.0 conformance", conformance(typeData)));
        return Stream.concat(core, optional.forType(typeData));
    }

    // --- read ---

    private Stream<DynamicNode> reads(TypeData d) {
        return Stream.of(
                dynamicTest("reads each of the practice's resources by id and gets the resource the search listed", () -> {
                    List<String> problems = new ArrayList<>();
                    var parser = GATEWAY_ENCODING.newJsonParser();
                    for (Resource listed : d.resources()) {
                        String id = TypeData.id(listed);
                        Optional<Resource> read = probe.read(practice, d.type(), id);
                        if (read.isEmpty()) {
                            problems.add(d.type() + "/" + id + ": listed by the search, but the read found nothing");
                        } else if (!read.get().fhirType().equals(d.type()) || !id.equals(TypeData.id(read.get()))) {
                            problems.add(d.type() + "/" + id + ": the read returned " + read.get().fhirType() + "/"
                                    + TypeData.id(read.get()));
                        } else if (!parser.encodeResourceToString(read.get()).equals(parser.encodeResourceToString(listed))) {
                            problems.add(d.type() + "/" + id + ": the read and the search return different content");
                        }
                    }
                    fail(problems, "reads of practice " + practice + "'s " + d.type() + " resources");
                }),
                dynamicTest("a read of an id nobody has finds nothing (Optional.empty(), no exception)", () -> {
                    Optional<Resource> read = probe.read(practice, d.type(), CriteriaSampler.NO_SUCH_VALUE);
                    if (read.isPresent()) {
                        throw new AssertionError("read " + d.type() + "/" + CriteriaSampler.NO_SUCH_VALUE
                                + " returned a resource with id " + TypeData.id(read.get()));
                    }
                }));
    }

    // --- searches ---

    private Stream<DynamicNode> parameterSearches(TypeData d) {
        CriteriaSampler sampler = new CriteriaSampler(d.type(), d.resources(), d.oracle());
        return d.support().searchParameters().stream().map(p -> {
            List<SearchCase> cases = sampler.singleParameterCases(p);
            if (cases.isEmpty()) {
                return dynamicTest(p.name(), () -> {
                    throw new AssertionError("no " + d.type() + " of practice " + practice + " has a value for '"
                            + p.name() + "': add data with one so the kit can check the parameter");
                });
            }
            return dynamicContainer(p.name() + " (" + p.type().name().toLowerCase() + ")",
                    cases.stream().map(c -> dynamicTest(c.displayName(), () -> searchCheck.check(d, c))));
        });
    }

    private Stream<DynamicNode> orSearches(TypeData d) {
        CriteriaSampler sampler = new CriteriaSampler(d.type(), d.resources(), d.oracle());
        return d.support().searchParameters().stream()
                .map(p -> sampler.orCase(p)
                        .<DynamicNode>map(c -> dynamicTest(c.displayName(), () -> searchCheck.check(d, c)))
                        .orElseGet(() -> dynamicTest(p.name() + " with two values", () -> Assumptions.abort(
                                "the practice's data has no two values of '" + p.name() + "' that match different "
                                        + d.type() + " resources, so OR cannot be checked for it"))));
    }

    private Stream<DynamicNode> combinedSearches(TypeData d) {
        CriteriaSampler sampler = new CriteriaSampler(d.type(), d.resources(), d.oracle());
        return sampler.combinationCases(d.support().searchParameters(),
                        UsCoreSearchParameters.get().combinedSearches(d.type()))
                .stream().map(c -> dynamicTest(c.displayName(), () -> searchCheck.check(d, c)));
    }

    // --- paging ---

    private Stream<DynamicNode> paging(TypeData d) {
        Set<String> all = new LinkedHashSet<>(d.ids());
        return Stream.of(
                dynamicTest("walking all pages at page size 1, 2 and " + pageSize
                        + " returns every resource exactly once", () -> {
                    List<String> problems = new ArrayList<>();
                    for (int size : new int[] {1, 2, pageSize}) {
                        AdapterProbe.Walk walk = probe.walk(practice, d.type(), List.of(), size);
                        Set<String> seen = new LinkedHashSet<>(walk.ids());
                        Set<String> lost = new LinkedHashSet<>(all);
                        lost.removeAll(seen);
                        Set<String> extra = new LinkedHashSet<>(seen);
                        extra.removeAll(all);
                        if (!walk.duplicateIds().isEmpty()) {
                            problems.add("page size " + size + ": returned more than once: " + walk.duplicateIds());
                        }
                        if (!lost.isEmpty()) {
                            problems.add("page size " + size + ": never returned (lost between pages): " + lost);
                        }
                        if (!extra.isEmpty()) {
                            problems.add("page size " + size + ": returned, but not by the search at page size 50: " + extra);
                        }
                        for (int i = 0; i < walk.pages().size(); i++) {
                            int n = walk.pages().get(i).resources().size();
                            if (n > size) {
                                problems.add("page size " + size + ": page " + (i + 1) + " holds " + n + " resources");
                            }
                        }
                    }
                    fail(problems, "paging through " + d.type() + "? for practice " + practice);
                }),
                dynamicTest("the same cursor twice gives the same page", () -> {
                    SearchPage first = probe.page(practice, d.type(), List.of(), 1, null);
                    Assumptions.assumeTrue(first.nextCursor() != null,
                            "the practice has a single " + d.type() + ": no second page to fetch twice");
                    List<String> once = ids(probe.page(practice, d.type(), List.of(), 1, first.nextCursor()));
                    List<String> twice = ids(probe.page(practice, d.type(), List.of(), 1, first.nextCursor()));
                    if (!once.equals(twice)) {
                        throw new AssertionError("cursor '" + first.nextCursor() + "' of " + d.type()
                                + "? (page size 1) gave " + once + " the first time and " + twice + " the second");
                    }
                }),
                dynamicTest("a cursor the adapter never issued fails with INVALID_CURSOR", () ->
                        expectFailure(AdapterException.Reason.INVALID_CURSOR,
                                new SearchRequest(d.type(), List.of(), pageSize, "kit-forged-cursor-%%"),
                                "a cursor the adapter never issued")));
    }

    // --- practice isolation ---

    private Stream<DynamicNode> isolation(TypeData d) {
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(dynamicTest("the other practice has " + d.type() + " resources to check isolation with", () -> {
            if (d.otherResources().isEmpty()) {
                throw new AssertionError("practice " + otherPractice + " (otherPractice()) has no " + d.type()
                        + ": give it data so the kit can check that none of it reaches practice " + practice);
            }
        }));
        nodes.add(dynamicTest("no resource is served to both practices", () -> {
            Set<String> both = new LinkedHashSet<>(d.ids());
            both.retainAll(d.otherIds());
            if (!both.isEmpty()) {
                throw new AssertionError(d.type() + " resources " + both + " are listed for practice " + practice
                        + " and for practice " + otherPractice + ": a search must only return the calling practice's data");
            }
        }));
        nodes.add(dynamicTest("reads of the other practice's ids find nothing", () -> {
            List<String> leaked = new ArrayList<>();
            for (String id : d.otherIds()) {
                if (!d.ids().contains(id) && probe.read(practice, d.type(), id).isPresent()) {
                    leaked.add(id);
                }
            }
            if (!leaked.isEmpty()) {
                throw new AssertionError("reading as practice " + practice + " returned " + d.type() + " resources of"
                        + " practice " + otherPractice + ": " + leaked + " (a read must find only the practice's own data)");
            }
        }));
        CriteriaSampler otherSampler = new CriteriaSampler(d.type(), d.otherResources(), d.oracle());
        for (SearchParameterSupport p : d.support().searchParameters()) {
            List<SearchCase> cases = otherSampler.plainCases(p).stream()
                    .limit(ISOLATION_VALUES_PER_PARAMETER).toList();
            if (!cases.isEmpty()) {
                nodes.add(dynamicContainer("searches by " + p.name() + " with the other practice's values return only "
                        + "this practice's matches", cases.stream().map(c -> dynamicTest(c.displayName(),
                                () -> searchCheck.check(d, c)))));
            }
        }
        return nodes.stream();
    }

    // --- typed failures ---

    private Stream<DynamicNode> failures(TypeData d) {
        SearchParameterSupport first = d.support().searchParameters().isEmpty() ? null
                : d.support().searchParameters().get(0);
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(dynamicTest("a search on a parameter the adapter did not declare fails with UNSUPPORTED_SEARCH", () ->
                expectFailure(AdapterException.Reason.UNSUPPORTED_SEARCH, new SearchRequest(d.type(),
                        List.of(new SearchCriterion("kit-undeclared-parameter", List.of(new SearchValue.Token(null, "x")))),
                        pageSize, null), "an undeclared parameter")));
        if (first != null) {
            SearchValue wrong = first.type() == SearchParameterType.TOKEN
                    ? new SearchValue.Text("x", SearchValue.Text.Mode.STARTS_WITH) : new SearchValue.Token(null, "x");
            nodes.add(dynamicTest("a value of the wrong type for '" + first.name() + "' fails with UNSUPPORTED_SEARCH",
                    () -> expectFailure(AdapterException.Reason.UNSUPPORTED_SEARCH, new SearchRequest(d.type(),
                            List.of(new SearchCriterion(first.name(), List.of(wrong))), pageSize, null),
                            "a " + wrong.getClass().getSimpleName() + " value for a " + first.type() + " parameter")));
        }
        return nodes.stream();
    }

    // --- deadlines ---

    private Stream<DynamicNode> deadlines(TypeData d) {
        String id = TypeData.id(d.resources().get(0));
        boolean kept = probe.adapter().keepsDeadlines();
        String within = " ends within " + deadlineGrace(kept).toSeconds() + " s" + (kept ? " (the adapter keeps its deadlines)" : "")
                + ", with TIMEOUT or an answer";
        return Stream.of(
                dynamicTest("a search whose deadline has passed" + within, () -> withinGrace(kept,
                        "search " + d.type() + "? with an expired deadline",
                        () -> probe.adapter().search(probe.context(practice, Instant.now().minusSeconds(1)),
                                new SearchRequest(d.type(), List.of(), pageSize, null)))),
                dynamicTest("a read whose deadline has passed" + within, () -> withinGrace(kept,
                        "read " + d.type() + "/" + id + " with an expired deadline",
                        () -> probe.adapter().read(probe.context(practice, Instant.now().minusSeconds(1)),
                                d.type(), id))));
    }

    /** How long a call with an expired deadline may run: less for an adapter that promises to keep deadlines. */
    private static Duration deadlineGrace(boolean kept) {
        return kept ? KEPT_DEADLINE_GRACE : EXPIRED_DEADLINE_GRACE;
    }

    private static void withinGrace(boolean kept, String call, Supplier<?> action) throws InterruptedException {
        Duration grace = deadlineGrace(kept);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "compatibility-kit-deadline");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> future = executor.submit(action::get);
            future.get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(call + " was still running after " + grace.toSeconds()
                    + " s: an adapter gives up at CallContext.deadline() (AdapterException TIMEOUT)"
                    + (kept ? "; this adapter says keepsDeadlines(), so the gateway calls it on the client's request"
                            + " thread and trusts it to end on time" : ""));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (!(cause instanceof AdapterException a) || a.reason() != AdapterException.Reason.TIMEOUT) {
                throw new AssertionError(call + " threw " + cause + "; expected an answer or AdapterException TIMEOUT",
                        cause);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    // --- US Core conformance ---

    private Stream<DynamicNode> conformance(TypeData d) {
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(dynamicTest("every resource names a declared profile in meta.profile", () -> {
            List<String> problems = new ArrayList<>();
            for (Resource r : d.resources()) {
                List<String> claimed = r.getMeta().getProfile().stream().map(p -> p.getValue()).toList();
                if (claimed.stream().noneMatch(d.support().profiles()::contains)) {
                    problems.add(d.type() + "/" + TypeData.id(r) + " has meta.profile " + claimed + ", none of "
                            + d.support().profiles());
                }
            }
            fail(problems, "meta.profile of practice " + practice + "'s " + d.type() + " resources");
        }));
        nodes.add(dynamicTest("every reference names its target (text, an id, or #id of a contained resource)", () -> {
            List<String> problems = new ArrayList<>();
            for (Resource r : d.resources()) {
                UnnamedReferenceTargets.in(r).forEach(path -> problems.add(d.type() + "/" + TypeData.id(r) + " at "
                        + path + ": Reference.resource without an id; put it in contained with an id and"
                        + " reference it as #id"));
            }
            fail(problems, "references of practice " + practice + "'s " + d.type() + " resources");
        }));
        nodes.add(dynamicTest("every resource is valid US Core 6.1.0 (0 validation errors)", () -> {
            UsCoreValidator validator = UsCoreValidator.get();
            List<String> problems = new ArrayList<>();
            for (Resource r : d.resources()) {
                validator.errors(r).forEach(m -> problems.add(d.type() + "/" + TypeData.id(r) + " at "
                        + m.getLocationString() + ": " + m.getMessage()));
            }
            fail(problems, "US Core 6.1.0 validation of practice " + practice + "'s " + d.type() + " resources");
        }));
        for (String profile : d.support().profiles()) {
            nodes.add(dynamicTest("every must-support element of " + profile + " appears in the practice's data", () -> {
                if (!MustSupportCatalog.get().knows(profile)) {
                    Assumptions.abort(profile + " is not a US Core 6.1.0 profile: the kit has no must-support list for it");
                }
                List<Resource> claiming = d.resources().stream()
                        .filter(r -> r.getMeta().getProfile().stream().anyMatch(p -> profile.equals(p.getValue())))
                        .toList();
                if (claiming.isEmpty()) {
                    throw new AssertionError("no " + d.type() + " of practice " + practice + " claims " + profile
                            + " in meta.profile, so its must-support elements cannot be checked");
                }
                List<String> missing = new ArrayList<>();
                for (MustSupportCatalog.Element e : MustSupportCatalog.get().elements(profile)) {
                    if (claiming.stream().allMatch(r -> IndexedValues.evaluate(r, e.fhirPath()).isEmpty())) {
                        missing.add(e.path() + (e.uscdiOnly() ? " (USCDI)" : ""));
                    }
                }
                if (!missing.isEmpty()) {
                    throw new AssertionError(missing.size() + " must-support elements of " + profile
                            + " appear in none of practice " + practice + "'s " + claiming.size() + " " + d.type()
                            + " resources claiming it (an adapter must be able to return each; add data that has them,"
                            + " or map them): " + missing);
                }
            }));
        }
        return nodes.stream();
    }

    // --- helpers ---

    private void expectFailure(AdapterException.Reason reason, SearchRequest request, String what) {
        try {
            SearchPage page = probe.adapter().search(probe.context(practice), request);
            throw new AssertionError(AdapterProbe.describe(request, practice) + " with " + what + " returned "
                    + (page == null ? "null" : page.resources().size() + " resources") + "; expected AdapterException "
                    + reason);
        } catch (AdapterException e) {
            if (e.reason() != reason) {
                throw new AssertionError(AdapterProbe.describe(request, practice) + " with " + what
                        + " failed with AdapterException " + e.reason() + "; expected " + reason, e);
            }
        } catch (AssertionError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AssertionError(AdapterProbe.describe(request, practice) + " with " + what + " threw " + e
                    + "; expected AdapterException " + reason + " (the gateway turns only that into a clean error)", e);
        }
    }

    private static List<String> ids(SearchPage page) {
        return page.resources().stream().map(TypeData::id).toList();
    }

    private static void fail(List<String> problems, String what) {
        if (!problems.isEmpty()) {
            throw new AssertionError(what + ": " + problems.size() + " problems:\n  - " + String.join("\n  - ", problems));
        }
    }
}
