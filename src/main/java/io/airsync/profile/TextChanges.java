package io.airsync.profile;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What conversion changed in one text field's values in one run, by record count.
 *
 * @param controlCharactersRemoved values whose NUL and other control characters were removed
 * @param truncated                values cut to Airtable's 100,000 characters
 * @param arraysJoined             arrays of several values joined into one cell
 */
@RegisterForReflection
public record TextChanges(String field, long controlCharactersRemoved, long truncated, long arraysJoined) {

    public boolean any() {
        return controlCharactersRemoved + truncated + arraysJoined > 0;
    }
}
