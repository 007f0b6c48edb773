package org.ticketpipeline.schemas.process;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a service when the process that started it ends, when that process asks for it: the local run
 * command starts the three services as child processes and stops them on its own way out, but a launcher
 * killed outright (SIGKILL, an IDE's stop button, the out-of-memory killer) runs no shutdown hook, and its
 * children would go on holding their ports. Asked for with {@code PIPELINE_EXIT_WITH_PARENT=true}, so a
 * service started by a supervisor, a container or a shell is left alone.
 */
public final class ExitWithParent {

    private static final Logger LOG = LoggerFactory.getLogger(ExitWithParent.class);
    public static final String ENV = "PIPELINE_EXIT_WITH_PARENT";

    private ExitWithParent() {
    }

    /** Watches the parent process when {@code env} asks for it; the service's shutdown hooks then run as on Ctrl-C. */
    public static void ifAsked(Map<String, String> env) {
        if (!"true".equalsIgnoreCase(env.get(ENV))) {
            return;
        }
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            LOG.warn("the process that started this service ({}) has ended: stopping", parent.pid());
            System.exit(0);
        }));
    }
}
