package dev.vpndiag.plugin.eventlog.windows.internal.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.plugin.eventlog.windows.Corpus;
import dev.vpndiag.plugin.eventlog.windows.internal.WinEvent;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus EVTX file decodes to the same records as libyal evtxexport 20181227 (golden text
 * output committed under {@code windows/evtx/golden/}, made by {@code make-golden.sh}): record
 * ids, event ids, provider names, written times and every EventData string; UserData values listed
 * by the reference must appear among ours in order.
 */
class EvtxGoldenTest {

    static Stream<String> samples() {
        return Stream.of(
                "evtxattack__DE_RDP_Tunnel_5156.evtx",
                "hayabusa__ID2004-Any_any_firewall_rule_created.evtx",
                "hayabusa__ID70-CAPI-Private_key_accessed_Mimikatz.evtx",
                "omer__Application_no_crc32.evtx",
                "omer__E_Windows_system32_winevt_logs_Microsoft-Windows-CAPI2_Operational.evtx",
                "omer__MSExchange_Management_wec.evtx",
                "omer__Security_short_selected.evtx",
                "omer__issue_201.evtx",
                "omer__new-user-security.evtx",
                "omer__sample_with_a_bad_chunk_magic.evtx",
                "omer__system.evtx",
                "pyevtx__dns_log_malformed.evtx",
                "pyevtx__issue_38.evtx",
                "velocidex__Microsoft-Windows-CAPI2_Operational_EventID70.evtx",
                "velocidex__Security_1_record.evtx");
    }

    /** One record as evtxexport printed it. */
    record Ref(long number, String written, String source, int eventId, List<String> strings) {
    }

    private static final Pattern KEY = Pattern.compile("^([A-Za-z][A-Za-z :0-9]*?)\\s*\\t+: ?(.*)$", Pattern.DOTALL);
    private static final Pattern ID = Pattern.compile("\\((\\d+)\\)");
    static final DateTimeFormatter WRITTEN = DateTimeFormatter.ofPattern("MMM dd, yyyy HH:mm:ss", Locale.US)
            .withZone(ZoneOffset.UTC);

    static List<Ref> parseGolden(String text) {
        List<Ref> out = new ArrayList<>();
        Map<String, String> cur = null;
        List<String> strings = null;
        boolean lastWasString = false;
        for (String line : text.split("\n", -1)) {
            Matcher m = KEY.matcher(line);
            if (m.matches()) {
                String key = m.group(1).trim();
                if (key.equals("Event number")) {
                    if (cur != null) {
                        out.add(toRef(cur, strings));
                    }
                    cur = new LinkedHashMap<>();
                    strings = new ArrayList<>();
                }
                if (cur == null) {
                    continue;
                }
                if (key.startsWith("String:")) {
                    strings.add(m.group(2));
                    lastWasString = true;
                } else {
                    cur.put(key, m.group(2));
                    lastWasString = false;
                }
            } else if (lastWasString && cur != null && !line.isEmpty()) {
                int last = strings.size() - 1;
                strings.set(last, strings.get(last) + "\n" + line);
            } else if (line.isEmpty() && lastWasString && strings != null) {
                // an empty line inside a multi-line string or the record separator; kept tentatively
                int last = strings.size() - 1;
                strings.set(last, strings.get(last) + "\n");
            }
        }
        if (cur != null) {
            out.add(toRef(cur, strings));
        }
        return out;
    }

    private static Ref toRef(Map<String, String> f, List<String> strings) {
        List<String> cleaned = new ArrayList<>();
        for (String s : strings) {
            cleaned.add(trimEnd(s));
        }
        Matcher id = ID.matcher(f.getOrDefault("Event identifier", "(-1)"));
        return new Ref(Long.parseLong(f.get("Event number")), f.get("Written time"), f.getOrDefault("Source name", ""),
                id.find() ? Integer.parseInt(id.group(1)) : -1, cleaned);
    }

    /** The text output cannot show trailing line breaks, so both sides are compared without them. */
    static String trimEnd(String s) {
        return s.replaceAll("[\r\n]+$", "");
    }

    static String written(WinEvent e) {
        return WRITTEN.format(e.written()) + String.format(".%09d UTC", e.written().getNano());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void recordsEqualTheReference(String sample) {
        String golden = new String(Corpus.bytes("evtx/golden/" + sample + ".txt"), StandardCharsets.UTF_8);
        List<Ref> expected = parseGolden(golden);
        boolean referenceFailed = golden.contains("# evtxexport exit status");
        Collect run = Collect.read(Corpus.bytes("evtx/" + sample));
        List<WinEvent> events = run.events;
        List<String> problems = new ArrayList<>(run.problems);
        if (run.failure != null) {
            problems.add(run.failure.getMessage());
        }
        Map<Long, WinEvent> byId = new LinkedHashMap<>();
        for (WinEvent e : events) {
            byId.put(e.recordId(), e);
        }
        if (referenceFailed) {
            assertThat(events.size()).as("records recovered vs reference, problems %s", problems)
                    .isGreaterThanOrEqualTo(expected.size());
        } else {
            assertThat(events.size()).as("record count, problems %s", problems).isEqualTo(expected.size());
        }
        for (Ref r : expected) {
            WinEvent e = byId.get(r.number());
            assertThat(e).as("record %d", r.number()).isNotNull();
            assertThat(e.eventId()).as("event id of record %d", r.number()).isEqualTo(r.eventId());
            assertThat(e.provider()).as("provider of record %d", r.number()).isEqualTo(r.source());
            assertThat(written(e)).as("written time of record %d", r.number()).isEqualTo(r.written());
            if (!e.userData()) {
                assertThat(e.data().stream().filter(WinEvent.Datum::isText).map(WinEvent.Datum::value)
                        .map(EvtxGoldenTest::trimEnd).toList())
                        .as("EventData strings of record %d", r.number()).containsExactlyElementsOf(r.strings());
            } else if (!r.strings().isEmpty()) {
                // libevtx lists UserData values only for flat sections (and attributes of the section's
                // root element); each value it lists must be among ours, in the same order
                assertThat(e.data().stream().map(WinEvent.Datum::value).map(EvtxGoldenTest::trimEnd).toList())
                        .as("UserData values of record %d", r.number()).containsSubsequence(r.strings());
            }
        }
    }
}
