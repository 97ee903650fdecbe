package io.airsync.state;

import java.time.Duration;
import java.time.Instant;

/** The lock's lease rules, shared by both stores: expiry in whole epoch seconds, as DynamoDB's TTL attribute has it. */
final class LockLease {

    private LockLease() {
    }

    static void require(String owner, Duration lease) {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("A lock owner is required");
        }
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("The lock lease must be positive, not " + lease);
        }
    }

    /** {@code now + lease}, rounded up to the second. */
    static Instant expiryOf(Instant now, Duration lease) {
        Instant exact = now.plus(lease);
        return Instant.ofEpochSecond(exact.getEpochSecond() + (exact.getNano() > 0 ? 1 : 0));
    }

    /** A lock is held through its expiry second and free from the next one ({@code expiresAt < now}). */
    static boolean isExpired(RunLock lock, Instant now) {
        return lock.expiresAt().getEpochSecond() < now.getEpochSecond();
    }
}
