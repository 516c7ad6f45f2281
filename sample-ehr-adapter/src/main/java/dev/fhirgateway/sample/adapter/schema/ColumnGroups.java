package dev.fhirgateway.sample.adapter.schema;

/**
 * The suffixes of column groups: one value kept in several columns named {@code <prefix><suffix>}. The tables'
 * classes name a group by its prefix (e.g. {@link AllergyColumns#ALLERGEN}); the importer writes the group's columns
 * and the adapter reads them with these suffixes.
 *
 * <ul>
 *   <li>coded: {@link #SYSTEM}, {@link #CODE}, {@link #DISPLAY} and (mostly) {@link #TEXT}: the first coding and the
 *       text of a concept; further codings are {@code additional_code} rows ({@link AdditionalCodeColumns})</li>
 *   <li>status: the code in the column named by the prefix itself, with {@link #DISPLAY} and {@link #TEXT}</li>
 *   <li>clinical time: {@link #TEXT} (as written) and its range {@link #LOCAL_START}, {@link #LOCAL_END},
 *       {@link #UTC_START}, {@link #UTC_END} (see {@code V4__clinical_record_foundation.sql})</li>
 *   <li>time or period: {@link #IS_PERIOD}, and the clinical times {@link #START} and {@link #END}</li>
 *   <li>quantity: {@link #VALUE}, {@link #DECIMALS} (as written), {@link #UNIT}, {@link #SYSTEM}, {@link #CODE}</li>
 *   <li>identifier: {@link #SYSTEM}, {@link #VALUE}</li>
 *   <li>a searchable string column has its normalized copy in {@code <column>}{@link #NORM}</li>
 * </ul>
 */
public final class ColumnGroups {

    public static final String SYSTEM = "_system";
    public static final String CODE = "_code";
    public static final String DISPLAY = "_display";
    public static final String TEXT = "_text";

    public static final String LOCAL_START = "_local_start";
    public static final String LOCAL_END = "_local_end";
    public static final String UTC_START = "_utc_start";
    public static final String UTC_END = "_utc_end";

    public static final String IS_PERIOD = "_is_period";
    public static final String START = "_start";
    public static final String END = "_end";

    public static final String VALUE = "_value";
    public static final String DECIMALS = "_decimals";
    public static final String UNIT = "_unit";

    public static final String NORM = "_norm";

    private ColumnGroups() {
    }
}
