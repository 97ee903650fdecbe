package io.airsync.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;

/**
 * Reads the declarative mapping (YAML) and validates it completely before anything is synced: every problem in the
 * file is reported at once, in one {@link MappingException} whose lines each name the file, line, table and field.
 *
 * <p>Stateless and thread-safe. {@code s3://} locations are fetched by the caller, which hands the text to
 * {@link #parse(String, String)}.
 */
public final class MappingLoader {

    public static final String CLASSPATH_PREFIX = "classpath:";
    /** The mapping shipped in the jar. */
    public static final String DEFAULT_LOCATION = "classpath:mapping/default-mapping.yaml";

    /** Loads {@code classpath:...} or a file path. */
    public SyncMapping load(String location) {
        return parse(location, read(location));
    }

    /**
     * Parses and validates mapping text.
     *
     * @param origin where the text came from: named in every error
     */
    public SyncMapping parse(String origin, String yamlText) {
        return new MappingReader(origin).read(yamlText);
    }

    /** The text at a {@code classpath:} location or file path. */
    public static String read(String location) {
        if (location == null || location.isBlank()) {
            throw new MappingException("No mapping location given (set airsync.mapping.location)");
        }
        if (location.startsWith("s3://")) {
            throw new MappingException("Mapping " + location + ": S3 locations are read by the caller and passed to "
                    + "MappingLoader.parse");
        }
        if (location.startsWith(CLASSPATH_PREFIX)) {
            String resource = location.substring(CLASSPATH_PREFIX.length()).replaceFirst("^/+", "");
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            InputStream in = cl == null ? null : cl.getResourceAsStream(resource);
            if (in == null) {
                in = MappingLoader.class.getClassLoader().getResourceAsStream(resource);
            }
            if (in == null) {
                throw new MappingException("Mapping " + location + " not found on the classpath");
            }
            try (InputStream stream = in) {
                return decode(location, stream.readAllBytes());
            } catch (IOException e) {
                throw new MappingException("Mapping " + location + " could not be read: " + e.getMessage(), e);
            }
        }
        Path path = Path.of(location);
        try {
            return decode(location, Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            throw new MappingException("Mapping file " + path.toAbsolutePath() + " does not exist", e);
        } catch (IOException e) {
            throw new MappingException("Mapping file " + path.toAbsolutePath() + " could not be read: " + e, e);
        }
    }

    private static String decode(String location, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MappingException("Mapping " + location + " is not UTF-8 text", e);
        }
    }
}
