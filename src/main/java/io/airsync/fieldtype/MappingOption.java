package io.airsync.fieldtype;

/** Per-field mapping keys that apply to some field types only (see {@link WritableFieldType#mappingOptions}). */
public enum MappingOption {
    PRECISION("precision"),
    SEPARATOR("separator"),
    PERCENT_SCALE("percentScale"),
    LINK("link"),
    OPTIONS("options");

    private final String key;

    MappingOption(String key) {
        this.key = key;
    }

    /** The key as written in the mapping YAML. */
    public String key() {
        return key;
    }
}
