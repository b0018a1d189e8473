package org.bounceclassifier.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A plain SMTP conversation over a socket, as a sending MTA holds it, so a test can see every reply
 * code the receiver gives (a mail library would hide the refusals behind exceptions).
 */
final class SmtpClient implements AutoCloseable {
    record Reply(int code, String text) {
        @Override
        public String toString() {
            return code + " " + text;
        }
    }

    private Socket socket;
    private BufferedReader in;
    private OutputStream out;
    final Reply greeting;

    SmtpClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        streams();
        greeting = reply();
    }

    private void streams() throws IOException {
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
    }

    /** Reads one reply, all its lines ({@code 250-…} then {@code 250 …}). */
    Reply reply() throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("the server closed the connection; so far: " + text);
            }
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(line.length() > 4 ? line.substring(4) : "");
            if (line.length() < 4 || line.charAt(3) != '-') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), text.toString());
            }
        }
    }

    Reply send(String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return reply();
    }

    /** DATA, then the message with CRLF line ends and dot-stuffing, then the final dot: the reply to the message. */
    Reply data(byte[] message) throws IOException {
        Reply go = send("DATA");
        if (go.code() != 354) {
            return go;
        }
        String text = new String(message, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        StringBuilder body = new StringBuilder(text.length() + 64);
        for (String line : text.split("\n", -1)) {
            body.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        body.append(".\r\n");
        out.write(body.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return reply();
    }

    /** STARTTLS, then the handshake, trusting what {@code trust} trusts. */
    Reply startTls(SSLContext trust) throws IOException {
        Reply ready = send("STARTTLS");
        if (ready.code() != 220) {
            return ready;
        }
        SSLSocket tls = (SSLSocket) trust.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        socket = tls;
        streams();
        return ready;
    }

    String tlsProtocol() {
        return socket instanceof SSLSocket s ? s.getSession().getProtocol() : null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
