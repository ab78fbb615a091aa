package dev.chat.load.chaos;

import dev.chat.load.client.Accounts;
import dev.chat.load.client.ChatProtocol;
import dev.chat.load.client.ChatUser;
import dev.chat.load.client.Gateways;
import dev.chat.load.client.Recipient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * One chaos run: starts a replicated stack, drives one-to-one and group traffic through chaos
 * clients ({@link ChaosDevice}) while devices go offline and back and the faults are injected on a
 * seeded schedule, lets everything settle, then checks every device and the REST API
 * ({@link ChaosVerdicts}) and writes the report.
 */
final class ChaosRun {

    /** Every fifth message goes to the group. */
    private static final int GROUP_SHARE = 5;
    /** Traffic before the first fault: a freshly started stack compiles its hot paths meanwhile. */

    private final ChaosSettings settings;
    /** The fault order, targets and gaps; apart from {@link #devicesRandom}, so that a seed repeats them whatever the timing. */
    private final Random random;
    /** Which device goes offline, and for how long. */
    private final Random devicesRandom;
    private final ChaosLedger ledger = new ChaosLedger();
    private final List<ChaosDevice> devices = new ArrayList<>();
    private final List<FaultRecord> faults = Collections.synchronizedList(new ArrayList<>());
    private final long start = System.nanoTime();

    ChaosRun(ChaosSettings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.devicesRandom = new Random(~settings.seed());
    }

    /** Runs and reports; true when every check passed. */
    boolean run(Path repository) {
        say("seed " + settings.seed() + "; starting the replicated stack in " + settings.dataDir());
        try (ChaosStack stack = new ChaosStack(settings.dataDir())) {
            long t0 = System.nanoTime();
            stack.start(repository);
            say(String.format("stack ready in %.0f s", (System.nanoTime() - t0) / 1e9));
            return drive(stack);
        }
    }

    /** Runs and reports on a stack that is already started, and leaves it up; true when every check passed. */
    boolean runOn(ChaosStack stack) {
        say("seed " + settings.seed() + "; on the replicated stack in " + stack.home);
        return drive(stack);
    }

