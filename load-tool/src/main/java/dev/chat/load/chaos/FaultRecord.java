package dev.chat.load.chaos;

/**
 * One fault as injected: what it hit, and when it was injected and undone, in seconds since the
 * run began; {@code skipped} says why a fault was not injected (null when it was).
 */
record FaultRecord(Fault fault, String target, double injectedAt, double restoredAt, String skipped) {

    static FaultRecord skipped(Fault fault, String why, double at) {
        return new FaultRecord(fault, null, at, at, why);
    }
}
