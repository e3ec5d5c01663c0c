package dev.vpndiag.plugin.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.spi.FactSink;
import dev.vpndiag.plugin.pcap.internal.net.Trace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Vendor id payloads agree with tshark (golden files made by
 * src/test/resources/golden/make-golden-vid.sh): the same ids on the same frames, and the NAT
 * traversal and Microsoft ids recognised exactly where tshark names them so.
 */
class VendorIdTest {
    private static final Pattern NAT_T = Pattern.compile("(?i)nat-t|nat-traversal|esp-in-udp");
    private static final Pattern MICROSOFT = Pattern.compile("^(MS |MS-|Microsoft )");

    /** One vendor id: bytes in hex, and a name (tshark's, or the plugin's kind and name). */
    private record Vid(String hex, String kind, String name) {
    }

    static Stream<Path> captures() {
        return Corpus.captures().stream().filter(c -> Files.exists(golden(c)));
    }

    private static Path golden(Path capture) {
        Path root = Corpus.root();
        return root.resolveSibling("golden").resolve("vid").resolve(root.relativize(capture).toString() + ".tsv");
    }

    @Test
    void goldenFilesExistForTheCapturesWithVendorIds() {
        assertThat(captures().count()).isGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest
    @MethodSource("captures")
    void vendorIdsAgreeWithTshark(Path capture) throws IOException {
        Map<Long, List<Vid>> reference = new TreeMap<>();
        List<String> lines = Files.readAllLines(golden(capture));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            String[] bytes = f[1].split(";");
            String[] names = f[2].split(";");
            List<Vid> vids = new ArrayList<>();
            for (int i = 0; i < bytes.length; i++) {
                vids.add(new Vid(bytes[i], null, i < names.length ? names[i] : ""));
            }
            reference.put(Long.parseLong(f[0]), vids);
        }
        Map<Long, List<Vid>> mine = new TreeMap<>();
        Trace trace = new Trace() {
            @Override
            public void vendorId(long frame, String hex, String kind, String name) {
                mine.computeIfAbsent(frame, k -> new ArrayList<>()).add(new Vid(hex, kind, name));
            }
        };
        try {
            PcapFactProvider.read(Evidence.file(capture), new FactSink() {
                @Override
                public void accept(Fact fact) {
                }

                @Override
                public void problem(String locator, String message) {
                }
            }, trace);
        } catch (IOException e) {
            // damaged captures: the frames decoded before the damage are still compared
        }
        assertThat(mine).isNotEmpty();
        for (Map.Entry<Long, List<Vid>> e : mine.entrySet()) {
            List<Vid> ref = reference.get(e.getKey());
            assertThat(ref).as("frame %d has vendor ids for tshark", e.getKey()).isNotNull();
            assertThat(e.getValue().stream().map(Vid::hex).toList()).as("frame %d", e.getKey())
                    .isEqualTo(ref.stream().map(Vid::hex).toList());
            for (int i = 0; i < ref.size(); i++) {
                String tsharkName = ref.get(i).name();
                Vid vid = e.getValue().get(i);
                assertThat(vid.kind().equals("NAT_TRAVERSAL")).as("frame %d: %s vs %s", e.getKey(), vid, tsharkName)
                        .isEqualTo(NAT_T.matcher(tsharkName).find());
                assertThat(vid.kind().equals("MICROSOFT")).as("frame %d: %s vs %s", e.getKey(), vid, tsharkName)
                        .isEqualTo(MICROSOFT.matcher(tsharkName).find());
            }
        }
        assertThat(reference.keySet()).as("frames where only tshark sees vendor ids").isSubsetOf(mine.keySet());
    }
}
