package io.airsync.mapping;

import java.util.List;
import java.util.Optional;

/**
 * One synced table.
 *
 * @param name          the name operators use (payload {@code tables}, reports, state)
 * @param airtableTable the Airtable table name or {@code tbl} ID
 * @param source        the MongoDB source
 * @param keyField      the Airtable field that holds the MongoDB {@code _id} as hex; creates upsert on it
 * @param naturalKey    optional; adopts Airtable rows that have no key yet
 * @param mirror        what happens to records whose source is gone
 * @param fields        the mapped fields, in a stable order (state and hashes are aligned with it)
 */
public record TableMapping(
        String name,
        String airtableTable,
        SourceSpec source,
        String keyField,
        NaturalKey naturalKey,
        Mirror mirror,
        List<FieldMapping> fields) {

    public Optional<FieldMapping> field(String airtableName) {
        return fields.stream().filter(f -> f.airtable().equals(airtableName)).findFirst();
    }

    public int indexOf(String airtableName) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).airtable().equals(airtableName)) {
                return i;
            }
        }
        return -1;
    }
}
