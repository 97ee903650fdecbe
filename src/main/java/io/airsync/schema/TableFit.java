package io.airsync.schema;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one Airtable table fits its table mapping: what is missing, what Airtable would refuse (either fails the
 * table before anything is written), what is doubtful but workable (warnings), and the select choices it offers.
 *
 * @param airtableTable the Airtable table's name as the mapping gives it (or as the base names it, when found)
 * @param tableMissing  why the table itself is not there, or null
 * @param missing       mapped fields missing in Airtable ("Name", "Mongo ID (key field)")
 * @param incompatible  why Airtable would refuse the values of a field, one reason each
 * @param warnings      pairings that work but deserve a look (types that differ, precision)
 * @param choices       select choices Airtable has, by mapped field name (select fields only)
 */
public record TableFit(String airtableTable, String tableMissing, List<String> missing, List<String> incompatible,
                       List<String> warnings, Map<String, Set<String>> choices) {

    /** The table can be synced (warnings aside). */
    public boolean fits() {
        return tableMissing == null && missing.isEmpty() && incompatible.isEmpty();
    }

    /** Why the table cannot be synced, as the run reports it; null when it fits. */
    public String failure() {
        if (tableMissing != null) {
            return tableMissing;
        }
        if (!missing.isEmpty()) {
            return "mapped field" + (missing.size() > 1 ? "s" : "") + " missing in Airtable table '" + airtableTable
                    + "': " + String.join(", ", missing);
        }
        if (!incompatible.isEmpty()) {
            return String.join("; ", incompatible) + " in Airtable table '" + airtableTable
                    + "': Airtable would refuse the values (retyped? fix the field or the mapping)";
        }
        return null;
    }
}
