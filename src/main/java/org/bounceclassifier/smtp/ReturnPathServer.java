package org.bounceclassifier.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.bounceclassifier.intake.BounceIntake;
import org.bounceclassifier.intake.IntakeMetrics;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.SSLSocketCreator;

/**
 * The return-path SMTP receiver: the MX of the bounce domains. SubEtha SMTP runs the protocol, one
 * thread per connection (at most {@link SmtpConfig#maxConnections()}); each transaction is a
 * {@link ReturnPathHandler}.
 */
public final class ReturnPathServer implements AutoCloseable {
    /** How long {@link #close()} waits for transactions in flight to finish recording. */
    private static final long CLOSE_SECONDS = 10;

    private final SMTPServer server;
    private final ExecutorService sessions;

    private ReturnPathServer(SMTPServer server, ExecutorService sessions) {
        this.server = server;
        this.sessions = sessions;
    }

    /** @throws IOException when it cannot listen (the port is taken, the address is not this host's) */
    public static ReturnPathServer start(SmtpConfig config, BounceIntake intake, IntakeMetrics metrics)
            throws IOException {
        ClientRateLimiter limiter = new ClientRateLimiter(config.perClientPerMinute());
        AtomicInteger threads = new AtomicInteger();
        ExecutorService sessions = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "smtp-session-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        SMTPServer.Builder builder = SMTPServer.port(config.port())
                .bindAddress(InetAddress.getByName(config.host()))
                .softwareName("bounce-classifier")
                .executorService(sessions)
                .maxMessageSize(config.maxMessageBytes())
                .maxConnections(config.maxConnections())
                .maxRecipients(SmtpConfig.MAX_RECIPIENTS)
                .connectionTimeoutMs(SmtpConfig.IDLE_TIMEOUT_MILLIS)
                // the message is recorded as the sender wrote it: its bytes are its identity when it has no Message-ID
                .insertReceivedHeaders(false)
                .messageHandlerFactory(context -> new ReturnPathHandler(context, config, intake, limiter, metrics));
        if (config.tls() != null) {
            builder.enableTLS().startTlsSocketFactory(startTls(config.tls()));
        }
        SMTPServer server = builder.build();
        try {
            server.start();
        } catch (RuntimeException e) {
            sessions.shutdownNow();
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        return new ReturnPathServer(server, sessions);
    }

    /** The port it listens on (the one taken when the configured port was 0). */
    public int port() {
        return server.getPort() == 0 ? server.getPortAllocated() : server.getPort();
    }

    /** Stops accepting and waits a little for transactions in flight, so none is cut while recording. */
    @Override
    public void close() {
        server.stop();
        try {
            sessions.awaitTermination(CLOSE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The server side of STARTTLS with the JDK's default protocols and cipher suites (TLS 1.2 and
     * 1.3; the library's own factory would enable every supported one and look up the client's name).
     */
    private static SSLSocketCreator startTls(SSLContext context) {
        return (Socket socket) -> {
            InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
            SSLSocket tls = (SSLSocket) context.getSocketFactory()
                    .createSocket(socket, remote.getHostString(), socket.getPort(), true);
            tls.setUseClientMode(false);
            return tls;
        };
    }
}
