package io.airsync.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airsync.testing.lambda.PackagedFunction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The package this build made is labelled the way Terraform reads it (terraform/function.tf): the zip is named after
 * its kind, and the manifest beside it names the kind, the architecture and the zip's SHA-256, which match the zip.
 * Terraform's preconditions on these are tested with the mocked provider (terraform/tests); this checks that the real
 * build writes what they read. Runs with the integration tests, after the package exists.
 */
class FunctionPackageIT {

    @Test
    void theZipIsNamedAfterItsKindAndItsManifestDescribesIt() throws IOException, NoSuchAlgorithmException {
        String kind = PackagedFunction.kind();
        Path zip = Path.of("target", "function-" + kind + ".zip");
        Path manifestFile = Path.of("target", "function-" + kind + ".json");
        assertTrue(Files.exists(zip), "the build made no " + zip);
        assertTrue(Files.exists(manifestFile), "the build wrote no manifest " + manifestFile);
        assertTrue(Files.notExists(Path.of("target", "function.zip")), "no unlabelled target/function.zip is left");

        JsonNode manifest = new ObjectMapper().readTree(manifestFile.toFile());
        assertEquals(Set.of("runtime", "architecture", "sha256"), fieldNames(manifest));
        assertEquals(kind, manifest.path("runtime").asText());
        String arch = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "x86_64";
        assertEquals(arch, manifest.path("architecture").asText());
        assertEquals(sha256(zip), manifest.path("sha256").asText(), "the manifest's SHA-256 is the zip's");

        // Terraform's default package path is exactly these names, per runtime.
        assertEquals("${coalesce(var.package_path, \"../target/function-${var.runtime}.zip\")}",
                TerraformModule.load().local("package_path").asText());

        try (ZipFile contents = new ZipFile(zip.toFile())) {
            if (kind.equals("native")) {
                assertTrue(contents.getEntry("bootstrap") != null, "a native zip holds the bootstrap executable");
            } else {
                assertTrue(contents.getEntry("io/airsync/lambda/AirsyncHandler.class") != null,
                        "a JVM zip holds the classes");
                assertTrue(contents.stream().anyMatch(e -> e.getName().startsWith("lib/")), "and lib/");
                assertTrue(contents.getEntry("bootstrap") == null, "and no native bootstrap");
            }
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
