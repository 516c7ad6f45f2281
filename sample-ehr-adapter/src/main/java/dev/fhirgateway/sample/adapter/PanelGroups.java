package dev.fhirgateway.sample.adapter;

import dev.fhirgateway.spi.AdapterException;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchPage;
import dev.fhirgateway.spi.SearchParameterSupport;
import dev.fhirgateway.spi.SearchRequest;
import dev.fhirgateway.spi.SearchValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.jdbi.v3.core.Handle;

/**
 * Clinicians' panels as FHIR Groups, for bulk export ({@code Group/[id]/$export}): one Group per practitioner who is
 * on some patient's care team, its members the patients of those care teams. The EHR keeps no panel table; the panel
 * is what its care teams say, so a Group's {@code meta.lastUpdated} is its latest care team's {@code updated_at}.
 * Group ids are {@code panel-} and the practitioner's id. Searchable by {@code _id}; counted.
 */
final class PanelGroups {

    static final String TYPE = "Group";
    /** FHIR's own Group profile: US Core defines none (Bulk Data uses base Groups). */
    static final String PROFILE = "http://hl7.org/fhir/StructureDefinition/Group";
    static final String ID_PREFIX = "panel-";
    static final List<SearchParameterSupport> PARAMETERS = List.of(SearchParameterSupport.token("_id"));

    private static final String PANELS = " FROM practitioner pr"
            + " JOIN care_team_member m ON m.member_practitioner_id = pr.id"
            + " JOIN care_team ct ON ct.id = m.care_team_id"
            + " WHERE pr.practice_id = (SELECT x.id FROM practice x WHERE x.pin = :practice)"
            + " AND ct.practice_id = pr.practice_id";

    private PanelGroups() {
    }

    static Optional<Resource> read(Handle handle, String practice, String id) {
        if (!id.startsWith(ID_PREFIX)) {
            return Optional.empty();
        }
        List<Resource> found = page(handle, practice, List.of(id.substring(ID_PREFIX.length())), 0, 2).rows;
        return found.stream().findFirst();
    }

    static SearchPage search(Handle handle, String practice, SearchRequest request) {
        List<String> ids = practitionerIds(request);
        if (ids != null && ids.isEmpty()) {
            return SearchPage.last(List.of());
        }
        long after = request.cursorIfAny().map(c -> TableCursor.parse(c, 1).afterId()).orElse(0L);
        Page page = page(handle, practice, ids, after, request.pageSize() + 1);
        boolean more = page.rows.size() > request.pageSize();
        List<Resource> rows = more ? page.rows.subList(0, request.pageSize()) : page.rows;
        // Panels are one "table" for the cursor: t0.<practitioner id>.
        return new SearchPage(rows,
                more ? new TableCursor(0, page.keys.get(request.pageSize() - 1)).text() : null);
    }

    static long count(Handle handle, String practice, SearchRequest request) {
        List<String> ids = practitionerIds(request);
        if (ids != null && ids.isEmpty()) {
            return 0;
        }
        return handle.createQuery("SELECT COUNT(DISTINCT pr.id)" + PANELS
                        + (ids == null ? "" : " AND pr.public_id = ANY(:ids)"))
                .bind("practice", JdbcArguments.text(practice))
                .bind("ids", JdbcArguments.texts(ids == null ? List.of() : ids))
                .mapTo(Long.class).one();
    }

    private record Page(List<Resource> rows, List<Long> keys) {
    }

    /** The panels after internal id {@code after}, of the given practitioners (null: any), with their members. */
    private static Page page(Handle handle, String practice, List<String> practitionerIds, long after,
            int limit) {
        List<Map<String, Object>> panels = handle.createQuery("SELECT pr.id, pr.public_id, pr.family_name,"
                        + " pr.given_name, MAX(ct.updated_at) AS updated_at" + PANELS
                        + (practitionerIds == null ? "" : " AND pr.public_id = ANY(:ids)")
                        + " AND pr.id > :after GROUP BY pr.id, pr.public_id, pr.family_name, pr.given_name"
                        + " ORDER BY pr.id LIMIT :limit")
                .bind("practice", JdbcArguments.text(practice))
                .bind("ids", JdbcArguments.texts(practitionerIds == null ? List.of() : practitionerIds))
                .bind("after", JdbcArguments.number(after))
                .bind("limit", JdbcArguments.number(limit))
                .map(ColumnMapMapper.INSTANCE).list();
        if (panels.isEmpty()) {
            return new Page(List.of(), List.of());
        }
        List<Long> keys = panels.stream().map(r -> ((Number) r.get("id")).longValue()).toList();
        Map<Long, List<String>> members = new LinkedHashMap<>();
        handle.createQuery("SELECT DISTINCT m.member_practitioner_id AS practitioner, p.public_id"
                        + " FROM care_team_member m JOIN care_team ct ON ct.id = m.care_team_id"
                        + " JOIN patient p ON p.id = ct.patient_id"
                        + " WHERE m.member_practitioner_id = ANY(:keys) ORDER BY p.public_id")
                .bind("keys", JdbcArguments.longs(keys))
                .map(ColumnMapMapper.INSTANCE)
                .forEach(r -> members.computeIfAbsent(((Number) r.get("practitioner")).longValue(),
                        k -> new ArrayList<>()).add((String) r.get("public_id")));
        List<Resource> groups = new ArrayList<>();
        for (Map<String, Object> panel : panels) {
            long key = ((Number) panel.get("id")).longValue();
            Group group = new Group();
            String practitioner = (String) panel.get("public_id");
            group.setId(ID_PREFIX + practitioner);
            group.getMeta().addProfile(PROFILE);
            group.setType(Group.GroupType.PERSON);
            group.setActual(true);
            String given = (String) panel.get("given_name");
            group.setName("Panel of " + (given == null ? "" : given + " ") + panel.get("family_name"));
            group.setManagingEntity(new Reference("Practitioner/" + practitioner));
            List<String> patientIds = members.getOrDefault(key, List.of());
            patientIds.forEach(p -> group.addMember().setEntity(new Reference("Patient/" + p)));
            group.setQuantity(patientIds.size());
            groups.add(LastUpdated.apply(group, panel.get("updated_at")));
        }
        return new Page(groups, keys);
    }

    /** The practitioner ids the {@code _id} criteria allow (null: no {@code _id} criterion). */
    private static List<String> practitionerIds(SearchRequest request) {
        List<String> allowed = null;
        for (SearchCriterion c : request.criteria()) {
            if (!c.parameter().equals("_id")) {
                throw AdapterException.unsupportedSearch("Group has no search parameter '" + c.parameter()
                        + "' in this EHR");
            }
            List<String> these = new ArrayList<>();
            for (SearchValue v : c.anyOf()) {
                if (!(v instanceof SearchValue.Token t)) {
                    throw AdapterException.unsupportedSearch("parameter '_id' takes a token value");
                }
                if (t.code() != null && t.code().startsWith(ID_PREFIX) && (t.system() == null || t.system().isEmpty())) {
                    these.add(t.code().substring(ID_PREFIX.length()));
                }
            }
            if (allowed == null) {
                allowed = these;
            } else {
                allowed.retainAll(these);
            }
        }
        return allowed;
    }
}
