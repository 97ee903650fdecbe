package io.airsync.airtable;

/** The Airtable Web API's fixed limits; nothing else in Airsync repeats these numbers. */
public final class AirtableLimits {
    /** Records per create / update / upsert / delete request. */
    public static final int MAX_RECORDS_PER_WRITE = 10;
    /** Records per list page. */
    public static final int MAX_PAGE_SIZE = 100;
    /** Longest GET URL; a longer list request goes as POST .../listRecords. */
    public static final int MAX_URL_LENGTH = 16_000;
    /** Longest text a cell holds. */
    public static final int MAX_TEXT_LENGTH = 100_000;
    /** Fields an upsert may merge on. */
    public static final int MAX_MERGE_FIELDS = 3;

    private AirtableLimits() {
    }
}
