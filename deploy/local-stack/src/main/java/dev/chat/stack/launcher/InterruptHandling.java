package dev.chat.stack.launcher;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Makes Ctrl-C (SIGINT) stop the launcher, whatever disposition of SIGINT it inherited.
 *
 * <p>Why: a shell starts a background job ({@code cmd &}, or {@code ./mvnw verify &} running the
 * tests that start the launcher) with SIGINT ignored, and a JVM that starts with SIGINT ignored
 * installs no handler for it: SIGINT then does nothing, and the services and servers the launcher
 * started keep running. Here the launcher resets SIGINT to its default through the C library
 * (which Java cannot do itself) and installs its own handler, which exits with 130 as a JVM's own
 * handling of SIGINT does, running the shutdown hook that stops every child by pid.
 */
final class InterruptHandling {

    /** The status of a process ended by SIGINT: 128 + 2. */
    static final int INTERRUPTED_EXIT = 130;
    private static final int SIGINT = 2;

    /** The C library's {@code signal(2)}. */
    interface CLibrary extends Library {
        Pointer signal(int signal, Pointer handler);
    }

    private InterruptHandling() {
    }

    /**
     * Installs the handler; returns a note for the launcher's output when SIGINT had been ignored
     * (and was reset), or null when it was handled already.
     */
    static String install() {
        SignalHandler exit = signal -> System.exit(INTERRUPTED_EXIT);
        Signal interrupt = new Signal("INT");
        SignalHandler previous = Signal.handle(interrupt, exit);
        if (previous != SignalHandler.SIG_IGN) {
            return null;
        }
        // The JVM refused to take over an ignored SIGINT: make it default, then ask again.
        Native.load("c", CLibrary.class).signal(SIGINT, Pointer.NULL);
        Signal.handle(interrupt, exit);
        return "SIGINT was ignored when the launcher started (a background job); Ctrl-C and kill -INT stop it anyway";
    }
}
