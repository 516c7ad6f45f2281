package dev.fhirgateway.sample.adapter;

import com.zaxxer.hikari.pool.HikariPool;
import dev.fhirgateway.spi.AdapterException;
import dev.fhirgateway.spi.AdapterHealth;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.SearchPage;
import dev.fhirgateway.spi.SearchRequest;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import dev.fhirgateway.sample.adapter.resources.ServedTables;
import dev.fhirgateway.spi.SearchParameterSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the sample EHR's records as US Core resources, straight from its database: every table listed in
 * {@link ServedTables} (patients and their clinical records) and clinicians' panels ({@link PanelGroups}).
 *
 * <p>Every query is restricted to the practice the call is made for ({@link CallContext#practice()}, the
 * practice PIN); an unknown PIN finds nothing. Thread-safe: all state is in the connection pool.
 */
public final class SampleEhrAdapter implements EhrAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SampleEhrAdapter.class);
    /** The SQLSTATE of a cancelled statement (PostgreSQL; H2 throws it as an SQLTimeoutException). */
    private static final String QUERY_CANCELED = "57014";

    private final HikariPool pool;
    private final StatementDeadlines deadlines;
    private final DeadlineConnections connections;
    private final Jdbi jdbi;
    private final TableQueries tables = new TableQueries(ServedTables.all());

    SampleEhrAdapter(HikariPool pool, StatementDeadlines deadlines) {
        this.pool = pool;
        this.deadlines = deadlines;
        this.connections = new DeadlineConnections(pool);
        this.jdbi = Jdbi.create(connections);
    }

    /**
     * True: every wait of a call is bounded by its deadline (a pooled connection by {@link DeadlineConnections},
     * each statement by {@link StatementDeadlines}), so the gateway calls this adapter on the request's thread.
     */
    @Override
    public boolean keepsDeadlines() {
        return true;
    }

    @Override
    public List<ResourceSupport> supportedResources() {
        List<ResourceSupport> served = new ArrayList<>();
        served.add(new ResourceSupport(PanelGroups.TYPE, List.of(PanelGroups.PROFILE), PanelGroups.PARAMETERS));
        tables.tablesByType().forEach((type, typeTables) -> {
            Set<String> profiles = new LinkedHashSet<>();
            Map<String, SearchParameterSupport> parameters = new LinkedHashMap<>();
            for (ResourceTable table : typeTables) {
                profiles.addAll(table.profiles());
                table.search().parameters().forEach(p -> parameters.putIfAbsent(p.name(), p));
            }
            served.add(new ResourceSupport(type, List.copyOf(profiles), List.copyOf(parameters.values())));
        });
        return served;
    }

    @Override
    public Optional<Resource> read(CallContext context, String resourceType, String id) {
        if (tables.serves(resourceType)) {
            return query(context, handle -> tables.read(handle, context.practice(),
                    resourceType, id));
        }
        if (PanelGroups.TYPE.equals(resourceType)) {
            return query(context, handle -> PanelGroups.read(handle, context.practice(), id));
        }
        return Optional.empty();
    }

    @Override
    public SearchPage search(CallContext context, SearchRequest request) {
        if (tables.serves(request.resourceType())) {
            long started = System.nanoTime();
            SearchPage page = query(context, handle -> tables.search(handle, context.practice(),
                    request));
            LOG.debug("request {}: {} search with {} criteria returned {} resources in {} ms", context.requestId(),
                    request.resourceType(), request.criteria().size(), page.resources().size(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return page;
        }
        if (PanelGroups.TYPE.equals(request.resourceType())) {
            return query(context, handle -> PanelGroups.search(handle, context.practice(),
                    request));
        }
        throw AdapterException.unsupportedSearch(
                "resource type " + request.resourceType() + " is not served by the sample EHR");
    }

    @Override
    public boolean canCount(String resourceType) {
        // One COUNT per table of the type, on the same indexed conditions as the search.
        return PanelGroups.TYPE.equals(resourceType) || tables.serves(resourceType);
    }

    @Override
    public long count(CallContext context, SearchRequest request) {
        if (tables.serves(request.resourceType())) {
            return query(context, handle -> tables.count(handle, context.practice(),
                    request));
        }
        if (PanelGroups.TYPE.equals(request.resourceType())) {
            return query(context, handle -> PanelGroups.count(handle, context.practice(),
                    request));
        }
        throw AdapterException.unsupportedSearch(
                "resource type " + request.resourceType() + " is not served by the sample EHR");
    }

    @Override
    public AdapterHealth health() {
        try {
            jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
            return AdapterHealth.ok();
        } catch (JdbiException e) {
            LOG.warn("sample EHR database health check failed", e);
            return AdapterHealth.unhealthy("sample EHR database unreachable");
        }
    }

    @Override
    public void close() {
        deadlines.close();
        try {
            pool.shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PluginJdbcDrivers.deregisterLoadedBy(SampleEhrAdapter.class.getClassLoader());
    }

    /**
     * Runs a query within the call's deadline, turning database failures into the adapter exceptions the gateway
     * maps to HTTP.
     */
    private <T> T query(CallContext context, HandleCallback<T, RuntimeException> callback) {
        long deadlineNanos = deadlineNanos(context);
        try {
            return connections.until(deadlineNanos, () -> jdbi.withHandle(handle -> {
                deadlines.apply(handle, deadlineNanos);
                return callback.withHandle(handle);
            }));
        } catch (JdbiException e) {
            if (isTimeout(e)) {
                throw AdapterException.timeout("the sample EHR database did not answer in time", e);
            }
            LOG.warn("request {}: sample EHR database query failed", context.requestId(), e);
            throw AdapterException.unavailable("the sample EHR database failed to answer", e);
        }
    }

    /**
     * The call's deadline on the {@link System#nanoTime()} scale, which the statements and the connection wait
     * are measured on.
     *
     * @throws AdapterException {@link AdapterException.Reason#TIMEOUT} when the deadline has already passed
     */
    private static long deadlineNanos(CallContext context) {
        long nanosLeft = Duration.between(Instant.now(), context.deadline()).toNanos();
        if (nanosLeft <= 0) {
            throw AdapterException.timeout("the call's deadline passed before the sample EHR was asked", null);
        }
        return System.nanoTime() + nanosLeft;
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // SQLTransientConnectionException: no pooled connection came free in time (a burst), not an outage.
            if (t instanceof SQLTimeoutException || t instanceof SQLTransientConnectionException
                    || (t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
