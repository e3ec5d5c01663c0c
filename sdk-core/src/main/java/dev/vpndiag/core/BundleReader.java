package dev.vpndiag.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.Problem;
import dev.vpndiag.api.Side;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Opens files, folders and zip archives as an {@link EvidenceBundle}. Nothing is extracted to disk
 * and nothing the caller passed is modified.
 *
 * <p>A folder or archive may hold a {@code bundle.json} manifest:
 * <pre>{@code
 * { "hosts": { "gw1": { "side": "SERVER", "clockOffsetSeconds": -95 } },
 *   "files": { "server/**": { "host": "gw1" },
 *              "client/machine.p12": { "side": "CLIENT", "password": "...", "store": "machine" } } }
 * }</pre>
 * {@code files} maps glob patterns (relative paths) to settings: {@code side}, {@code host},
 * {@code clockOffsetSeconds}, {@code password}, and any other string becomes an attribute. Without
 * a manifest entry, the side is inferred from the path: a name starting with {@code client} means
 * CLIENT, {@code server} or {@code gateway} means SERVER.
 *
 * <p>Archives are read in place. Entries whose names escape the archive root are refused, and the
 * entry count and total uncompressed size are capped; refusals become problems of the bundle.
 */
public final class BundleReader {
    /** The manifest's file name. */
    public static final String MANIFEST = "bundle.json";

    private final int maxEntries;
    private final long maxTotalBytes;

    /** A reader with the default limits: 10,000 files, 4 GiB in total. */
    public BundleReader() {
        this(10_000, 4L << 30);
    }

    /**
     * @param maxEntries    most files taken from one folder or archive
     * @param maxTotalBytes most uncompressed bytes taken from one archive
     */
    public BundleReader(int maxEntries, long maxTotalBytes) {
        this.maxEntries = maxEntries;
        this.maxTotalBytes = maxTotalBytes;
    }

    /** Opens each path (file, folder or zip) with no side given. */
    public EvidenceBundle open(List<Path> paths) {
        EvidenceBundle.Builder b = EvidenceBundle.builder();
        for (Path p : paths) {
            b.addAll(open(p, null));
        }
        return b.build();
    }

    /**
     * Opens one path. {@code side}, when not null, overrides what the manifest or the path says.
     */
    public EvidenceBundle open(Path path, Side side) {
        EvidenceBundle.Builder b = EvidenceBundle.builder();
        String display = String.valueOf(path.getFileName());
        if (!Files.exists(path)) {
            return b.problem(new Problem(path.toString(), "", "no such file or folder")).build();
        }
        try {
            if (Files.isDirectory(path)) {
                readFolder(path, side, inferSide(display), b);
            } else if (isZip(path)) {
                readZip(path, side, inferSide(display), b);
            } else {
                b.add(apply(Evidence.file(path, display), display, side, Side.UNKNOWN, Manifest.NONE));
            }
        } catch (IOException e) {
            b.problem(new Problem(display, "", "cannot read: " + e.getMessage()));
        }
        return b.build();
    }

