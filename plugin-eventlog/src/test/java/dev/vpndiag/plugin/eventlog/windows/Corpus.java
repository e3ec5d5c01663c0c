package dev.vpndiag.plugin.eventlog.windows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/** Test access to the gzip-compressed corpus copies under {@code windows/}. */
public final class Corpus {
    private Corpus() {
    }

    /** The decompressed bytes of a test resource stored as {@code NAME.gz}, or plain when not compressed. */
    public static byte[] bytes(String resource) {
        String gz = "/windows/" + resource + ".gz";
        try (InputStream raw = Corpus.class.getResourceAsStream(gz)) {
            if (raw != null) {
                try (InputStream in = new GZIPInputStream(raw)) {
                    return in.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (InputStream in = Corpus.class.getResourceAsStream("/windows/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
