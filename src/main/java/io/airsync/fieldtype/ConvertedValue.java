package io.airsync.fieldtype;

/**
 * The result of converting one source value for one Airtable field.
 *
 * <ul>
 *   <li>{@link Status#OK}: {@code value} is what to send to Airtable: a {@code String} (text, select, date as
 *       {@code YYYY-MM-DD}, dateTime as {@code 2024-01-05T10:00:00.000Z}), a {@code BigDecimal} (number, currency,
 *       percent: plain, never an exponent), a {@code Boolean} (checkbox) or a {@code List<String>} (multiple selects;
 *       for links the target documents' keys, which the engine turns into record IDs). A {@code null} value means
 *       the source holds an explicit empty value (blank text, empty array): the cell is cleared whatever the
 *       field's {@code onNull}.</li>
 *   <li>{@link Status#ABSENT}: the source value is null or missing; the field's {@code onNull} decides.</li>
 *   <li>{@link Status#ERROR}: the value cannot go into this field; {@code error} says why. Nothing is written for
 *       this field.</li>
 * </ul>
 *
 * @param truncated               text was cut to Airtable's 100,000 characters
 * @param controlCharactersRemoved control characters (NUL and the other C0 codes except tab and newline) or broken
 *                                UTF-16 surrogates were removed from text
 */
public record ConvertedValue(Status status, Object value, String error, boolean truncated,
                             boolean controlCharactersRemoved) {

    public enum Status { OK, ABSENT, ERROR }

    private static final ConvertedValue ABSENT = new ConvertedValue(Status.ABSENT, null, null, false, false);
    private static final ConvertedValue CLEARED = new ConvertedValue(Status.OK, null, null, false, false);

    public static ConvertedValue ok(Object value) {
        return value == null ? CLEARED : new ConvertedValue(Status.OK, value, null, false, false);
    }

    /** An explicit empty value: the cell is emptied. */
    public static ConvertedValue cleared() {
        return CLEARED;
    }

    public static ConvertedValue absent() {
        return ABSENT;
    }

    public static ConvertedValue error(String reason) {
        return new ConvertedValue(Status.ERROR, null, reason, false, false);
    }

    ConvertedValue withTextFlags(boolean truncated, boolean controlCharactersRemoved) {
        if (!truncated && !controlCharactersRemoved) {
            return this;
        }
        return new ConvertedValue(status, value, error, this.truncated || truncated,
                this.controlCharactersRemoved || controlCharactersRemoved);
    }

    public boolean isOk() {
        return status == Status.OK;
    }

    public boolean isAbsent() {
        return status == Status.ABSENT;
    }

    public boolean isError() {
        return status == Status.ERROR;
    }
}