    private static boolean isZip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }

    /** @param rootSide the side the folder's own name gives ({@code client/}), for files whose path gives none */
    private void readFolder(Path root, Side side, Side rootSide, EvidenceBundle.Builder b) throws IOException {
        Manifest manifest = Manifest.NONE;
        Path manifestFile = root.resolve(MANIFEST);
        if (Files.isRegularFile(manifestFile)) {
            try (InputStream in = Files.newInputStream(manifestFile)) {
                manifest = Manifest.parse(in);
            } catch (IOException | RuntimeException e) {
                b.problem(new Problem(MANIFEST, "", "manifest ignored: " + e.getMessage()));
            }
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.equals(manifestFile))
                    .filter(p -> root.relativize(p).toString().chars().noneMatch(c -> c == 0))
                    .filter(p -> !isHidden(root.relativize(p)))
                    .sorted()
                    .toList();
        }
        int count = 0;
        for (Path file : files) {
            if (++count > maxEntries) {
                b.problem(new Problem(root.getFileName().toString(), "", "more than " + maxEntries
                        + " files; the rest were not read"));
                break;
            }
            String relative = root.relativize(file).toString().replace('\\', '/');
            if (isZip(file)) {
                b.addAll(open(file, side));
                continue;
            }
            b.add(apply(Evidence.file(file, relative), relative, side, rootSide, manifest));
        }
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private void readZip(Path zipPath, Side side, Side rootSide, EvidenceBundle.Builder b) throws IOException {
        String zipName = String.valueOf(zipPath.getFileName());
        Manifest manifest = Manifest.NONE;
        List<ZipEntry> entries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(zipPath.toFile())) {
            long declared = 0;
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                if (escapes(name)) {
                    b.problem(new Problem(zipName, name, "entry refused: its path leaves the archive"));
                    continue;
                }
                if (entries.size() >= maxEntries) {
                    b.problem(new Problem(zipName, "", "more than " + maxEntries + " entries; the rest were not read"));
                    break;
                }
                long size = entry.getSize();
                if (size > 0) {
                    declared += size;
                }
                if (declared > maxTotalBytes) {
                    b.problem(new Problem(zipName, name, "archive refused beyond this entry: more than "
                            + maxTotalBytes + " bytes uncompressed"));
                    break;
                }
                if (isManifest(name) && manifest == Manifest.NONE) {
                    try (InputStream in = bounded(zip.getInputStream(entry), 1 << 20)) {
                        manifest = Manifest.parse(in);
                    } catch (IOException | RuntimeException e) {
                        b.problem(new Problem(zipName, name, "manifest ignored: " + e.getMessage()));
                    }
                    continue;
                }
                if (isHidden(Path.of(name))) {
                    continue;
                }
                entries.add(entry);
            }
        } catch (ZipException e) {
            b.problem(new Problem(zipName, "", "unreadable zip archive: " + e.getMessage()));
            return;
        }
        long cap = maxTotalBytes;
        for (ZipEntry entry : entries) {
            String name = entry.getName();
            String display = zipName + "!/" + name;
            Evidence ev = Evidence.stream(display, entry.getSize(), () -> openEntry(zipPath, name, cap));
            b.add(apply(ev, name, side, rootSide, manifest));
        }
    }

    /** The manifest sits at the archive root or in its single top-level folder. */
    private static boolean isManifest(String name) {
        return name.equals(MANIFEST) || (name.endsWith("/" + MANIFEST) && name.indexOf('/') == name.length() - MANIFEST.length() - 1);
    }

    /** Opens one entry; the stream closes the archive and refuses to inflate past the cap. */
    private static InputStream openEntry(Path zipPath, String name, long cap) throws IOException {
        ZipFile zip = new ZipFile(zipPath.toFile());
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            zip.close();
            throw new IOException("entry " + name + " vanished from " + zipPath.getFileName());
        }
        InputStream in = bounded(zip.getInputStream(entry), cap);
        return new FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    zip.close();
                }
            }
        };
    }

    private static InputStream bounded(InputStream in, long cap) {
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int c = super.read();
                if (c >= 0 && ++read > cap) {
                    throw new IOException("entry inflates beyond " + cap + " bytes");
                }
                return c;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    read += n;
                    if (read > cap) {
                        throw new IOException("entry inflates beyond " + cap + " bytes");
                    }
                }
                return n;
            }
        };
    }

    /** True for absolute names and names with a {@code ..} segment (zip-slip). */
    static boolean escapes(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
            return true;
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static Evidence apply(Evidence evidence, String relative, Side forced, Side rootSide, Manifest manifest) {
        Map<String, String> settings = manifest.settingsFor(relative);
        Evidence e = evidence;
        Side side = forced;
        String hostName = settings.get("host");
        Map<String, String> host = hostName == null ? Map.of() : manifest.hosts.getOrDefault(hostName, Map.of());
        if (side == null && settings.containsKey("side")) {
            side = Side.valueOf(settings.get("side").toUpperCase(Locale.ROOT));
        }
        if (side == null && host.containsKey("side")) {
            side = Side.valueOf(host.get("side").toUpperCase(Locale.ROOT));
        }
        if (side == null) {
            side = inferSide(relative);
        }
        if (side == Side.UNKNOWN) {
            side = rootSide; // a folder or zip opened by itself, such as client/ or server-logs.zip
        }
        e = e.withSide(side);
        if (hostName != null) {
            e = e.withHost(hostName);
        }
        String offset = settings.getOrDefault("clockOffsetSeconds", host.get("clockOffsetSeconds"));
        if (offset != null) {
            e = e.withClockOffset(Duration.ofMillis(Math.round(Double.parseDouble(offset) * 1000)));
        }
        if (settings.containsKey("password")) {
            e = e.withPassword(settings.get("password").toCharArray());
        }
        Map<String, String> attributes = new HashMap<>(settings);
        attributes.keySet().removeAll(List.of("side", "host", "clockOffsetSeconds", "password"));
        if (!attributes.isEmpty()) {
            e = e.withAttributes(attributes);
        }
        return e;
    }

    /** Infers the side from path names such as {@code client-outer.pcap} or {@code server/}. */
    static Side inferSide(String relative) {
        for (String part : relative.toLowerCase(Locale.ROOT).replace('\\', '/').split("/")) {
            if (part.startsWith("client")) {
                return Side.CLIENT;
            }
            if (part.startsWith("server") || part.startsWith("gateway")) {
                return Side.SERVER;
            }
        }
        return Side.UNKNOWN;
    }

    /** The parsed bundle.json. */
    private record Manifest(Map<String, Map<String, String>> hosts, List<Map.Entry<PathMatcher, Map<String, String>>> files) {
        static final Manifest NONE = new Manifest(Map.of(), List.of());

        static Manifest parse(InputStream in) throws IOException {
            JsonNode root = Json.mapper().readTree(in);
            if (root == null || !root.isObject()) {
                throw new IOException("not a JSON object");
            }
            Map<String, Map<String, String>> hosts = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("hosts").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> h = it.next();
                hosts.put(h.getKey(), strings(h.getValue()));
            }
            List<Map.Entry<PathMatcher, Map<String, String>>> files = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("files").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                files.add(Map.entry(FileSystems.getDefault().getPathMatcher("glob:" + f.getKey()), strings(f.getValue())));
            }
            return new Manifest(hosts, files);
        }

        private static Map<String, String> strings(JsonNode object) {
            Map<String, String> out = new HashMap<>();
            object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }

        Map<String, String> settingsFor(String relative) {
            Map<String, String> merged = new HashMap<>();
            Path p = Path.of(relative);
            // In an archive with one top-level folder, patterns may be written relative to it.
            Path inner = p.getNameCount() > 1 ? p.subpath(1, p.getNameCount()) : p;
            for (Map.Entry<PathMatcher, Map<String, String>> f : files) {
                if (f.getKey().matches(p) || f.getKey().matches(inner)) {
                    merged.putAll(f.getValue());
                }
            }
            return merged;
        }
    }
}
