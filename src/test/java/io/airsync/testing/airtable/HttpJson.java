package io.airsync.testing.airtable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Minimal JSON-over-HTTP client for the emulator's own tests (java.net.http, bearer token). */
final class HttpJson {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String root;
    private volatile String token;
    private volatile Duration timeout = Duration.ofSeconds(20);

    HttpJson(String root, String token) {
        this.root = root;
        this.token = token;
    }

    HttpJson token(String token) {
        this.token = token;
        return this;
    }

    HttpJson timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** A response: status, raw text and parsed JSON. */
    record Response(int status, String text, Object json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map() {
            return (Map<String, Object>) json;
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> records() {
            return (List<Map<String, Object>>) map().get("records");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> fields() {
            return (Map<String, Object>) map().get("fields");
        }

        /** error.type of {"error":{"type":...}}, or the string of {"error":"NOT_FOUND"}, or errors[0].error. */
        @SuppressWarnings("unchecked")
        String errorType() {
            if (!(json instanceof Map<?, ?> m)) {
                return null;
            }
            Object error = m.get("error");
            if (error instanceof Map<?, ?> e) {
                return (String) e.get("type");
            }
            if (error instanceof String s) {
                return s;
            }
            if (m.get("errors") instanceof List<?> l && !l.isEmpty()) {
                return (String) ((Map<String, Object>) l.get(0)).get("error");
            }
            return null;
        }

        @SuppressWarnings("unchecked")
        String errorMessage() {
            return json instanceof Map<?, ?> m && m.get("error") instanceof Map<?, ?> e ? (String) e.get("message") : null;
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    Response get(String path) {
        return send("GET", path, null);
    }

    Response post(String path, Object body) {
        return send("POST", path, body);
    }

    Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** Sends a request; {@code body} is a JSON string or a value serialised to JSON. Throws on transport failure. */
    Response send(String method, String path, Object body) {
        try {
            return sendOrThrow(method, path, body);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e, e);
        }
    }

    Response sendOrThrow(String method, String path, Object body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root + path)).timeout(timeout);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        String text = body == null ? null : body instanceof String s ? s : Json.writeString(body);
        if (text != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            Object json;
            try {
                json = r.body().isEmpty() ? null : Json.parse(r.body());
            } catch (IOException notJson) {
                json = null;
            }
            return new Response(r.statusCode(), r.body(), json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
