package dev.chat.load.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * The checks after a chaos run, per message, then per fault: a message counts against the fault
 * whose window it was first handed to its sender in (from that fault's injection to the next one's).
 *
 * <ul>
 *   <li>every acknowledged message reached every receiving device (<b>lost</b> otherwise);</li>
 *   <li>none was seen under two message ids (<b>shown twice</b>);</li>
 *   <li>message ids follow send order in every stream (<b>out of order</b>);</li>
 *   <li>every acknowledged message is in its chat's history, read back from inbox-service, and the
 *       history holds nothing else from that sender (<b>not stored</b>, <b>stored extra</b>);</li>
 *   <li>each receiver's inbox counts as unread exactly what it was sent (and, in the group, the
 *       creator's system message), none having been marked seen (<b>unread mismatches</b>; a
 *       group's count stops at 1,000 as documented).</li>
 * </ul>
 * A fault's <b>recovered after</b> is how long after its injection sends were again acknowledged
 * within a second of their first attempt: the acknowledgement time of the last message of its
 * window that took longer. <b>max ack</b> is the longest time from a message's first attempt to its
 * ack in the window. Both leave out messages whose sender went offline while waiting for the ack.
 */
final class ChaosVerdicts {

    private static final long SLOW_ACK_NANOS = 1_000_000_000L;
    private static final int GROUP_UNREAD_CAP = 1000;

    private final ChaosLedger ledger;
    private final List<FaultRecord> faults;
    private final long start;
    private final boolean settled;
    private final List<ChaosDevice> devices;
    private final Set<Long> notStored = new HashSet<>();
    private int storedExtra;
    private int unreadMismatches;
    private final List<String> storeProblems = new ArrayList<>();
    private Map<String, Object> serviceCounters = Map.of();

    ChaosVerdicts(ChaosLedger ledger, List<FaultRecord> faults, long start, boolean settled, List<ChaosDevice> devices) {
        this.ledger = ledger;
        this.faults = List.copyOf(faults);
        this.start = start;
        this.settled = settled;
        this.devices = devices;
    }

    /** Reads every chat's history and every receiver's unread count back from inbox-service. */
    void checkStored(String inboxUrl, List<ChaosLedger.Stream> pairs, List<ChaosLedger.Stream> groups, String groupId) {
        StoredMessages store = new StoredMessages(inboxUrl);
        for (ChaosLedger.Stream stream : pairs) {
            ChaosDevice receiver = stream.receivers.get(0);
            String chatId = stream.chatId;
            if (chatId == null) {
                storeProblems.add(stream.chat + ": nothing received, so no chat to read");
                continue;
            }
            compare(stream, store.history(receiver.user(), chatId));
            int unread = store.unread(receiver.user(), chatId);
            int expected = acked(stream).size();
            if (unread != expected) {
                unreadMismatches++;
                storeProblems.add(stream.chat + ": inbox of " + receiver.name() + " shows " + unread + " unread, " + expected + " sent");
            }
        }
        String groupChat = groups.stream().map(s -> s.chatId).filter(java.util.Objects::nonNull).findFirst().orElse(groupId);
        ChaosDevice reader = groups.get(0).receivers.get(0);
        List<StoredMessages.Stored> history = store.history(reader.user(), groupChat);
        groups.forEach(stream -> compare(stream, history));
        int total = groups.stream().mapToInt(s -> acked(s).size()).sum();
        Set<ChaosDevice> members = new HashSet<>();
        groups.forEach(s -> members.addAll(s.receivers));
        for (ChaosDevice member : members) {
            int own = groups.stream().filter(s -> s.sender == member).mapToInt(s -> acked(s).size()).sum();
            // The group's creation is a system message of its creator's: unread for the others.
            long systemByOthers = history.stream()
                    .filter(m -> m.system() && !m.senderId().equals(member.user().userId().toString())).count();
            int expected = (int) Math.min(GROUP_UNREAD_CAP, total - own + systemByOthers);
            int unread = store.unread(member.user(), groupChat);
            if (unread != expected) {
                unreadMismatches++;
                storeProblems.add("group: inbox of " + member.name() + " shows " + unread + " unread, " + expected + " sent by others");
            }
        }
    }

    private Map<Integer, String> acked(ChaosLedger.Stream stream) {
        synchronized (ledger) {
            return new LinkedHashMap<>(stream.ackedIds);
        }
    }

