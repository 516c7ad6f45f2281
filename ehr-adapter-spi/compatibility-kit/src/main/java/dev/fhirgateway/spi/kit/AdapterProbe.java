package dev.fhirgateway.spi.kit;

import dev.fhirgateway.spi.AdapterException;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchPage;
import dev.fhirgateway.spi.SearchRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.Resource;

/**
 * Calls the adapter the way the gateway does: with a practice, a request id and a deadline, following cursors
 * page by page. An {@link AdapterException} or any other exception becomes an {@link AssertionError} that names
 * the call, so a failing test says which search broke.
 */
final class AdapterProbe {

    /** Guards against cursors that never end: no kit fixture or sane test data has this many pages. */
    private static final int MAX_PAGES = 10_000;

    private final EhrAdapter adapter;
    private final Duration callBudget;
    private final AtomicLong requests = new AtomicLong();

    AdapterProbe(EhrAdapter adapter, Duration callBudget) {
        this.adapter = adapter;
        this.callBudget = callBudget;
    }

    EhrAdapter adapter() {
        return adapter;
    }

    /** A call context for the practice with the normal deadline. */
    CallContext context(String practice) {
        return context(practice, Instant.now().plus(callBudget));
    }

    CallContext context(String practice, Instant deadline) {
        return new CallContext(practice, "compatibility-kit-" + requests.incrementAndGet(), deadline);
    }

    /**
     * All pages of a search, in order.
     *
     * @param pages the pages as returned
     * @param cursors the cursor each page after the first was fetched with
     */
    record Walk(List<SearchPage> pages, List<String> cursors) {

        /** The ids of every returned resource, in order, duplicates included. */
        List<String> ids() {
            return pages.stream().flatMap(p -> p.resources().stream()).map(r -> r.getIdElement().getIdPart()).toList();
        }

        List<Resource> resources() {
            return pages.stream().flatMap(p -> p.resources().stream()).toList();
        }

        /** Ids returned more than once, each once. */
        List<String> duplicateIds() {
            Set<String> seen = new HashSet<>();
            List<String> duplicates = new ArrayList<>();
            for (String id : ids()) {
                if (!seen.add(id) && !duplicates.contains(id)) {
                    duplicates.add(id);
                }
            }
            return duplicates;
        }
    }

    /** Follows the search's cursors to the end. */
    Walk walk(String practice, String resourceType, List<SearchCriterion> criteria, int pageSize) {
        String query = SearchQueryFormat.query(resourceType, criteria);
        List<SearchPage> pages = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        Set<String> seenCursors = new HashSet<>();
        String cursor = null;
        do {
            SearchPage page = page(practice, resourceType, criteria, pageSize, cursor);
            pages.add(page);
            cursor = page.nextCursor();
            if (cursor != null) {
                if (!seenCursors.add(cursor)) {
                    throw new AssertionError("search " + query + " (page size " + pageSize + ", practice " + practice
                            + ") returned the next cursor '" + cursor + "' a second time, after page " + pages.size()
                            + ": following cursors would never end");
                }
                cursors.add(cursor);
            }
            if (pages.size() > MAX_PAGES) {
                throw new AssertionError("search " + query + " returned more than " + MAX_PAGES + " pages of at most "
                        + pageSize + ": the cursors never reach the last page");
            }
        } while (cursor != null);
        return new Walk(pages, cursors);
    }

    /** One page; failures are reported with the search. */
    SearchPage page(String practice, String resourceType, List<SearchCriterion> criteria, int pageSize, String cursor) {
        SearchRequest request = new SearchRequest(resourceType, criteria, pageSize, cursor);
        try {
            SearchPage page = adapter.search(context(practice), request);
            if (page == null) {
                throw new AssertionError(describe(request, practice) + " returned null instead of a SearchPage");
            }
            return page;
        } catch (AdapterException e) {
            throw new AssertionError(describe(request, practice) + " failed with AdapterException " + e.reason()
                    + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new AssertionError(describe(request, practice) + " threw " + e
                    + " (an adapter reports failures as AdapterException with a reason)", e);
        }
    }

    /** A read; failures are reported with the id. */
    Optional<Resource> read(String practice, String resourceType, String id) {
        try {
            Optional<Resource> found = adapter.read(context(practice), resourceType, id);
            if (found == null) {
                throw new AssertionError("read " + resourceType + "/" + id + " returned null instead of Optional.empty()");
            }
            return found;
        } catch (AdapterException e) {
            throw new AssertionError("read " + resourceType + "/" + id + " (practice " + practice
                    + ") failed with AdapterException " + e.reason() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new AssertionError("read " + resourceType + "/" + id + " (practice " + practice + ") threw " + e, e);
        }
    }

    static String describe(SearchRequest request, String practice) {
        return "search " + SearchQueryFormat.query(request.resourceType(), request.criteria()) + " (page size "
                + request.pageSize() + (request.cursor() == null ? "" : ", cursor '" + request.cursor() + "'")
                + ", practice " + practice + ")";
    }
}
