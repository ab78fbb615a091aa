package dev.chat.message.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of message-service ({@code chat.*}), each default set here and only here (README,
 * Configuration). The settings every service shares are service-support's: {@code chat.startup.*},
 * {@code chat.internal.*}, {@code chat.tls.*}, {@code chat.health.kafka.*}.
 */
@ConfigMapping(prefix = "chat")
public interface MessageServiceConfig {

    Devices devices();

    Events events();

    Groups groups();

    Blocks blocks();

    Actions actions();

    Media media();

    /** Device lists and the rows of devices (DeviceDirectory, UnclaimedMessages). */
    interface Devices {

        /** A cached device list older than this is served once more while it is re-read in the background. */
        @WithDefault("60s")
        Duration cacheRefresh();

        /** A cached device list older than this is re-read before it is used. */
        @WithDefault("10m")
        Duration cacheTtl();

        /** The most often one instance rewrites a connecting device's row (it lives 60 days). */
        @WithDefault("1h")
        Duration refreshInterval();

        /** The longest one catch-up request spends moving a user's unclaimed messages to the device. */
        @WithDefault("2s")
        Duration claimBudget();
    }

    /** Publishing events to Kafka (EventPublisher). */
    interface Events {

        /** After this long without Kafka's acknowledgement an event fails its request. */
        @WithDefault("15s")
        Duration deliveryTimeout();

        /** How long the producer waits to fill a batch; 0: it sends at once (docs/benchmarks.md). */
        @WithDefault("0ms")
        Duration linger();
    }

    /** Group chats (GroupService). */
    interface Groups {

        /** The most members of a group, the creator included. */
        @WithDefault("1024")
        int maxMembers();
    }

    /** Edits and deletions of sent messages (MessageActions). */
    interface Actions {

        /** How long after sending its author may edit a message (WhatsApp: 15 minutes). */
        @WithDefault("15m")
        Duration editWindow();

        /** How long after sending a message may be deleted for everyone, by its author or a group admin. */
        @WithDefault("48h")
        Duration deleteWindow();
    }

    /** Attachments in an S3-compatible object store (Attachments, ObjectStore). */
    interface Media {

        S3 s3();

        /** The largest attachment, in bytes (100 MiB). */
        @WithDefault("104857600")
        long maxSize();

        /**
         * The content types an attachment may have: {@code type/subtype}, or {@code type/*} for
         * every subtype of a type.
         */
        @WithDefault("image/*,video/*,audio/*,application/*,text/plain")
        List<String> contentTypes();

        /** How long a pre-signed upload URL stays valid. */
        @WithDefault("15m")
        Duration uploadUrlTtl();

        /** How long a pre-signed download URL stays valid. */
        @WithDefault("5m")
        Duration downloadUrlTtl();

        /** An upload no message has carried this long after its slot was handed out is deleted. */
        @WithDefault("24h")
        Duration unreferencedTtl();

        /** How often each instance looks for such uploads (AttachmentSweeper). */
        @WithDefault("10m")
        Duration sweepInterval();

        /** The object store and its bucket: AWS S3, MinIO, Ceph or any S3 API. */
        interface S3 {

            /** The S3 API's URL; absent: AWS S3 of {@link #region()}. */
            Optional<URI> endpoint();

            @WithDefault("us-east-1")
            String region();

            /** The bucket attachments are kept in (created by whoever runs the store; the local stack makes its own). */
            @WithDefault("chat-media")
            String bucket();

            /** Path-style requests ({@code <endpoint>/<bucket>/<key>}), as MinIO, Ceph and S3Proxy want; virtual hosts otherwise. */
            @WithDefault("false")
            boolean pathStyle();

            /** A static key pair; absent: the SDK's default chain (environment, web identity, instance profile). */
            Optional<String> accessKeyId();

            Optional<String> secretAccessKey();
        }
    }

    /** Blocking (Blocks). */
    interface Blocks {

        /** The most users one user may have blocked at a time. */
        @WithDefault("10000")
        int maxPerUser();

        /**
         * Safety net for a lost announcement: a cached block list older than this is served once
         * more while it is re-read in the background.
         */
        @WithDefault("60s")
        Duration cacheRefresh();

        /** A cached block list older than this is re-read before it is used. */
        @WithDefault("10m")
        Duration cacheTtl();
    }
}
