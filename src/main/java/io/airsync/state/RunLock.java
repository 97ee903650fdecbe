package io.airsync.state;

import java.time.Instant;

/**
 * The single-flight lock as its holder took it.
 *
 * @param owner      the invocation holding it (a new id per invocation)
 * @param runId      the run it works on (the owner's own id, or the id of the checkpointed run it continues)
 * @param acquiredAt when the holder took it (renewals keep it)
 * @param expiresAt  the end of the current lease, in whole seconds: held through that second
 */
public record RunLock(String owner, String runId, Instant acquiredAt, Instant expiresAt) {

    /** A lock taken by {@code owner} for its own run. */
    public RunLock(String owner, Instant expiresAt) {
        this(owner, owner, null, expiresAt);
    }

    /** The same lock, now working on {@code runId} (a continued run). */
    public RunLock forRun(String runId) {
        return new RunLock(owner, runId, acquiredAt, expiresAt);
    }
}
