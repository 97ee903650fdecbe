package io.airsync.sync;

import io.airsync.airtable.BaseSchema;
import io.airsync.mapping.SyncMapping;
import io.airsync.mapping.TableMapping;
import io.airsync.report.RunReport;
import io.airsync.schema.SchemaGate;
import io.airsync.schema.SelectChoices;
import io.airsync.schema.TableFit;

/** Applies the schema gate's verdict on one mapped table, before any record is read. */
final class TableSchemaCheck {

    private TableSchemaCheck() {
    }

    /**
     * Fails the table ({@link TableFailure}) when the base does not fit it ({@link SchemaGate}: table, key field,
     * mapped and flag fields, types, link targets), reports the gate's warnings, and returns the select choices
     * Airtable has with what the mapping lets a new one do.
     */
    static SelectChoices check(SyncMapping mapping, TableMapping table, BaseSchema schema, String baseId,
            RunReport.TableReport report) {
        TableFit fit = SchemaGate.check(mapping, table, schema, baseId);
        report.warnings.addAll(fit.warnings());
        if (!fit.fits()) {
            report.missingAirtableFields.addAll(fit.missing());
            throw new TableFailure(fit.failure());
        }
        return new SelectChoices(table, fit);
    }
}
