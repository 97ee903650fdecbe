package io.airsync.secrets;

import java.util.Objects;

/**
 * Where a secret lives, parsed from a setting such as {@code airsync.airtable.token-secret}:
 * <ul>
 * <li>{@code ssm:/airsync/airtable-token}: SSM Parameter Store, read with decryption (SecureString);</li>
 * <li>{@code arn:aws:ssm:<region>:<account>:parameter/...}: the same, by ARN;</li>
 * <li>anything else: a Secrets Manager secret, by name or ARN ({@code SecretString});</li>
 * <li>any of these followed by {@code #key}: the value is a JSON object and {@code key} is the member to use.</li>
 * </ul>
 * Secret names and parameter names cannot contain {@code #}, so the split is unambiguous.
 */
public record SecretReference(Service service, String id, String jsonKey) {

    public enum Service {
        SECRETS_MANAGER, SSM
    }

    public SecretReference {
        Objects.requireNonNull(service);
        Objects.requireNonNull(id);
    }

    public static SecretReference parse(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("An empty secret reference");
        }
        String s = reference.strip();
        String jsonKey = null;
        int hash = s.lastIndexOf('#');
        if (hash >= 0) {
            jsonKey = s.substring(hash + 1).strip();
            s = s.substring(0, hash).strip();
            if (jsonKey.isEmpty()) {
                jsonKey = null;
            }
        }
        if (s.startsWith("ssm:")) {
            String name = s.substring("ssm:".length()).strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("The secret reference '" + reference + "' names no SSM parameter");
            }
            return new SecretReference(Service.SSM, name, jsonKey);
        }
        if (s.startsWith("arn:") && s.contains(":ssm:")) {
            return new SecretReference(Service.SSM, s, jsonKey);
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("The secret reference '" + reference + "' names no secret");
        }
        return new SecretReference(Service.SECRETS_MANAGER, s, jsonKey);
    }

    /** The reference as written (it names the secret; it is not the secret). */
    @Override
    public String toString() {
        return (service == Service.SSM && !id.startsWith("arn:") ? "ssm:" : "") + id
                + (jsonKey == null ? "" : "#" + jsonKey);
    }
}
