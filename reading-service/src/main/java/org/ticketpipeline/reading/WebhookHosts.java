package org.ticketpipeline.reading;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Which hosts a webhook may be called at. Anyone who can create a subscription chooses the URL the service
 * then calls, and reads back how each call went: left open, that is a way into the service's network (an
 * internal admin port, a cache, a port scan). So link-local, unspecified and multicast addresses, and the
 * clouds' metadata addresses, are never called; loopback and private addresses (10/8, 172.16/12,
 * 192.168/16, 100.64/10, fc00::/7, and an IPv4 one inside an IPv6 address) only when
 * {@code reading.webhook-private-hosts} is on, for a team whose chat runs on its intranet. Java's own
 * checks know neither 100.64/10 nor fc00::/7 (its "site local" is IPv6's retired fec0::/10), hence the bytes.
 */
final class WebhookHosts {

    /**
     * The metadata services answering on addresses no other check marks: AWS's and Google Cloud's IPv6 ones (unique
     * local addresses) and Alibaba's. Compared as bytes, not as text: an IPv6 literal with a scope
     * ("fd00:ec2::254%2") reaches the same service and reads otherwise.
     */
    private static final List<byte[]> METADATA = Stream.of("fd00:ec2::254", "fd20:ce::254", "100.100.100.200")
            .map(WebhookHosts::literal).toList();
    /**
     * Names resolved when a subscription is made, in the background: a resolver that hangs must not hold the
     * request. Four at a time, sixteen waiting: a burst of names in a zone that never answers must not pile up
     * threads; past that a name is taken unchecked now, and checked at each call.
     */
    private static final ExecutorService RESOLVING = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(16), runnable -> {
                Thread thread = new Thread(runnable, "webhook-host-resolver");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.AbortPolicy());

    /**
     * The look-ups under way, by resolver and name: a call to a host whose name is still being looked up waits for
     * that look-up rather than starting another. A zone that does not answer holds a resolver thread for the
     * system's timeout (20-30 s), and a receiver's four attempts of a round each started one: all four threads
     * held, every other subscriber's call failed "did not resolve" though its name resolves.
     */
    private static final java.util.concurrent.ConcurrentMap<List<Object>, CompletableFuture<InetAddress[]>> IN_FLIGHT =
            new java.util.concurrent.ConcurrentHashMap<>();

    private WebhookHosts() {
    }

    /** Looks a host's name up: {@link InetAddress#getAllByName} but in a test. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    /**
     * What a webhook's host came to: why it must not be called ({@code refused}), or that its name did not resolve in
     * the time given ({@code late}: every resolver busy or the name's servers silent), or neither.
     */
    record Lookup(String refused, boolean late) {
        static final Lookup FINE = new Lookup(null, false);
    }

    /**
     * Why the webhook's host must not be called, or null: it is, or resolves to, an address not to call. A name is
     * given {@code within} to resolve, and one that takes longer or does not resolve is taken (each call checks it
     * again): for a subscription being made.
     */
    static String refusedWithin(String url, boolean privateHosts, Duration within) {
        return lookup(url, privateHosts, within, InetAddress::getAllByName).refused();
    }

    /**
     * The webhook's host as a call finds it, looked up again at each call so that a name which later points at an
     * address not to call is refused too; in {@code within} at most, as the system's resolver can wait far longer
     * for a zone that does not answer, and the call is bounded as a whole. A name that does not resolve is left to
     * the HTTP client, which says so.
     */
    static Lookup lookup(String url, boolean privateHosts, Duration within, Resolver resolver) {
        String host = hostOf(url);
        if (host == null) {
            return Lookup.FINE;
        }
        List<Object> key = List.of(resolver, host);
        CompletableFuture<InetAddress[]> resolved;
        try {
            resolved = IN_FLIGHT.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(() -> {
                try {
                    return resolver.addresses(host);
                } catch (UnknownHostException e) {
                    return new InetAddress[0];
                }
            }, RESOLVING));
        } catch (RejectedExecutionException e) {
            return new Lookup(null, true); // every resolver busy
        }
        // the answer is for the callers waiting now: the next call looks the name up again
        resolved.whenComplete((addresses, failure) -> IN_FLIGHT.remove(key, resolved));
        try {
            return new Lookup(refused(host, resolved.get(within.toMillis(), TimeUnit.MILLISECONDS), privateHosts), false);
        } catch (TimeoutException | ExecutionException e) {
            // not cancelled: another call may wait for the same look-up
            return new Lookup(null, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Lookup(null, true);
        }
    }

    private static String refused(String host, InetAddress[] addresses, boolean privateHosts) {
        for (InetAddress address : addresses) {
            // "host 10.0.0.5 is a private address", "host chat.local is 10.0.0.5, a private address"
            String is = "the webhook's host " + host + " is " + (LITERAL.matcher(host).matches() ? "" : address.getHostAddress() + ", ");
            String never = neverCalled(address);
            if (never != null) {
                return is + never + ", not a receiver";
            }
            if (!privateHosts && isPrivate(address)) {
                return is + "a loopback or private address: webhooks go to public hosts unless reading.webhook-private-hosts is true "
                        + "(a chat on your intranet)";
            }
        }
        return null;
    }

    private static final java.util.regex.Pattern LITERAL = java.util.regex.Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private static String hostOf(String url) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (host == null) {
            return null;
        }
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** An address written as a literal, as its bytes: no name is looked up. */
    private static byte[] literal(String address) {
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + address, e);
        }
    }

    /** What an address is when no webhook may be called at it, or null. */
    static String neverCalled(InetAddress address) {
        InetAddress inner = embeddedIpv4(address);
        InetAddress checked = inner != null ? inner : address;
        if (checked.isAnyLocalAddress() || firstByte(checked) == 0 && checked instanceof Inet4Address) {
            // 0.0.0.0 and "this network" reach the caller's own machine on most systems
            return "an unspecified address (this machine, on most systems)";
        }
        if (checked.isLinkLocalAddress()) {
            return "a link-local address (where a cloud's metadata service answers)";
        }
        if (checked.isMulticastAddress()) {
            return "a multicast address";
        }
        if (METADATA.stream().anyMatch(m -> Arrays.equals(m, address.getAddress()) || Arrays.equals(m, checked.getAddress()))) {
            return "a cloud's metadata service";
        }
        return null;
    }

    /** Loopback, private (RFC 1918), shared (RFC 6598, 100.64/10) or unique local (fc00::/7), also inside an IPv6 address. */
    static boolean isPrivate(InetAddress address) {
        InetAddress inner = embeddedIpv4(address);
        InetAddress checked = inner != null ? inner : address;
        if (checked.isLoopbackAddress() || checked.isSiteLocalAddress()) {
            return true;
        }
        byte[] bytes = checked.getAddress();
        if (checked instanceof Inet4Address) {
            return (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        }
        return (bytes[0] & 0xfe) == 0xfc;
    }

    /**
     * The IPv4 address an IPv6 one carries to the same host: NAT64's 64:ff9b::/96, 6to4's 2002::/16 and the
     * old IPv4-compatible ::/96 (Java itself turns IPv4-mapped ::ffff:0:0/96 into IPv4). Null when none.
     */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        byte[] b = address.getAddress();
        try {
            if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
                return InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16));
            }
            if (b[0] == 0x20 && b[1] == 0x02) {
                return InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 2, 6));
            }
            if (allZero(b, 0, 12) && !allZero(b, 12, 15)) { // ::/96, but not :: or ::1
                return InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
        return null;
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int firstByte(InetAddress address) {
        return address.getAddress()[0] & 0xff;
    }
}
