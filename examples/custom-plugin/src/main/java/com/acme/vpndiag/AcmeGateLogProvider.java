package com.acme.vpndiag;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.IkeVersion;
import dev.vpndiag.api.fact.L2tpTunnelAttempt;
import dev.vpndiag.api.fact.RasError;
import dev.vpndiag.api.spi.ContentHead;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.api.spi.FactSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the (made-up) AcmeGate appliance log, one event per line:
 *
 * <pre>
 * ACMEGATE/7.2 2026-11-20T10:15:00Z tunnel=42 peer=198.51.100.7 event=IKE_P1_FAIL reason=NO_PROPOSAL auth=PSK
 * </pre>
 *
 * Events: {@code IKE_P1_UP}, {@code IKE_P1_FAIL}, {@code IKE_P2_UP}, {@code IKE_P2_FAIL},
 * {@code L2TP_SCCRQ_TIMEOUT count=N}, {@code PPP_FAIL code=N} (a RAS-style error code).
 * Everything a plugin needs is in sdk-api: sniff by content, stream the lines, emit facts, report
 * the lines it cannot use.
 */
public final class AcmeGateLogProvider implements FactProvider {
    private static final String MAGIC = "ACMEGATE/";

    @Override
    public String id() {
        return "acmegate";
    }

    @Override
    public Set<String> formats() {
        return Set.of("AcmeGate appliance log");
    }

    @Override
    public int sniff(ContentHead head) {
        return head.text().startsWith(MAGIC) ? STRONG_MATCH : NO_MATCH;
    }

    @Override
    public void read(Evidence evidence, FactSink sink) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(evidence.open(), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            int skipped = 0;
            while ((line = in.readLine()) != null && !sink.isCancelled()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (!line.startsWith(MAGIC) || !emit(line, EvidenceRef.of(evidence.name(), "line " + number), evidence, sink)) {
                    skipped++;
                    if (skipped <= 3) {
                        sink.problem("line " + number, "not an AcmeGate event line");
                    }
                }
            }
        }
    }

    private static boolean emit(String line, EvidenceRef ref, Evidence evidence, FactSink sink) {
        String[] parts = line.split(" ");
        if (parts.length < 3) {
            return false;
        }
        Instant time;
        try {
            time = Instant.parse(parts[1]);
        } catch (DateTimeParseException e) {
            return false;
        }
        Map<String, String> kv = new HashMap<>();
        for (int i = 2; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                kv.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            }
        }
        String peer = kv.get("peer");
        AuthMethod auth = switch (kv.getOrDefault("auth", "")) {
            case "PSK" -> AuthMethod.PRE_SHARED_KEY;
            case "CERT" -> AuthMethod.CERTIFICATE;
            default -> AuthMethod.UNKNOWN;
        };
        switch (kv.getOrDefault("event", "")) {
            case "IKE_P1_UP" -> sink.accept(ike(ref, evidence, time, Layer.IKE_MAIN_MODE, IkeOutcome.ESTABLISHED,
                    IkeFailureReason.NONE, auth, peer));
            case "IKE_P2_UP" -> sink.accept(ike(ref, evidence, time, Layer.IKE_QUICK_MODE, IkeOutcome.ESTABLISHED,
                    IkeFailureReason.NONE, auth, peer));
            case "IKE_P1_FAIL" -> sink.accept(ike(ref, evidence, time, Layer.IKE_MAIN_MODE, IkeOutcome.FAILED,
                    reason(kv.get("reason")), auth, peer));
            case "IKE_P2_FAIL" -> sink.accept(ike(ref, evidence, time, Layer.IKE_QUICK_MODE, IkeOutcome.FAILED,
                    reason(kv.get("reason")), auth, peer));
            case "L2TP_SCCRQ_TIMEOUT" -> sink.accept(new L2tpTunnelAttempt(ref, evidence.side(), time, null, peer,
                    null, parseInt(kv.get("count"), 1), false, false, false, null, null, null, "SCCRQ timed out"));
            case "PPP_FAIL" -> sink.accept(new RasError(ref, evidence.side(), time, parseInt(kv.get("code"), 0),
                    kv.get("tunnel"), "AcmeGate PPP failure"));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static IkeSaEvent ike(EvidenceRef ref, Evidence evidence, Instant time, Layer phase, IkeOutcome outcome,
                                  IkeFailureReason reason, AuthMethod auth, String peer) {
        return new IkeSaEvent(ref, evidence.side(), time, IkeVersion.IKEV1, phase, outcome, reason, auth, null, peer,
                outcome + " " + phase);
    }

    private static IkeFailureReason reason(String text) {
        if (text == null) {
            return IkeFailureReason.OTHER;
        }
        return switch (text) {
            case "NO_PROPOSAL" -> IkeFailureReason.NO_PROPOSAL_CHOSEN;
            case "AUTH" -> IkeFailureReason.AUTHENTICATION_FAILED;
            case "TIMEOUT" -> IkeFailureReason.NO_RESPONSE;
            case "UNTRUSTED_CERT" -> IkeFailureReason.CERT_UNTRUSTED;
            default -> IkeFailureReason.OTHER;
        };
    }

    private static int parseInt(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
