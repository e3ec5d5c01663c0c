package dev.vpndiag.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One connection attempt found in the evidence. Evidence often covers more than one: a gateway's log
 * or a capture at a busy site holds every peer's negotiations, and a healthy tunnel to one peer must
 * not hide the failure of another. The engine groups facts into attempts by peer addresses and by
 * the identifiers both ends share (IKE cookies, ESP SPIs), aligns the sides in time, diagnoses each
 * attempt, and reports one of them in full (the {@linkplain #diagnosed() diagnosed} one).
 *
 * @param id          short stable name within this diagnosis ({@code attempt-1}, ...), in order of start
 * @param clients     the client's addresses as the evidence shows them (more than one when a NAT
 *                    rewrites them, so the sides see different ones)
 * @param servers     the server's addresses, likewise
 * @param sides       the sides whose evidence shows this attempt
 * @param start       earliest time in its evidence, or null when none is timed
 * @param end         latest time in its evidence, or null when none is timed
 * @param facts       number of facts about this attempt (host-wide facts such as certificates or
 *                    offload state belong to every attempt and are not counted)
 * @param verdict     the outcome of diagnosing this attempt
 * @param failedLayer the first failed layer, or null
 * @param topCause    the highest-ranked cause's catalogue id, or null
 * @param diagnosed   true for the attempt whose diagnosis is the one returned
 * @param chosenBecause for the diagnosed attempt among several, why it was the one diagnosed (asked
 *                    for, the only failed one, the one that got furthest, ...); null otherwise
 */
public record ConnectionAttempt(String id, List<String> clients, List<String> servers, Set<Side> sides, Instant start, Instant end,
                                int facts, Verdict verdict, Layer failedLayer, String topCause, boolean diagnosed,
                                String chosenBecause) {
    /** Copies the collections. */
    public ConnectionAttempt {
        clients = List.copyOf(clients);
        servers = List.copyOf(servers);
        sides = Set.copyOf(sides);
    }

    /** An attempt without a reason for its choice (the form before {@code chosenBecause} existed). */
    public ConnectionAttempt(String id, List<String> clients, List<String> servers, Set<Side> sides, Instant start, Instant end,
                             int facts, Verdict verdict, Layer failedLayer, String topCause, boolean diagnosed) {
        this(id, clients, servers, sides, start, end, facts, verdict, failedLayer, topCause, diagnosed, null);
    }

    /** The same attempt, marked as the diagnosed one for the given reason. */
    public ConnectionAttempt chosen(String because) {
        return new ConnectionAttempt(id, clients, servers, sides, start, end, facts, verdict, failedLayer, topCause, true, because);
    }

    /** For display, e.g. {@code 198.51.100.2 -> 203.0.113.2}; addresses a NAT rewrote are joined by "/". */
    public String label() {
        if (clients.isEmpty() && servers.isEmpty()) {
            return "addresses not shown";
        }
        return (clients.isEmpty() ? "?" : String.join("/", clients)) + " -> "
                + (servers.isEmpty() ? "?" : String.join("/", servers));
    }

    /** Whether the attempt involves this address (as either end). */
    public boolean involves(String address) {
        return clients.contains(address) || servers.contains(address);
    }
}
