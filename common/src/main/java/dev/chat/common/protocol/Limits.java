package dev.chat.common.protocol;

/** The documented limits of the socket protocol. */
public final class Limits {

    /** Characters of one message body. */
    public static final int MAX_BODY_CHARS = 4096;
    /** Characters (code points) of one reaction: one emoji, with its modifiers and joiners. */
    public static final int MAX_REACTION_CHARS = 16;
    /** Characters of an attachment's inline thumbnail (base64), about 12 KiB of image. */
    public static final int MAX_THUMBNAIL_CHARS = 16_384;
    /** Characters of a client message id. */
    public static final int MAX_CLIENT_ID_CHARS = 64;
    /** Message ids in one {@code delivered} frame. */
    public static final int MAX_IDS_PER_RECEIPT = 100;
    /** Bytes of one WebSocket message; a larger one closes the socket with 1009. */
    public static final int MAX_FRAME_BYTES = 65_536;
    /** Frames a connection may send per second, sustained (a token bucket). */
    public static final int FRAMES_PER_SECOND = 50;
    /** Frames a connection may send in a burst. */
    public static final int FRAME_BURST = 100;
    /** Frames refused for rate within ten seconds after which the socket is closed with 1008. */
    public static final int RATE_STRIKES_BEFORE_CLOSE = 200;

    private Limits() {
    }
}
