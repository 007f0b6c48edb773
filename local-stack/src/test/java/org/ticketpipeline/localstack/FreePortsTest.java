package org.ticketpipeline.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsAreBelowTheRangeOutgoingConnectionsDrawFromAndNeverHandedOutTwice() throws IOException {
        int ephemeralStart = FreePorts.ephemeralStart();
        // a host whose ephemeral range starts at 10000 or lower leaves no room below it: any free port then
        boolean roomBelow = ephemeralStart > 10_001;
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePorts.next();
            assertTrue(!roomBelow || port < ephemeralStart, port + " is in the ephemeral range from " + ephemeralStart);
            assertTrue(seen.add(port), port + " handed out twice");
            try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(port, server.getLocalPort());
            }
        }
    }

    @Test
    void aReservedPortIsNeverHandedOut() {
        int highest = Math.max(10_001, FreePorts.ephemeralStart() - 1);
        // every third port of the range a service could be given on the command line
        Set<Integer> reserved = new HashSet<>();
        for (int port = 10_000; port <= highest; port += 3) {
            reserved.add(port);
        }
        FreePorts.reserve(reserved.stream().mapToInt(Integer::intValue).toArray());
        for (int i = 0; i < 300; i++) {
            int port = FreePorts.next();
            assertFalse(reserved.contains(port), port + " was reserved for a service, and handed to another server");
        }
    }

    @Test
    void aBoundPortIsNotFree() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertFalse(FreePorts.isFree(server.getLocalPort()));
        }
    }
}
