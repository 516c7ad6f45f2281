package dev.fhirgateway.spi.kit;

import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchPage;
import dev.fhirgateway.spi.SearchRequest;
import dev.fhirgateway.spi.SearchValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;

/**
 * Adapters with one deliberate bug each, and the kit runs over them. The runs are named {@code *KitRun}, not
 * {@code *Test}, so the build does not run them directly: {@link BrokenAdaptersTest} runs them with the JUnit
 * Platform test kit and checks that they fail, and how.
 */
final class BrokenAdapters {

    private BrokenAdapters() {
    }

    /** Treats {@code ge} as {@code gt}: misses resources on the boundary day. */
    static final class WrongDateComparator extends FixturePatientAdapter {
        @Override
        public SearchPage search(CallContext context, SearchRequest request) {
            List<SearchCriterion> criteria = request.criteria().stream().map(c -> new SearchCriterion(c.parameter(),
                    c.anyOf().stream().map(v -> v instanceof SearchValue.Date d && d.prefix() == SearchValue.Prefix.GE
                            ? (SearchValue) new SearchValue.Date(SearchValue.Prefix.GT, d.start(), d.precision(), d.offset())
                            : v).toList())).toList();
            return super.search(context, new SearchRequest(request.resourceType(), criteria, request.pageSize(),
                    request.cursor()));
        }
    }

    /** Says it counts, but counts every resource of the practice whatever the criteria. */
    static final class CountIgnoringCriteria extends FixturePatientAdapter {
        @Override
        public boolean canCount(String resourceType) {
            return true;
        }

        @Override
        public long count(CallContext context, SearchRequest request) {
            return super.search(context, new SearchRequest(request.resourceType(), List.of(), 10_000, null))
                    .resources().size();
        }
    }

    /** Uses only the first value of each criterion: {@code gender=male,female} finds only males. */
    static final class IgnoredOr extends FixturePatientAdapter {
        @Override
        public SearchPage search(CallContext context, SearchRequest request) {
            List<SearchCriterion> criteria = request.criteria().stream()
                    .map(c -> new SearchCriterion(c.parameter(), List.of(c.anyOf().get(0)))).toList();
            return super.search(context, new SearchRequest(request.resourceType(), criteria, request.pageSize(),
                    request.cursor()));
        }
    }

    /** Starts each page after the first with the last resource of the page before. */
    static final class DuplicateAcrossPages extends FixturePatientAdapter {
        @Override
        public SearchPage search(CallContext context, SearchRequest request) {
            SearchPage page = super.search(context, request);
            if (request.cursor() == null) {
                return page;
            }
            int offset = offset(request.cursor(), Integer.MAX_VALUE);
            SearchPage previous = super.search(context,
                    new SearchRequest(request.resourceType(), request.criteria(), 1, "o" + (offset - 1)));
            List<Resource> resources = new ArrayList<>(previous.resources());
            resources.addAll(page.resources().subList(0, Math.max(0, page.resources().size() - 1)));
            return new SearchPage(resources, page.nextCursor());
        }
    }

    /** Reads by id in every practice, not just the caller's. */
    static final class CrossPracticeLeak extends FixturePatientAdapter {
        @Override
        public Optional<Resource> read(CallContext context, String resourceType, String id) {
            return patients(KitFixtures.PRACTICE).stream().filter(p -> p.getIdElement().getIdPart().equals(id))
                    .findFirst()
                    .or(() -> patients(KitFixtures.OTHER_PRACTICE).stream()
                            .filter(p -> p.getIdElement().getIdPart().equals(id)).findFirst())
                    .map(Patient::copy);
        }
    }

    /** Returns Patients whose telecom has no system, which US Core requires. */
    static final class InvalidResource extends FixturePatientAdapter {
        @Override
        public Optional<Resource> read(CallContext context, String resourceType, String id) {
            return super.read(context, resourceType, id).map(InvalidResource::breakIt);
        }

        @Override
        public SearchPage search(CallContext context, SearchRequest request) {
            SearchPage page = super.search(context, request);
            return new SearchPage(page.resources().stream().map(InvalidResource::breakIt).toList(), page.nextCursor());
        }

        private static Resource breakIt(Resource r) {
            ((Patient) r).getTelecomFirstRep().setSystem(null);
            return r;
        }
    }

    /** Puts the Patients' managing organization in Reference.resource without an id, expecting HAPI to contain it. */
    static final class UnnamedReferenceTarget extends FixturePatientAdapter {
        @Override
        public Optional<Resource> read(CallContext context, String resourceType, String id) {
            return super.read(context, resourceType, id).map(UnnamedReferenceTarget::breakIt);
        }

        @Override
        public SearchPage search(CallContext context, SearchRequest request) {
            SearchPage page = super.search(context, request);
            return new SearchPage(page.resources().stream().map(UnnamedReferenceTarget::breakIt).toList(),
                    page.nextCursor());
        }

        private static Resource breakIt(Resource r) {
            ((Patient) r).getManagingOrganization().setResource(new Organization().setName("Kit Clinic"));
            return r;
        }
    }

