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
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

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
 * CLIENT, {@code server} or {@code gateway} means SERVER. A manifest's mistakes (an unknown key, a side
 * that is not client, server or unknown, an offset that is not a number, an undefined host, a broken or
 * unmatched pattern) are problems of the bundle naming where in the manifest they are; the setting is
 * dropped and the rest applies. A manifest that is not JSON is ignored as a whole, with the line and
 * column where it broke.
 *
 * <p>Archives are read in place: zip, tar, gzip-compressed tar ({@code .tar.gz}, {@code .tgz}) and
 * single gzip-compressed files ({@code charon.log.1.gz}, {@code Security.evtx.gz}), told apart by their
 * first bytes; an archive inside an archive (a case's zip holding {@code client.zip} and
 * {@code server.zip}) is read too, up to three levels deep, each level's path giving its side. Entries
 * whose names escape the archive root are refused, and the entry count and uncompressed size are
 * capped as the bytes inflate; refusals become problems of the bundle.
 */
public final class BundleReader {
    /** The manifest's file name. */
    public static final String MANIFEST = "bundle.json";

    /** Archives read inside archives, counting the outermost: a case zip, a side's zip, a gzip-compressed log. */
    private static final int MAX_DEPTH = 3;

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
            } else {
                Packing packing = Packing.of(() -> Files.newInputStream(path));
                if (packing == Packing.ZIP) {
                    readZip(path, side, inferSide(display), b);
                } else if (packing == Packing.NONE) {
                    b.add(apply(Evidence.file(path, display), display, side, Side.UNKNOWN, Manifest.NONE));
                } else {
                    readPacked(display, () -> Files.newInputStream(path), packing, side, inferSide(display),
                            Manifest.NONE, 1, b);
                }
            }
        } catch (IOException e) {
            b.problem(new Problem(display, "", "cannot read: " + e.getMessage()));
        }
        return b.build();
    }

    /** A JSON parser's complaint without its internal source description, with line and column when known. */
    private static String jsonError(Exception e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
            com.fasterxml.jackson.core.JsonLocation at = j.getLocation();
            return "not valid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": " + j.getOriginalMessage().replaceAll("\\s*\\(start marker at .*$", "");
        }
        return e.getMessage();
    }

    /** @param rootSide the side the folder's own name gives ({@code client/}), for files whose path gives none */
    private void readFolder(Path root, Side side, Side rootSide, EvidenceBundle.Builder b) throws IOException {
        Manifest manifest = Manifest.NONE;
        Path manifestFile = root.resolve(MANIFEST);
        if (Files.isRegularFile(manifestFile)) {
            try (InputStream in = bounded(Files.newInputStream(manifestFile), 1 << 20)) {
                manifest = Manifest.parse(in);
                for (ManifestProblem problem : manifest.problems()) {
                    b.problem(new Problem(MANIFEST, problem.where(), problem.message()));
                }
            } catch (IOException | RuntimeException e) {
                b.problem(new Problem(MANIFEST, "", "manifest ignored (" + jsonError(e)
                        + "); sides come from the file names"));
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
        for (String pattern : manifest.unmatched(files.stream().map(f -> root.relativize(f).toString().replace('\\', '/')).toList())) {
            b.problem(new Problem(MANIFEST, "files/" + pattern, "pattern matches no file of the bundle"));
        }
        int count = 0;
        for (Path file : files) {
            if (++count > maxEntries) {
                List<String> unread = files.subList(maxEntries, files.size()).stream()
                        .map(f -> root.relativize(f).toString().replace('\\', '/')).toList();
                b.problem(new Problem(root.getFileName().toString(), "", "more than " + maxEntries + " files; "
                        + unread.size() + " not read: " + String.join(", ", unread.subList(0, Math.min(10, unread.size())))
                        + (unread.size() > 10 ? " and " + (unread.size() - 10) + " more" : "")));
                break;
            }
            String relative = root.relativize(file).toString().replace('\\', '/');
            if (Packing.ofOrNone(() -> Files.newInputStream(file)) != Packing.NONE) {
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
        List<Packing> packings = new ArrayList<>();
        try (ZipFile zip = new ZipFile(zipPath.toFile())) {
            long[] declared = {0};
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                Admission admitted = admit(zipName, name, entry.getSize(), entries.size(), declared, b);
                if (admitted == Admission.STOP) {
                    break;
                } else if (admitted == Admission.REFUSE) {
                    continue;
                }
                if (isManifest(name) && manifest == Manifest.NONE) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        manifest = archivedManifest(zipName, name, in, b);
                    }
                    continue;
                }
                if (isHidden(Path.of(name))) {
                    continue;
                }
                entries.add(entry);
                packings.add(Packing.ofOrNone(() -> zip.getInputStream(entry)));
            }
        } catch (ZipException e) {
            b.problem(new Problem(zipName, "", "unreadable zip archive: " + e.getMessage()));
            return;
        }
        long cap = maxTotalBytes;
        for (int i = 0; i < entries.size(); i++) {
            String name = entries.get(i).getName();
            Source entry = () -> openEntry(zipPath, name, cap);
            addEntry(zipName + "!/" + name, name, entries.get(i).getSize(), entry, packings.get(i), side, rootSide,
                    manifest, 1, b);
        }
    }

    /**
     * One entry of an archive: an evidence item, read in place; a gzip-compressed file, read through
     * gunzip; an archive inside the archive (the client's and the server's zip in a case's zip), read
     * as a bundle of its own up to {@link #MAX_DEPTH} levels deep.
     */
    private void addEntry(String display, String relative, long size, Source source, Packing packing, Side side,
                          Side rootSide, Manifest manifest, int depth, EvidenceBundle.Builder b) {
        if (packing == Packing.NONE) {
            b.add(apply(Evidence.stream(display, size, source::open), relative, side, rootSide, manifest));
        } else if (depth >= MAX_DEPTH) {
            b.problem(new Problem(display, "", "archive nested more than " + MAX_DEPTH + " levels deep; not read"));
        } else {
            // the nested archive's own path gives its side (client.zip), or else the entry's settings do
            Side nestedSide = sideOf(relative, side, rootSide, manifest);
            readPacked(display, source, packing, nestedSide == Side.UNKNOWN ? null : nestedSide, inferSide(relative),
                    Manifest.NONE, depth + 1, b);
        }
    }

    /**
     * A gzip-compressed file, a tar (plain or gzip-compressed) or a zip read as a stream (one inside
     * another archive). Entries are listed in one pass, for the manifest they may hold and for the
     * caps, and each is read again from the start when a reader opens it: nothing is kept in memory
     * or written to disk.
     */
    private void readPacked(String display, Source source, Packing given, Side side, Side rootSide, Manifest outer,
                            int depth, EvidenceBundle.Builder b) {
        long cap = maxTotalBytes;
        Packing packing = given;
        if (packing == Packing.GZIP) {
            try {
                packing = Packing.of(source); // a .tar.gz inside an archive shows only its gzip header at first
            } catch (IOException e) {
                b.problem(new Problem(display, "", "cannot read: " + e.getMessage()));
                return;
            }
        }
        if (packing == Packing.GZIP) {
            String relative = display.substring(display.lastIndexOf('/') + 1);
            b.add(apply(Evidence.stream(display, -1, () -> bounded(gunzip(source.open()), cap)), relative, side, rootSide,
                    outer));
            return;
        }
        Manifest manifest = Manifest.NONE;
        List<String> names = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        List<Packing> packings = new ArrayList<>();
        long[] total = {0};
        Packing p = packing;
        try (ArchiveInputStream<?> in = p.entries(source.open(), cap)) {
            ArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.isDirectory() || !in.canReadEntryData(entry)) {
                    continue;
                }
                String name = entry.getName();
                Admission admitted = admit(display, name, entry.getSize(), names.size(), total, b);
                if (admitted == Admission.STOP) {
                    break;
                } else if (admitted == Admission.REFUSE) {
                    continue;
                }
                if (isManifest(name) && manifest == Manifest.NONE) {
                    manifest = archivedManifest(display, name, new FilterInputStream(in) {
                        @Override
                        public void close() {
                            // the archive stream goes on to the next entry
                        }
                    }, b);
                    continue;
                }
                if (isHidden(Path.of(name))) {
                    continue;
                }
                names.add(name);
                sizes.add(entry.getSize());
                packings.add(Packing.ofHead(in.readNBytes(Packing.HEAD)));
            }
        } catch (IOException | RuntimeException e) {
            b.problem(new Problem(display, "", "unreadable " + p.label + ": " + e.getMessage()
                    + (names.isEmpty() ? "" : "; the " + names.size() + " entries before it are read")));
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Source entry = () -> p.openEntry(source.open(), name, cap);
            addEntry(display + "!/" + name, name, sizes.get(i), entry, packings.get(i), side, rootSide, manifest, depth, b);
        }
    }

    private static InputStream gunzip(InputStream in) throws IOException {
        try {
            return new java.util.zip.GZIPInputStream(in, 1 << 16);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Opens the bytes of something that may be packed: a file, or an entry of an archive. */
    @FunctionalInterface
    private interface Source {
        InputStream open() throws IOException;
    }

    /** How content is packed, told by its first bytes, not its name. */
    private enum Packing {
        NONE("file"), ZIP("zip archive"), GZIP("gzip file"), TAR("tar archive"), TAR_GZ("gzip-compressed tar archive");

        /** Bytes looked at: a tar header is 512 bytes long. */
        static final int HEAD = 512;

        final String label;

        Packing(String label) {
            this.label = label;
        }

        static Packing of(Source source) throws IOException {
            byte[] head;
            try (InputStream in = source.open()) {
                head = in.readNBytes(HEAD);
            }
            Packing p = ofHead(head);
            if (p == GZIP) {
                // a .tar.gz is a gzip-compressed tar: look inside
                try (InputStream in = gunzip(source.open())) {
                    return ofHead(in.readNBytes(HEAD)) == TAR ? TAR_GZ : GZIP;
                } catch (IOException e) {
                    return GZIP;
                }
            }
            return p;
        }

        /** The packing, or NONE when the content cannot be read: its reader reports that, for this item alone. */
        static Packing ofOrNone(Source source) {
            try {
                return of(source);
            } catch (IOException | RuntimeException e) {
                return NONE;
            }
        }

        static Packing ofHead(byte[] h) {
            if (h.length >= 4 && h[0] == 'P' && h[1] == 'K' && h[2] == 3 && h[3] == 4) {
                return ZIP;
            }
            if (h.length >= 3 && (h[0] & 0xFF) == 0x1F && (h[1] & 0xFF) == 0x8B && h[2] == 8) {
                return GZIP;
            }
            if (h.length >= 262 && h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r') {
                return TAR;
            }
            return NONE;
        }

        /** The entries of a streamed archive of this packing. */
        ArchiveInputStream<?> entries(InputStream raw, long cap) throws IOException {
            InputStream in = bounded(raw, cap);
            return switch (this) {
                case ZIP -> new ZipArchiveInputStream(in);
                case TAR -> new TarArchiveInputStream(in);
                case TAR_GZ -> new TarArchiveInputStream(gunzip(in));
                default -> throw new IllegalStateException(label + " holds no entries");
            };
        }

        /** One entry's content; closing it closes the archive. */
        InputStream openEntry(InputStream raw, String name, long cap) throws IOException {
            ArchiveInputStream<?> in = entries(raw, cap);
            try {
                ArchiveEntry e;
                while ((e = in.getNextEntry()) != null) {
                    if (e.getName().equals(name) && !e.isDirectory()) {
                        return bounded(in, cap);
                    }
                }
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
            in.close();
            throw new IOException("entry " + name + " vanished from the archive");
        }
    }

    private enum Admission { TAKE, REFUSE, STOP }

    /**
     * Whether an archive entry is taken: refused when its path leaves the archive (zip-slip); the end of
     * the archive's reading when the entry count or the declared uncompressed size passes its cap; a taken
     * entry's size is added to {@code declared}. The bytes are capped again as they inflate, since
     * declared sizes can lie.
     */
    private Admission admit(String archive, String name, long size, int taken, long[] declared, EvidenceBundle.Builder b) {
        if (escapes(name)) {
            b.problem(new Problem(archive, name, "entry refused: its path leaves the archive"));
            return Admission.REFUSE;
        }
        if (taken >= maxEntries) {
            b.problem(new Problem(archive, "", "more than " + maxEntries + " entries; the rest were not read"));
            return Admission.STOP;
        }
        if (declared[0] + Math.max(0, size) > maxTotalBytes) {
            b.problem(new Problem(archive, name, "archive refused beyond this entry: more than "
                    + maxTotalBytes + " bytes uncompressed"));
            return Admission.STOP;
        }
        declared[0] += Math.max(0, size);
        return Admission.TAKE;
    }

    /** An archive's manifest, its mistakes reported as problems of the archive; NONE when it is not JSON. */
    private static Manifest archivedManifest(String archive, String name, InputStream in, EvidenceBundle.Builder b) {
        try {
            Manifest manifest = Manifest.parse(bounded(in, 1 << 20));
            for (ManifestProblem problem : manifest.problems()) {
                b.problem(new Problem(archive, name + " " + problem.where(), problem.message()));
            }
            return manifest;
        } catch (IOException | RuntimeException e) {
            b.problem(new Problem(archive, name, "manifest ignored (" + jsonError(e) + "); sides come from the file names"));
            return Manifest.NONE;
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
        String hostName = settings.get("host");
        Map<String, String> host = manifest.hostOf(settings);
        Evidence e = evidence.withSide(sideOf(relative, forced, rootSide, settings, host));
        if (hostName != null) {
            e = e.withHost(hostName);
        }
        String offset = settings.getOrDefault("clockOffsetSeconds", host.get("clockOffsetSeconds"));
        if (offset != null) {
            e = e.withClockOffset(Duration.ofMillis(Math.round(Double.parseDouble(offset.strip()) * 1000)));
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

    /**
     * The side of an item: the forced one, else the manifest's setting for its path or for its host,
     * else what its path says, else what the folder or archive it sits in says.
     */
    private static Side sideOf(String relative, Side forced, Side rootSide, Map<String, String> settings,
                               Map<String, String> host) {
        Side side = forced;
        if (side == null && settings.containsKey("side")) {
            side = Manifest.sideOf(settings.get("side"));
        }
        if (side == null && host.containsKey("side")) {
            side = Manifest.sideOf(host.get("side"));
        }
        if (side == null) {
            side = inferSide(relative);
        }
        // a folder or zip opened by itself, such as client/ or server-logs.zip
        return side == Side.UNKNOWN ? rootSide : side;
    }

    /** The side the manifest or the path gives an item, as {@link #apply} would. */
    private static Side sideOf(String relative, Side forced, Side rootSide, Manifest manifest) {
        Map<String, String> settings = manifest.settingsFor(relative);
        return sideOf(relative, forced, rootSide, settings, manifest.hostOf(settings));
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

    /** Something bundle.json holds that could not be used: where in the manifest, and why. */
    private record ManifestProblem(String where, String message) {
    }

    /** One entry of the manifest's {@code files}: its glob as written, compiled, and its checked settings. */
    private record FilePattern(String glob, PathMatcher matcher, Map<String, String> settings) {
        /**
         * Whether the pattern matches the relative path, or the path below its top folder (in an archive with one
         * top-level folder, patterns may be written relative to it).
         */
        boolean matches(Path relative) {
            return matcher.matches(relative)
                    || relative.getNameCount() > 1 && matcher.matches(relative.subpath(1, relative.getNameCount()));
        }
    }

    /**
     * The parsed bundle.json: only settings that passed their checks; everything it could not use is in
     * {@code problems}, for the bundle to report while the rest of the manifest applies.
     */
    private record Manifest(Map<String, Map<String, String>> hosts, List<FilePattern> files, List<ManifestProblem> problems) {
        static final Manifest NONE = new Manifest(Map.of(), List.of(), List.of());
        private static final java.util.Set<String> HOST_KEYS = java.util.Set.of("side", "clockOffsetSeconds");

        /** The settings of the host an item's settings name, empty when they name none. */
        Map<String, String> hostOf(Map<String, String> settings) {
            String name = settings.get("host");
            return name == null ? Map.of() : hosts.getOrDefault(name, Map.of());
        }

        static Manifest parse(InputStream in) throws IOException {
            JsonNode root = Json.mapper().readTree(in);
            if (root == null || !root.isObject()) {
                throw new IOException("not a JSON object");
            }
            List<ManifestProblem> problems = new ArrayList<>();
            root.fieldNames().forEachRemaining(k -> {
                if (!k.equals("hosts") && !k.equals("files")) {
                    problems.add(new ManifestProblem(k, "unknown key '" + k + "' ignored (a manifest has \"hosts\" and \"files\")"));
                }
            });
            Map<String, Map<String, String>> hosts = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("hosts").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> h = it.next();
                String where = "hosts/" + h.getKey();
                if (!h.getValue().isObject()) {
                    problems.add(new ManifestProblem(where, "a host's settings must be an object; ignored"));
                    continue;
                }
                Map<String, String> settings = checked(where, h.getValue(), null, problems);
                settings.keySet().stream().filter(k -> !HOST_KEYS.contains(k)).toList().forEach(k -> {
                    problems.add(new ManifestProblem(where + "/" + k, "unknown host setting '" + k + "' ignored (a host has side and clockOffsetSeconds)"));
                    settings.remove(k);
                });
                hosts.put(h.getKey(), settings);
            }
            List<FilePattern> files = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("files").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String where = "files/" + f.getKey();
                if (!f.getValue().isObject()) {
                    problems.add(new ManifestProblem(where, "a pattern's settings must be an object; ignored"));
                    continue;
                }
                PathMatcher matcher;
                try {
                    matcher = FileSystems.getDefault().getPathMatcher("glob:" + f.getKey());
                } catch (RuntimeException e) {
                    problems.add(new ManifestProblem(where, "not a valid file pattern (" + e.getMessage().lines().findFirst().orElse("") + "); ignored"));
                    continue;
                }
                files.add(new FilePattern(f.getKey(), matcher, checked(where, f.getValue(), hosts, problems)));
            }
            return new Manifest(hosts, files, problems);
        }

        /** The settings as strings, without a side, clock offset or host reference that does not hold. */
        private static Map<String, String> checked(String where, JsonNode object, Map<String, Map<String, String>> hosts,
                                                   List<ManifestProblem> problems) {
            Map<String, String> out = new HashMap<>();
            object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            String side = out.get("side");
            if (side != null && sideOf(side) == null) {
                problems.add(new ManifestProblem(where + "/side", "side '" + side + "' is not client, server or unknown; ignored"));
                out.remove("side");
            }
            String offset = out.get("clockOffsetSeconds");
            if (offset != null && !isNumber(offset)) {
                problems.add(new ManifestProblem(where + "/clockOffsetSeconds", "clockOffsetSeconds '" + offset + "' is not a number of seconds; ignored"));
                out.remove("clockOffsetSeconds");
            }
            String host = out.get("host");
            if (host != null && hosts != null && !hosts.containsKey(host)) {
                problems.add(new ManifestProblem(where + "/host", "host '" + host + "' is not defined under \"hosts\"; ignored"));
                out.remove("host");
            }
            return out;
        }

        static Side sideOf(String text) {
            return switch (text.strip().toUpperCase(Locale.ROOT)) {
                case "CLIENT" -> Side.CLIENT;
                case "SERVER" -> Side.SERVER;
                case "UNKNOWN" -> Side.UNKNOWN;
                default -> null;
            };
        }

        private static boolean isNumber(String text) {
            try {
                double d = Double.parseDouble(text.strip());
                return Double.isFinite(d) && Math.abs(d) < 1e9;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        Map<String, String> settingsFor(String relative) {
            Map<String, String> merged = new HashMap<>();
            Path p = Path.of(relative);
            for (FilePattern f : files) {
                if (f.matches(p)) {
                    merged.putAll(f.settings());
                }
            }
            return merged;
        }

        /** The patterns, as written, that match none of the given relative paths. */
        List<String> unmatched(List<String> relatives) {
            List<Path> paths = relatives.stream().map(Path::of).toList();
            return files.stream().filter(f -> paths.stream().noneMatch(f::matches)).map(FilePattern::glob).toList();
        }
    }
}
