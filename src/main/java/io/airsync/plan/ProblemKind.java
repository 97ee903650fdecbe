package io.airsync.plan;

/**
 * What went wrong with one field of one source record, as conversion and planning decide it. The report shows the
 * name ({@code LINK_TARGET_MISSING}...); {@link #tally()} says which of the table's counters it adds to.
 */
public enum ProblemKind {
    /** A value that cannot be converted to its Airtable type: the record fails. */
    CONVERSION(Tally.NONE),
    /** Text cut at Airtable's cell limit: the record is written. */
    TEXT_TRUNCATED(Tally.TRUNCATED),
    /** A link whose target record is unknown: the link is left empty, the record is written. */
    LINK_TARGET_MISSING(Tally.LINK),
    /** Two source documents share a natural key: both are synced as separate records. */
    DUPLICATE_NATURAL_KEY(Tally.DUPLICATE),
    /** Several Airtable rows without a key share the natural key: none adopted. */
    AMBIGUOUS_NATURAL_KEY(Tally.DUPLICATE),
    /** A strict field's value on the other percent scale ({@code io.airsync.profile.ValueKind}): the record fails. */
    STRICT_PERCENT_SCALE(Tally.NONE),
    /** A strict field's value with decimals into precision 0: the record fails. */
    STRICT_DECIMALS_LOST(Tally.NONE),
    /** A strict field's date far from the others (not judged per record today; kept for the name). */
    STRICT_DATE_OUTLIER(Tally.NONE),
    /** A strict e-mail, phone or URL field whose text has not that shape: the record fails. */
    STRICT_TEXT_SHAPE(Tally.NONE),
    /** A strict text field fed an array of several values: the record fails. */
    STRICT_ARRAY_JOINED(Tally.NONE);

    /** The table counter a problem adds to, besides being listed. */
    public enum Tally { NONE, TRUNCATED, LINK, DUPLICATE }

    private final Tally tally;

    ProblemKind(Tally tally) {
        this.tally = tally;
    }

    public Tally tally() {
        return tally;
    }
}
