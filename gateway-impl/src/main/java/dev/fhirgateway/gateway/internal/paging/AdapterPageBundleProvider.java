package dev.fhirgateway.gateway.internal.paging;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.method.ResponsePage;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.InstantType;

/**
 * One page of adapter results, as HAPI's named-page paging expects it: HAPI asks for the current page's
 * resources and builds the {@code next} link from {@link #getNextPageId()} (a sealed {@link PageToken}).
 *
 * <p>{@link #size()} is the number of matches when the adapter counted them ({@code Bundle.total}), else null.
 */
public final class AdapterPageBundleProvider implements IBundleProvider {

    private final String uuid = UUID.randomUUID().toString();
    private final InstantType published = InstantType.now();
    private final List<IBaseResource> resources;
    private final String currentPageId;
    private final String nextPageId;
    private final Integer total;

    /**
     * @param resources the page's resources
     * @param currentPageId a non-blank id of this page (HAPI uses named-page links only when it is set)
     * @param nextPageId the sealed token of the next page, or null on the last page
     */
    public AdapterPageBundleProvider(List<? extends IBaseResource> resources, String currentPageId, String nextPageId) {
        this(resources, currentPageId, nextPageId, null);
    }

    /** @param total the number of matches of the whole search, or null when unknown */
    public AdapterPageBundleProvider(List<? extends IBaseResource> resources, String currentPageId, String nextPageId,
            Long total) {
        this.total = total == null ? null : (int) Math.min(Integer.MAX_VALUE, total);
        this.resources = List.copyOf(resources);
        this.currentPageId = currentPageId;
        this.nextPageId = nextPageId;
    }

    @Override
    public IPrimitiveType<Date> getPublished() {
        return published;
    }

    /** The whole page, whatever range HAPI asks for: the page size was applied by the adapter. */
    @Override
    public List<IBaseResource> getResources(int fromIndex, int toIndex, ResponsePage.ResponsePageBuilder builder) {
        return new ArrayList<>(resources);
    }

    @Override
    public String getUuid() {
        return uuid;
    }

    @Override
    public Integer preferredPageSize() {
        return null;
    }

    @Override
    public Integer size() {
        return total;
    }

    @Override
    public String getCurrentPageId() {
        return currentPageId;
    }

    @Override
    public String getNextPageId() {
        return nextPageId;
    }
}
