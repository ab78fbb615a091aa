package dev.chat.message.storage;

import dev.chat.message.config.MessageServiceConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PutObjectPresignRequest;

/**
 * All access to the object store that keeps attachments: one bucket of any S3 API (AWS S3,
 * MinIO, Ceph, S3Proxy locally), reached through the AWS SDK ({@code chat.media.s3.*}).
 *
 * <p>Attachment bytes never pass through the services: clients upload and download them with
 * pre-signed URLs, which this class signs without calling the store. The only calls it makes are
 * a HEAD (does an upload exist, and how large is it) and a DELETE; both block a worker thread,
 * never an event loop. An upload URL signs the content type and length, so the store itself
 * refuses a body of another size or type than the one the slot was given for.
 */
@Startup
@ApplicationScoped
public class ObjectStore {

    /** A pre-signed upload: the URL, the headers the client must send with it exactly, and its expiry. */
    public record SignedUpload(URL url, Map<String, String> headers, Instant expiresAt) {
    }

    private final S3Presigner presigner;
    private final S3Client client;
    private final String bucket;

    public ObjectStore(MessageServiceConfig config) {
        MessageServiceConfig.Media.S3 s3 = config.media().s3();
        this.bucket = s3.bucket();
        AwsCredentialsProvider credentials = s3.accessKeyId().isPresent() && s3.secretAccessKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKeyId().get(), s3.secretAccessKey().get()))
                : DefaultCredentialsProvider.builder().build();
        S3Configuration style = S3Configuration.builder().pathStyleAccessEnabled(s3.pathStyle()).build();
        S3Presigner.Builder presigner = S3Presigner.builder().region(Region.of(s3.region())).credentialsProvider(credentials)
                .serviceConfiguration(style);
        var client = S3Client.builder().region(Region.of(s3.region())).credentialsProvider(credentials)
                .serviceConfiguration(style).httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(5)).build());
        s3.endpoint().ifPresent(endpoint -> {
            presigner.endpointOverride(endpoint);
            client.endpointOverride(endpoint);
        });
        this.presigner = presigner.build();
        this.client = client.build();
    }

    /** A URL to PUT exactly {@code size} bytes of {@code contentType} to {@code key}, valid for {@code ttl}. */
    public SignedUpload signUpload(String key, String contentType, long size, Duration ttl) {
        PresignedPutObjectRequest signed = presigner.presignPutObject(PutObjectPresignRequest.builder().signatureDuration(ttl)
                .putObjectRequest(PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType)
                        .contentLength(size).build()).build());
        Map<String, String> headers = new TreeMap<>();
        signed.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name, String.join(",", values));
            }
        });
        return new SignedUpload(signed.url(), headers, signed.expiration());
    }

    /** A URL to GET {@code key}, valid for {@code ttl}. */
    public URL signDownload(String key, Duration ttl) {
        return presigner.presignGetObject(GetObjectPresignRequest.builder().signatureDuration(ttl)
                .getObjectRequest(GetObjectRequest.builder().bucket(bucket).key(key).build()).build()).url();
    }

    /** The size of the object at {@code key}; empty when there is none (not uploaded yet, or deleted). */
    public Uni<Optional<Long>> sizeOf(String key) {
        return blocking(() -> {
            try {
                return Optional.of(client.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build()).contentLength());
            } catch (NoSuchKeyException e) {
                return Optional.<Long>empty();
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return Optional.<Long>empty();
                }
                throw e;
            }
        });
    }

    /** Deletes the object at {@code key}; deleting one that is not there is no error. */
    public Uni<Void> delete(String key) {
        return blocking(() -> {
            client.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(key).build());
            return null;
        }).replaceWithVoid();
    }

    /** Runs {@code call} on a worker thread, and goes on on the caller's Vert.x context (its event loop) when it has one. */
    private static <T> Uni<T> blocking(Supplier<T> call) {
        Context caller = Vertx.currentContext();
        Uni<T> onWorker = Uni.createFrom().item(call).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return caller == null ? onWorker : onWorker.emitOn(command -> caller.runOnContext(ignored -> command.run()));
    }

    @PreDestroy
    void close() {
        presigner.close();
        client.close();
    }
}
