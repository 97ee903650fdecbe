package io.airsync.state;

import java.time.Instant;

/** A held single-flight lock. */
public record RunLock(String owner, Instant expiresAt) {
}