    private void compare(ChaosLedger.Stream stream, List<StoredMessages.Stored> history) {
        String senderId = stream.sender.user().userId().toString();
        Set<String> stored = new HashSet<>();
        history.stream().filter(m -> !m.system() && m.senderId().equals(senderId)).forEach(m -> stored.add(m.messageId()));
        Map<Integer, String> acked = acked(stream);
        acked.forEach((seq, id) -> {
            if (!stored.contains(id)) {
                notStored.add(ChaosLedger.key(stream.number, seq));
            }
        });
        Set<String> expected = new HashSet<>(acked.values());
        long extra = stored.stream().filter(id -> !expected.contains(id)).count();
        if (extra > 0) {
            storedExtra += (int) extra;
            storeProblems.add(stream.chat + ": " + extra + " stored messages from " + stream.sender.name() + " that were never acknowledged as such");
        }
    }

    /** What the services counted of their repairs ({@link ServiceCounters}), for the report. */
    void serviceCounters(Map<String, Object> counts) {
        this.serviceCounters = counts;
    }

    /** Prints the verdicts, writes the JSON report; true when everything passed. */
    boolean report(ChaosSettings settings) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("seed", settings.seed());
        report.put("parameters", Map.of("messages", settings.messages(), "rate", settings.rate() > 0 ? settings.rate() : "spread over the faults", "pairs", settings.pairs(),
                "groupMembers", settings.groupMembers(), "groupSenders", settings.groupSenders(),
                "faultIntervalSeconds", settings.faultInterval().toSeconds()));
        List<Map<String, Object>> faultReports = new ArrayList<>();
        List<FaultRecord> injected = faults.stream().filter(f -> f.skipped() == null)
                .sorted(java.util.Comparator.comparingDouble(FaultRecord::injectedAt)).toList();
        boolean allPassed = settled;
        Map<String, Object> baseline = window("before the first fault", null, 0,
                injected.isEmpty() ? Double.MAX_VALUE : injected.get(0).injectedAt());
        allPassed &= "pass".equals(baseline.get("verdict"));
        faultReports.add(baseline);
        for (int i = 0; i < injected.size(); i++) {
            FaultRecord f = injected.get(i);
            double until = i + 1 < injected.size() ? injected.get(i + 1).injectedAt() : Double.MAX_VALUE;
            Map<String, Object> w = window(f.fault().label(), f, f.injectedAt(), until);
            allPassed &= "pass".equals(w.get("verdict"));
            faultReports.add(w);
        }
        faults.stream().filter(f -> f.skipped() != null).forEach(f -> {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("fault", f.fault().label());
            w.put("description", f.fault().description);
            w.put("verdict", "skipped: " + f.skipped());
            faultReports.add(w);
        });
        Map<String, Object> totals = totals();
        boolean clean = (long) totals.get("lost") == 0 && (long) totals.get("shownTwice") == 0
                && (long) totals.get("outOfOrder") == 0 && (long) totals.get("notStored") == 0
                && storedExtra == 0 && unreadMismatches == 0;
        allPassed &= clean;
        report.put("totals", totals);
        report.put("faults", faultReports);
        report.put("storeProblems", storeProblems.subList(0, Math.min(50, storeProblems.size())));
        report.put("serviceCounters", serviceCounters);
        report.put("verdict", allPassed ? "pass" : "fail");
        print(faultReports, totals, allPassed);
        ChaosRun.say("service counters (instances up at the end): " + serviceCounters);
        try {
            Files.createDirectories(settings.report().toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(settings.report().toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChaosRun.say("report: " + settings.report());
        return allPassed;
    }

    private Map<String, Object> totals() {
        Map<String, Object> totals = new LinkedHashMap<>();
        long created = 0;
        long acked = 0;
        long lost = 0;
        long outOfOrder = 0;
        long resends = 0;
        synchronized (ledger) {
            for (ChaosLedger.Stream s : ledger.streams()) {
                created += s.created;
                acked += s.ackedIds.size();
                lost += ledger.missing(s).size();
                outOfOrder += ledger.outOfOrder(s).size();
                resends += s.attempts.values().stream().mapToInt(a -> a - 1).sum();
            }
        }
        totals.put("messages", created);
        totals.put("acknowledged", acked);
        totals.put("lost", lost);
        totals.put("shownTwice", (long) ledger.shownTwice().size());
        totals.put("outOfOrder", outOfOrder);
        totals.put("notStored", (long) notStored.size());
        totals.put("storedExtra", storedExtra);
        totals.put("unreadMismatches", unreadMismatches);
        totals.put("arrivedLate", ledger.arrivedLate());
        totals.put("pushedAgain", ledger.pushedAgain());
        totals.put("refusals", ledger.refusals());
        totals.put("refusalCodes", ledger.refusalCodes());
        totals.put("resends", resends);
        totals.put("reconnects", devices.stream().mapToInt(ChaosDevice::reconnects).sum());
        totals.put("settled", settled);
        return totals;
    }

    /** The verdict on the messages first handed to their senders between {@code from} and {@code until} (seconds). */
    private Map<String, Object> window(String name, FaultRecord fault, double from, double until) {
        long fromNanos = start + (long) (from * 1e9);
        long untilNanos = until == Double.MAX_VALUE ? Long.MAX_VALUE : start + (long) (until * 1e9);
        LongPredicate inWindow = t -> t >= fromNanos && t < untilNanos;
        long messages = 0;
        long lost = 0;
        long outOfOrder = 0;
        long twice = 0;
        long unstored = 0;
        long maxAck = 0;
        long lastSlowAck = -1;
        List<String> lostSample = new ArrayList<>();
        Set<Long> shownTwice = ledger.shownTwice();
        synchronized (ledger) {
            for (ChaosLedger.Stream s : ledger.streams()) {
                Set<Integer> late = new HashSet<>(ledger.outOfOrder(s));
                Map<Integer, String> missingSeqs = new java.util.HashMap<>();
                ledger.missing(s).forEach(m -> missingSeqs.putIfAbsent(Integer.parseInt(m.substring(m.indexOf('#') + 1)), m));
                for (int seq = 0; seq < s.created; seq++) {
                    long created = s.createdAt.get(seq);
                    if (!inWindow.test(created)) {
                        continue;
                    }
                    messages++;
                    if (missingSeqs.containsKey(seq)) {
                        lost++;
                        if (lostSample.size() < 10) {
                            lostSample.add(s.chat + ": " + missingSeqs.get(seq));
                        }
                    }
                    outOfOrder += late.contains(seq) ? 1 : 0;
                    twice += shownTwice.contains(ChaosLedger.key(s.number, seq)) ? 1 : 0;
                    unstored += notStored.contains(ChaosLedger.key(s.number, seq)) ? 1 : 0;
                    Long ackedAt = s.ackedAt.get(seq);
                    Long firstAttempt = s.firstAttemptAt.get(seq);
                    if (ackedAt != null && firstAttempt != null && !s.interrupted.contains(seq)) {
                        maxAck = Math.max(maxAck, ackedAt - firstAttempt);
                        if (ackedAt - firstAttempt > SLOW_ACK_NANOS) {
                            lastSlowAck = Math.max(lastSlowAck, ackedAt);
                        }
                    }
                }
            }
        }
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("fault", name);
        if (fault != null) {
            w.put("description", fault.fault().description);
            w.put("target", fault.target());
            w.put("injectedAtSeconds", round(fault.injectedAt()));
            w.put("undoneAtSeconds", round(fault.restoredAt()));
            w.put("recoveredAfterSeconds", lastSlowAck < 0 ? 0.0 : round((lastSlowAck - fromNanos) / 1e9));
        }
        w.put("messages", messages);
        w.put("lost", lost);
        w.put("shownTwice", twice);
        w.put("outOfOrder", outOfOrder);
        w.put("notStored", unstored);
        w.put("maxAckSeconds", round(maxAck / 1e9));
        if (!lostSample.isEmpty()) {
            w.put("lostSample", lostSample);
        }
        w.put("verdict", lost + twice + outOfOrder + unstored == 0 ? "pass" : "fail");
        return w;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    private static void print(List<Map<String, Object>> windows, Map<String, Object> totals, boolean passed) {
        ChaosRun.say(String.format("%-26s %-22s %8s %5s %6s %6s %6s %9s %9s  %s", "fault", "target", "messages", "lost",
                "twice", "order", "unstored", "max ack s", "recovered", "verdict"));
        for (Map<String, Object> w : windows) {
            ChaosRun.say(String.format("%-26s %-22s %8s %5s %6s %6s %6s %9s %9s  %s", w.get("fault"),
                    w.getOrDefault("target", "-"), w.getOrDefault("messages", "-"), w.getOrDefault("lost", "-"),
                    w.getOrDefault("shownTwice", "-"), w.getOrDefault("outOfOrder", "-"), w.getOrDefault("notStored", "-"),
                    w.getOrDefault("maxAckSeconds", "-"), w.getOrDefault("recoveredAfterSeconds", "-"), w.get("verdict")));
        }
        ChaosRun.say("SUMMARY " + totals + " -> " + (passed ? "PASS" : "FAIL"));
    }
}