    private boolean drive(ChaosStack stack) {
        List<URI> sockets = List.of(URI.create(stack.gatewaySocket(1)), URI.create(stack.gatewaySocket(2)));
        try (Gateways gateways = new Gateways(sockets, List.of(), 2)) {
            List<ChatUser> users = register(stack, settings.pairs() * 2 + settings.groupMembers());
            List<ChatUser> groupUsers = users.subList(settings.pairs() * 2, users.size());
            String groupId = new ChatProtocol(stack.url("contacts", 1), stack.url("message", 1)).createGroup(groupUsers);
            List<ChaosLedger.Stream> pairStreams = new ArrayList<>();
            List<ChaosDevice> groupDevices = new ArrayList<>();
            for (int i = 0; i < settings.pairs(); i++) {
                ChaosDevice sender = device("s" + i, users.get(2 * i), gateways);
                ChaosDevice receiver = device("r" + i, users.get(2 * i + 1), gateways);
                pairStreams.add(ledger.addStream(sender, "pair " + i, List.of(receiver)));
            }
            for (int i = 0; i < groupUsers.size(); i++) {
                groupDevices.add(device("g" + i, groupUsers.get(i), gateways));
            }
            List<ChaosLedger.Stream> groupStreams = new ArrayList<>();
            for (int i = 0; i < settings.groupSenders(); i++) {
                List<ChaosDevice> others = new ArrayList<>(groupDevices);
                others.remove(i);
                groupStreams.add(ledger.addStream(groupDevices.get(i), "group", others));
            }
            ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
            try {
                timers.scheduleAtFixedRate(() -> devices.forEach(d -> d.tick(System.nanoTime())), 50, 50, TimeUnit.MILLISECONDS);
                devices.forEach(ChaosDevice::goOnline);
                awaitAll("every device connected", Duration.ofMinutes(2), () -> devices.stream().allMatch(ChaosDevice::isSynced));
                say(devices.size() + " devices connected (" + settings.pairs() + " pairs, a group of " + groupUsers.size()
                        + " with " + settings.groupSenders() + " senders)");
                AtomicBoolean trafficDone = new AtomicBoolean();
                AtomicBoolean faultsDone = new AtomicBoolean();
                Thread faultThread = new Thread(() -> injectFaults(stack, faultsDone, trafficDone), "chaos-faults");
                faultThread.start();
                timers.scheduleWithFixedDelay(() -> toggleADevice(timers), 3, 3, TimeUnit.SECONDS);
                send(pairStreams, groupStreams, groupId, faultsDone, trafficDone);
                faultThread.join();
                timers.shutdownNow();
                devices.forEach(ChaosDevice::goOnline);
                ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
                ticks.scheduleAtFixedRate(() -> devices.forEach(d -> d.tick(System.nanoTime())), 50, 50, TimeUnit.MILLISECONDS);
                try {
                    boolean settled = awaitAll("every message acknowledged and delivered", settings.settleTimeout(), ledger::settled);
                    say(settled ? "settled" : "not settled within " + settings.settleTimeout().toSeconds() + " s: "
                            + ledger.unsettledSummary() + "; devices not connected: "
                            + devices.stream().filter(d -> !d.isSynced()).map(ChaosDevice::name).toList());
                    ChaosVerdicts verdicts = new ChaosVerdicts(ledger, faults, start, settled, devices);
                    verdicts.checkStored(stack.url("inbox", 1), pairStreams, groupStreams, groupId);
                    verdicts.serviceCounters(ServiceCounters.read(stack));
                    return verdicts.report(settings);
                } finally {
                    ticks.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                timers.shutdownNow();
                devices.forEach(ChaosDevice::goOffline);
            }
        }
    }

    private ChaosDevice device(String name, ChatUser user, Gateways gateways) {
        ChaosDevice device = new ChaosDevice(name, user, devices.size() % gateways.count(), gateways, ledger);
        devices.add(device);
        return device;
    }

    /** Registers the accounts, trying again with fresh numbers if a cold stack refuses some. */
    private List<ChatUser> register(ChaosStack stack, int count) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Accounts.register(stack.url("contacts", 1 + attempt % stack.services.instances("contacts").size()), count);
            } catch (RuntimeException e) {
                if (attempt == 5) {
                    throw e;
                }
                say("registration failed (" + e.getMessage() + "); again");
                LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
            }
        }
    }

    /**
     * Sends at the rate, every {@value #GROUP_SHARE}th message to the group, until at least
     * {@code messages} are sent and the last fault is undone, then says so.
     */
    private void send(List<ChaosLedger.Stream> pairs, List<ChaosLedger.Stream> groups, String groupId,
            AtomicBoolean faultsDone, AtomicBoolean done) {
        double rate = settings.rate() > 0 ? settings.rate() : settings.messages() / plannedSeconds();
        say(String.format("sending %d messages at %.1f/s", settings.messages(), rate));
        long period = Math.round(1e9 / rate);
        long begin = System.nanoTime();
        int[] groupTurn = {0};
        int[] pairTurn = {0};
        for (int i = 0; i < settings.messages() || !faultsDone.get(); i++) {
            long wait = begin + i * period - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean toGroup = i % GROUP_SHARE == 0;
            ChaosLedger.Stream stream = toGroup ? groups.get(groupTurn[0]++ % groups.size()) : pairs.get(pairTurn[0]++ % pairs.size());
            Recipient to = toGroup ? Recipient.group(groupId) : Recipient.user(stream.receivers.get(0).user().userId().toString());
            stream.sender.enqueue(ledger.next(stream, to, System.nanoTime()));
            if (i % 1000 == 999) {
                say((i + 1) + " messages handed to the clients; " + ledger.refusals() + " refusals so far");
            }
        }
        done.set(true);
    }

    /**
     * How long the fault schedule takes, roughly: the lead-in, then per fault its hold, the mean gap
     * and what restarting its target takes here; the traffic is spread over it unless a rate is given.
     */
    private double plannedSeconds() {
        double seconds = settings.leadIn().toSeconds();
        for (Fault fault : settings.faults()) {
            seconds += fault.holdSeconds + settings.faultInterval().toSeconds() + fault.restartSeconds;
        }
        return seconds;
    }

    /** Takes one online device offline for 5–20 s (seeded), as phones lose their network. */
    private void toggleADevice(ScheduledExecutorService timers) {
        ChaosDevice device;
        int holdMillis;
        synchronized (devicesRandom) {
            device = devices.get(devicesRandom.nextInt(devices.size()));
            holdMillis = 5_000 + devicesRandom.nextInt(15_000);
        }
        if (!device.wantsOnline()) {
            return;
        }
        device.goOffline();
        timers.schedule(device::goOnline, holdMillis, TimeUnit.MILLISECONDS); // all go online at the end anyway
    }

    /** Every fault once, in a seeded order, one every interval (± a third, seeded), after a lead-in. */
    private void injectFaults(ChaosStack stack, AtomicBoolean faultsDone, AtomicBoolean trafficDone) {
        List<Fault> order = new ArrayList<>(settings.faults());
        Collections.shuffle(order, random);
        FaultInjector injector = new FaultInjector(stack, random);
        String partitionProblem = FaultInjector.partitionUnavailableReason();
        LockSupport.parkNanos(settings.leadIn().toNanos());
        for (Fault fault : order) {
            if (fault == Fault.NODE_PARTITIONED && partitionProblem != null) {
                faults.add(FaultRecord.skipped(fault, partitionProblem, seconds()));
                say("skipped " + fault.label() + ": " + partitionProblem);
                continue;
            }
            double injectedAt = seconds();
            FaultInjector.Injected injected = injector.inject(fault);
            say(String.format("%.0f s: %s on %s", injectedAt, fault.label(), injected.target()));
            LockSupport.parkNanos(Duration.ofSeconds(fault.holdSeconds).toNanos());
            try {
                injected.undo().run();
            } catch (RuntimeException e) {
                say("undoing " + fault.label() + " failed: " + e.getMessage());
            }
            double restoredAt = seconds();
            say(String.format("%.0f s: %s undone", restoredAt, fault.label()));
            faults.add(new FaultRecord(fault, injected.target(), injectedAt, restoredAt, null));
            long gap = settings.faultInterval().toMillis() * (2 + random.nextInt(3)) / 3;
            LockSupport.parkNanos(Duration.ofMillis(gap).toNanos());
        }
        injector.heal();
        faultsDone.set(true);
        awaitAll("the traffic done", Duration.ofHours(1), trafficDone::get);
    }

    private double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    private static boolean awaitAll(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                say("gave up waiting for " + what);
                return false;
            }
            LockSupport.parkNanos(200_000_000L);
        }
        return true;
    }

    static void say(String line) {
        System.out.println("[chaos] " + line);
    }
}
