package org.bounceclassifier.smtp;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * At most so many messages per minute from one client address, as a token bucket: a burst up to
 * the per-minute number, then one message each {@code 60 s / perMinute}. A client over its rate
 * gets a temporary refusal and its MTA retries later, so nothing is lost; a flood from one host
 * cannot take every worker from the others.
 */
final class ClientRateLimiter {
    /** Past this many client addresses, full (idle) buckets are dropped: they would allow a burst anyway. */
    private static final int PRUNE_AT = 10_000;
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final int perMinute;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perMinute messages per minute per client; 0 or less: no limit */
    ClientRateLimiter(int perMinute, LongSupplier nanoClock) {
        this.perMinute = perMinute;
        this.nanoClock = nanoClock;
    }

    ClientRateLimiter(int perMinute) {
        this(perMinute, System::nanoTime);
    }

    /** Takes one message's token for {@code client}; false when it has none left now. */
    boolean tryAcquire(InetAddress client) {
        if (perMinute <= 0) {
            return true;
        }
        long now = nanoClock.getAsLong();
        if (buckets.size() > PRUNE_AT) {
            buckets.values().removeIf(b -> b.isFull(now));
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(now)).take(now);
    }

    private final class Bucket {
        private double tokens = perMinute;
        private long last;

        Bucket(long now) {
            this.last = now;
        }

        synchronized boolean take(long now) {
            refill(now);
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= perMinute;
        }

        private void refill(long now) {
            tokens = Math.min(perMinute, tokens + (double) (now - last) * perMinute / MINUTE_NANOS);
            last = now;
        }
    }
}
