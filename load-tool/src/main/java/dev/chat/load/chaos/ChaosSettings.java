package dev.chat.load.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A chaos run's parameters, as the command line gave them. */
record ChaosSettings(long seed, int messages, double rate, int pairs, int groupMembers, int groupSenders,
        List<Fault> faults, Duration leadIn, Duration faultInterval, Duration settleTimeout, Path dataDir, Path report) {
}
