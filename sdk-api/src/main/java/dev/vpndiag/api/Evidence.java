package dev.vpndiag.api;

import dev.vpndiag.api.fact.Fact;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of evidence: a file, bytes, a re-openable stream, or facts a host already holds,
 * tagged with the side and host it came from.
 *
 * <p>Instances are immutable; the {@code with...} methods return copies. Evidence is only ever
 * read: vpndiag never modifies or deletes what it is given.
 */
public final class Evidence {

    /** Opens the content of stream-backed evidence; called once per read, so it must re-open. */
    @FunctionalInterface
    public interface StreamOpener {
        /** Opens a fresh stream positioned at the start of the content. */
        InputStream open() throws IOException;
    }

    private final String name;
    private final Path path;
    private final byte[] bytes;
    private final StreamOpener opener;
    private final long size;
    private final List<Fact> facts;
    private final Side side;
    private final String host;
    private final Duration clockOffset;
    private final char[] password;
    private final Map<String, String> attributes;

    private Evidence(String name, Path path, byte[] bytes, StreamOpener opener, long size, List<Fact> facts,
                     Side side, String host, Duration clockOffset, char[] password, Map<String, String> attributes) {
        this.name = Objects.requireNonNull(name, "name");
        this.path = path;
        this.bytes = bytes;
        this.opener = opener;
        this.size = size;
        this.facts = facts;
        this.side = Objects.requireNonNull(side, "side");
        this.host = host;
        this.clockOffset = clockOffset;
        this.password = password;
        this.attributes = Map.copyOf(attributes);
    }

    /** A file on disk, named by its file name. */
    public static Evidence file(Path path) {
        Objects.requireNonNull(path, "path");
        return file(path, String.valueOf(path.getFileName()));
    }

    /** A file on disk with an explicit display name (for example its path inside a bundle). */
    public static Evidence file(Path path, String name) {
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            size = -1;
        }
        return new Evidence(name, path, null, null, size, null, Side.UNKNOWN, null, null, null, Map.of());
    }

    /** Content held in memory. The array is copied. */
    public static Evidence bytes(String name, byte[] content) {
        byte[] copy = content.clone();
        return new Evidence(name, null, copy, null, copy.length, null, Side.UNKNOWN, null, null, null, Map.of());
    }

    /** Content behind a stream opener, of the given size in bytes ({@code -1} if unknown). */
    public static Evidence stream(String name, long size, StreamOpener opener) {
        return new Evidence(name, null, null, Objects.requireNonNull(opener, "opener"), size, null,
                Side.UNKNOWN, null, null, null, Map.of());
    }

    /** Facts a host already holds, given directly to the rules. */
    public static Evidence facts(String name, List<? extends Fact> facts) {
        return new Evidence(name, null, null, null, -1, List.copyOf(facts), Side.UNKNOWN, null, null, null, Map.of());
    }

    /** A copy collected on the given side. */
    public Evidence withSide(Side newSide) {
        return new Evidence(name, path, bytes, opener, size, facts, newSide, host, clockOffset, password, attributes);
    }

    /** A copy naming the host it was collected on. */
    public Evidence withHost(String newHost) {
        return new Evidence(name, path, bytes, opener, size, facts, side, newHost, clockOffset, password, attributes);
    }

    /**
     * A copy stating how far the collecting host's clock is ahead of true time (negative when
     * behind), so timestamps from both sides can be aligned.
     */
    public Evidence withClockOffset(Duration offset) {
        return new Evidence(name, path, bytes, opener, size, facts, side, host, offset, password, attributes);
    }

    /** A copy carrying the password of protected content (PKCS#12, encrypted keys). Never logged. */
    public Evidence withPassword(char[] newPassword) {
        return new Evidence(name, path, bytes, opener, size, facts, side, host, clockOffset,
                newPassword == null ? null : newPassword.clone(), attributes);
    }

    /** A copy with free-form attributes from a bundle manifest (for example {@code role=machine}). */
    public Evidence withAttributes(Map<String, String> newAttributes) {
        return new Evidence(name, path, bytes, opener, size, facts, side, host, clockOffset, password, newAttributes);
    }

    /**
     * A copy whose content comes from the opener, such as the item decompressed or decoded to UTF-8,
     * keeping its name, side, host, clock offset, password and attributes. It has no {@link #path()}:
     * the file on disk no longer holds this content.
     *
     * @param newSize the size of the new content in bytes, {@code -1} if unknown
     * @throws IllegalStateException for facts evidence, which has no content
     */
    public Evidence withContent(long newSize, StreamOpener newOpener) {
        if (facts != null) {
            throw new IllegalStateException("evidence '" + name + "' holds facts, not content");
        }
        return new Evidence(name, null, null, Objects.requireNonNull(newOpener, "opener"), newSize, null, side, host,
                clockOffset, password, attributes);
    }

    /** Display name, used in every citation and problem. */
    public String name() {
        return name;
    }

    /** The side it was collected on. */
    public Side side() {
        return side;
    }

    /** The host it was collected on, if stated. */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    /** The collecting host's clock offset from true time, if known. */
    public Optional<Duration> clockOffset() {
        return Optional.ofNullable(clockOffset);
    }

    /** The password for protected content, if given. The returned array is a copy. */
    public Optional<char[]> password() {
        return password == null ? Optional.empty() : Optional.of(password.clone());
    }

    /** Free-form attributes from a manifest. */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** The file behind this evidence, when it is a file; lets readers map it instead of streaming. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** Content size in bytes, or {@code -1} when unknown or for facts. */
    public long size() {
        return size;
    }

    /** True when this evidence is a list of facts rather than content to parse. */
    public boolean isFacts() {
        return facts != null;
    }

    /** The facts given directly, or an empty list for content evidence. */
    public List<Fact> facts() {
        return facts == null ? List.of() : facts;
    }

    /**
     * Opens the content from its start. Each call returns a new stream; the caller closes it.
     *
     * @throws IOException when the content cannot be opened
     * @throws IllegalStateException for facts evidence, which has no content
     */
    public InputStream open() throws IOException {
        if (path != null) {
            return Files.newInputStream(path);
        }
        if (bytes != null) {
            return new ByteArrayInputStream(bytes);
        }
        if (opener != null) {
            return opener.open();
        }
        throw new IllegalStateException("evidence '" + name + "' holds facts, not content");
    }

    /**
     * Reads up to {@code max} bytes from the start of the content, for content sniffing.
     *
     * @throws IOException when the content cannot be read
     */
    public byte[] head(int max) throws IOException {
        if (bytes != null) {
            return Arrays.copyOf(bytes, Math.min(max, bytes.length));
        }
        try (InputStream in = open()) {
            return in.readNBytes(max);
        }
    }

    @Override
    public String toString() {
        return "Evidence[" + name + ", " + side + (host == null ? "" : ", host=" + host) + "]";
    }
}
