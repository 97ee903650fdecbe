package io.airsync.testing.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Tiny handlers for driving AWS's runtime client in tests without the packaged function. */
public final class ProbeHandlers {

    private ProbeHandlers() {
    }

    /** Answers each invocation with its own payload. */
    public static final class Echo implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            input.transferTo(output);
        }
    }

    /** Dies on its first invocation, the way a killed or crashed function does: no answer, exit code 7. */
    public static final class Dying implements RequestStreamHandler {
        public static final int EXIT_CODE = 7;

        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) {
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }
}
