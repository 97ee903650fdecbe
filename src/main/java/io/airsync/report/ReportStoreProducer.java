package io.airsync.report;

import io.airsync.config.AirsyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Chooses the report store: S3 when {@code airsync.report.bucket} is set, else files under {@code airsync.local.dir}.
 * The S3 client is looked up only on first use, so a local run needs no AWS.
 */
@Singleton
public class ReportStoreProducer {

    @Produces
    @ApplicationScoped
    ReportStore reportStore(AirsyncConfig config, Instance<S3Client> s3) {
        return create(config, s3::get);
    }

    public static ReportStore create(AirsyncConfig config, Supplier<S3Client> s3) {
        String prefix = config.report().prefix();
        return config.report().bucket()
                .map(String::strip)
                .filter(bucket -> !bucket.isEmpty())
                .<ReportStore>map(bucket -> new S3ReportStore(s3, bucket, prefix))
                .orElseGet(() -> new FileReportStore(config.local().dir(), prefix));
    }
}
