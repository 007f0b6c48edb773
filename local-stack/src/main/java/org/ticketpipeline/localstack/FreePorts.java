package org.ticketpipeline.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for servers that must know their port before they bind it.
 *
 * <p>A port the kernel hands out for port 0 lies in its ephemeral range, which every outgoing
 * connection draws from too: between this probe closing and the server binding, a client's
 * connection (a Kafka client's, a test's HTTP client's) can take it. So ports are picked at random
 * below that range, where only a listener asks for a port by number, and never twice in a JVM.
 */
public final class FreePorts {

    private static final String EPHEMERAL_RANGE = "/proc/sys/net/ipv4/ip_local_port_range";
    private static final int DEFAULT_EPHEMERAL_START = 32768;
    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 200;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int next() {
        int highest = ephemeralStart() - 1;
        if (highest > LOWEST) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
                if (isFree(port) && HANDED_OUT.add(port)) {
                    return port;
                }
            }
        }
        return anyFreePort();
    }

    /**
     * Keeps {@code ports} out of what {@link #next()} hands out: ports the user named for servers started later
     * (a service's), which the broker and the registry, started first, must not take.
     */
    public static void reserve(int... ports) {
        for (int port : ports) {
            HANDED_OUT.add(port);
        }
    }

    public static boolean isFree(int port) {
        return isFree(InetAddress.getLoopbackAddress(), port);
    }

    /** Whether a server could listen on {@code port} at {@code address} (the wildcard address: on every one). */
    public static boolean isFree(InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, address)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int ephemeralStart() {
        // Read line by line: procfs reports no size, and a whole-file read can stop after one byte.
        try (BufferedReader reader = Files.newBufferedReader(Path.of(EPHEMERAL_RANGE))) {
            String[] range = reader.readLine().trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START; // not Linux, or not readable: the usual start of the range
        }
    }

    private static int anyFreePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