    /** Compares quantities exactly ({@code eq5.4} finds only 5.4), ignoring the range the number's precision implies. */
    static final class ExactQuantity extends FixtureObservationAdapter {
        @Override
        boolean quantityMatches(SearchValue.Quantity value, Quantity quantity) {
            boolean equal = quantity.getValue().compareTo(value.value()) == 0;
            boolean sameUnit = (value.system() == null || value.system().equals(quantity.getSystem()))
                    && (value.code() == null || value.code().equals(quantity.getCode()));
            return switch (value.prefix()) {
                case EQ -> equal && sameUnit;
                case NE -> !equal && sameUnit;
                default -> super.quantityMatches(value, quantity);
            };
        }
    }

    /** Compares the numbers of quantities but not their units: {@code 5.4|http://unitsofmeasure.org|mmol/L} finds 5.4 mg/dL. */
    static final class IgnoredQuantityUnit extends FixtureObservationAdapter {
        @Override
        boolean quantityMatches(SearchValue.Quantity value, Quantity quantity) {
            return super.quantityMatches(new SearchValue.Quantity(value.prefix(), value.value(), null, null), quantity);
        }
    }

    /**
     * Takes 1.5 s to give up once its deadline has passed (a slow cancel): within what the kit allows an adapter
     * on worker threads, not one that says it keeps its deadlines.
     */
    static class SlowToGiveUp extends FixturePatientAdapter {
        static final long GIVE_UP_MILLIS = 1_500;

        private static void slowIfLate(CallContext context) {
            if (context.deadline().isBefore(Instant.now())) {
                try {
                    Thread.sleep(GIVE_UP_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public Optional<Resource> read(CallContext context, String resourceType, String id) {
            slowIfLate(context);
            return super.read(context, resourceType, id);
        }

        @Override
        public SearchPage search(CallContext context, SearchRequest request) {
            slowIfLate(context);
            return super.search(context, request);
        }
    }

    /** {@link SlowToGiveUp}, declaring that it keeps its deadlines. */
    static final class SlowToGiveUpKeepingDeadlines extends SlowToGiveUp {
        @Override
        public boolean keepsDeadlines() {
            return true;
        }
    }

    /** The kit over an adapter. */
    abstract static class KitRun extends EhrAdapterCompatibilityKit {
        @Override
        protected String practice() {
            return KitFixtures.PRACTICE;
        }

        @Override
        protected String otherPractice() {
            return KitFixtures.OTHER_PRACTICE;
        }
    }

    static final class WrongDateComparatorKitRun extends KitRun {
        private final EhrAdapter adapter = new WrongDateComparator();

        @Override
        protected EhrAdapter adapter() {
            return adapter;
        }
    }

    static final class CountIgnoringCriteriaKitRun extends KitRun {
        private final EhrAdapter adapter = new CountIgnoringCriteria();

        @Override
        protected EhrAdapter adapter() {
            return adapter;
        }
    }

    static final class IgnoredOrKitRun extends KitRun {
        private final EhrAdapter adapter = new IgnoredOr();

        @Override
        protected EhrAdapter adapter() {
            return adapter;
        }
    }

    static final class DuplicateAcrossPagesKitRun extends KitRun {
        private final EhrAdapter adapter = new DuplicateAcrossPages();

        @Override
        protected EhrAdapter adapter() {
            return adapter;
        }
    }

    static final class CrossPracticeLeakKitRun extends KitRun {
        private final EhrAdapter adapter = new CrossPracticeLeak();

        @Override
        protected EhrAdapter adapter() {
            return adapter;
        }
    }

    static final class ExactQuantityKitRun extends KitRun {
        private final EhrAdapter adapter = new ExactQuantity();

        @Override
        protected EhrAdapter adapter() {
            return adapter;
        }
    }

    static final class IgnoredQuantityUnitKitRun extends KitRun {
        private final EhrAdapter adapter = new IgnoredQuantityUnit();

        @Override
        protected EhrAdapter adapter() {
            return adapter;
        }
    }

    static final class InvalidResourceKitRun extends KitRun {
        private final EhrAdapter adapter = new InvalidResource();

        @Override
        protected EhrAdapter adapter() {
            return adapter;
        }
    }

    static final class UnnamedReferenceTargetKitRun extends KitRun {
        private final EhrAdapter adapter = new UnnamedReferenceTarget();

        @Override
        protected EhrAdapter adapter() {
            return adapter;
        }
    }

    static final class SlowToGiveUpKitRun extends KitRun {
        private final EhrAdapter adapter = new SlowToGiveUp();

        @Override
        protected EhrAdapter adapter() {
            return adapter;
        }
    }

    static final class SlowToGiveUpKeepingDeadlinesKitRun extends KitRun {
        private final EhrAdapter adapter = new SlowToGiveUpKeepingDeadlines();

        @Override
        protected EhrAdapter adapter() {
            return adapter;
        }
    }
}
