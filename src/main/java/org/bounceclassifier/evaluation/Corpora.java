package org.bounceclassifier.evaluation;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * The three ways an operator keeps bounce e-mails, each read as a sequence of {@link CorpusMessage}s:
 * a folder of {@code .eml} files, a maildir ({@code cur/} and {@code new/}) and an mbox file.
 * Messages are read one at a time, so a large mailbox is never held in memory whole.
 */
public final class Corpora {
    private Corpora() {
    }

    /** The {@code .eml} files of a folder (not its subfolders), by name. */
    public static Iterator<CorpusMessage> folder(Path dir) throws IOException {
        return files(listed(dir, p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".eml")));
    }

    /** Every message file in {@code cur/} and {@code new/} of a maildir, by name. */
    public static Iterator<CorpusMessage> maildir(Path dir) throws IOException {
        List<Path> all = new ArrayList<>();
        for (String sub : List.of("cur", "new")) {
            Path d = dir.resolve(sub);
            if (Files.isDirectory(d)) {
                all.addAll(listed(d, p -> !p.getFileName().toString().startsWith(".")));
            }
        }
        if (all.isEmpty() && !Files.isDirectory(dir.resolve("cur")) && !Files.isDirectory(dir.resolve("new"))) {
            throw new IOException(dir + " is not a maildir: it has neither cur/ nor new/");
        }
        all.sort(null);
        return files(all);
    }

    /**
     * The messages of an mbox file: each starts at a line beginning "From " (the mboxo/mboxrd
     * separator); a body line written as "&gt;From " (quoted by the mailbox writer) is given back
     * with one '&gt;' less, as mboxrd specifies.
     */
    public static Iterator<CorpusMessage> mbox(Path file) throws IOException {
        return new MboxIterator(file);
    }

    private static List<Path> listed(Path dir, java.util.function.Predicate<Path> keep) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(keep).sorted().toList();
        }
    }

    private static Iterator<CorpusMessage> files(List<Path> paths) {
        Iterator<Path> it = paths.iterator();
        java.util.ArrayDeque<CorpusMessage> queued = new java.util.ArrayDeque<>();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                while (queued.isEmpty() && it.hasNext()) {
                    Path p = it.next();
                    try {
                        for (byte[] message : messagesOfFile(Files.readAllBytes(p))) {
                            queued.add(new CorpusMessage(p.getFileName().toString(), message));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return !queued.isEmpty();
            }

            @Override
            public CorpusMessage next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return queued.removeFirst();
            }
        };
    }

    /**
     * The messages of one file: usually one; several when the file is a mailbox excerpt (an mbox
     * "From " line, then headers, more than once), each named by the file, as its labels name them.
     */
    static List<byte[]> messagesOfFile(byte[] raw) {
        String text = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = FILE_SEPARATOR.matcher(text);
        List<Integer> starts = new java.util.ArrayList<>();
        while (m.find()) {
            starts.add(m.start(1));
        }
        if (starts.size() < 2 || starts.get(0) != 0) {
            return List.of(raw);
        }
        List<byte[]> out = new java.util.ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int from = text.indexOf('\n', starts.get(i)) + 1;
            int to = i + 1 < starts.size() ? starts.get(i + 1) : raw.length;
            out.add(java.util.Arrays.copyOfRange(raw, from, to));
        }
        return out;
    }

    /**
     * An mbox "From " line (From, a space, an address or MAILER-DAEMON, a date and time) at the
     * start of a line, followed by a header line: archives concatenate messages this way, often
     * without the blank line mbox wants before it.
     */
    private static final java.util.regex.Pattern FILE_SEPARATOR = java.util.regex.Pattern.compile(
            "(?:\\A|\\n)(From \\S+ +[A-Z][a-z]{2} [^\\n]*\\d\\d:\\d\\d[^\\n]*\\n)[A-Za-z-]+:");

    private static final class MboxIterator implements Iterator<CorpusMessage> {
        private final InputStream in;
        private final String name;
        private int count;
        private byte[] pendingLine;
        private CorpusMessage next;

        MboxIterator(Path file) throws IOException {
            this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            this.name = file.getFileName().toString();
            this.pendingLine = readLine();
            while (pendingLine != null && !isSeparator(pendingLine)) {
                if (!isBlank(pendingLine)) {
                    in.close();
                    throw new IOException(file + " is not an mbox: it must start with a \"From \" line");
                }
                pendingLine = readLine();
            }
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = read();
            }
            return next != null;
        }

        @Override
        public CorpusMessage next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            CorpusMessage m = next;
            next = null;
            return m;
        }

        private CorpusMessage read() {
            try {
                if (pendingLine == null) {
                    in.close();
                    return null;
                }
                ByteArrayOutputStream message = new ByteArrayOutputStream();
                for (byte[] line = readLine(); line != null; line = readLine()) {
                    if (isSeparator(line)) {
                        pendingLine = line;
                        return new CorpusMessage(name + "#" + ++count, message.toByteArray());
                    }
                    int skip = isQuotedFrom(line) ? 1 : 0;
                    message.write(line, skip, line.length - skip);
                }
                pendingLine = null;
                return new CorpusMessage(name + "#" + ++count, message.toByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** One line with its line end, or null at the end of the file. */
        private byte[] readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            int b;
            while ((b = in.read()) >= 0) {
                line.write(b);
                if (b == '\n') {
                    break;
                }
            }
            return line.size() == 0 ? null : line.toByteArray();
        }

        private static boolean isSeparator(byte[] line) {
            return line.length >= 5 && line[0] == 'F' && line[1] == 'r' && line[2] == 'o' && line[3] == 'm'
                    && line[4] == ' ';
        }

        /** "&gt;From ", "&gt;&gt;From ", ...: a body line the mailbox writer quoted. */
        private static boolean isQuotedFrom(byte[] line) {
            int i = 0;
            while (i < line.length && line[i] == '>') {
                i++;
            }
            return i > 0 && line.length - i >= 5 && line[i] == 'F' && line[i + 1] == 'r' && line[i + 2] == 'o'
                    && line[i + 3] == 'm' && line[i + 4] == ' ';
        }

        private static boolean isBlank(byte[] line) {
            for (byte b : line) {
                if (b != '\n' && b != '\r' && b != ' ' && b != '\t') {
                    return false;
                }
            }
            return true;
        }
    }
}
