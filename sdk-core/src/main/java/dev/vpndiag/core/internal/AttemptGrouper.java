package dev.vpndiag.core.internal;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.ChainValidation;
import dev.vpndiag.api.fact.EspDrop;
import dev.vpndiag.api.fact.EspFlow;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.HostClock;
import dev.vpndiag.api.fact.IcmpUnreachable;
import dev.vpndiag.api.fact.IkeConversation;
import dev.vpndiag.api.fact.IkeNotify;
import dev.vpndiag.api.fact.IkeProposal;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.L2tpTunnelAttempt;
import dev.vpndiag.api.fact.PppNegotiation;
import dev.vpndiag.api.fact.RasError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a bundle's facts into connection attempts, so that a healthy tunnel to one peer cannot
 * pass a layer for another peer's failing attempt.
 *
 * <p>Facts that carry addresses or identifiers anchor attempts: two facts belong together when they
 * share a peer address, an IKE initiator cookie or an ESP SPI. Cookies and SPIs are the same on both
 * ends, so they join a client's and a server's view of one attempt even when a NAT makes them see
 * different addresses. The gateway's own address is shared by every attempt it serves, so an address
 * that talks with more than one partner on one side (a hub) anchors nothing. Facts about one
 * connection that carry neither (PPP results, RAS errors, proposals, events without endpoints) go
 * to the attempt of their side nearest in time (to each of several equally near ones); such a fact
 * without time, from a side none of several attempts has evidence of, is an attempt of its own. Host-wide
 * facts (certificates, offload, registry, services, clocks, capture coverage, and any fact type this
 * class does not know) belong to every attempt, except a dated certificate validation, which joins the
 * attempt its time falls in as a fact without endpoints does. Two single-sided attempts, one per side, that no identifier links are joined when each is
 * the other's only partner in time, after correcting each side's clock by its known offset.
 */
final class AttemptGrouper {
    /** How far apart in time a client's and a server's view of one attempt may lie and still be joined. */
    private static final Duration NEAR = Duration.ofSeconds(120);
    /**
     * Silence after which a new negotiation with the same peer is another attempt. Longer than an IKE
     * daemon's whole retransmission schedule (strongSwan's default gives up after 165 s, a Windows
     * client after about a minute), so retransmissions and a user's quick redial stay one attempt.
     */
    static final Duration ATTEMPT_GAP = Duration.ofMinutes(10);

    /** A group of facts that make one attempt, and what the grouping learnt about it. */
    record Group(List<String> clients, List<String> servers, Set<Side> sides, Instant start, Instant end,
                 List<Fact> own) {
    }

    /** The attempts (possibly none) and the facts every attempt shares. */
    record Result(List<Group> groups, List<Fact> shared) {
        /** Every fact one attempt's rules should see: its own plus the shared ones. */
        List<Fact> factsOf(Group group) {
            List<Fact> all = new ArrayList<>(group.own().size() + shared.size());
            all.addAll(group.own());
            all.addAll(shared);
            return all;
        }
    }

    private AttemptGrouper() {
    }

    /**
     * Groups the facts.
     *
     * @param clock each side's clock offset, to compare times across sides
     */
    static Result group(List<Fact> facts, Clocks clock) {
        List<Fact> shared = new ArrayList<>();
        List<Fact> connection = new ArrayList<>();
        List<Fact> dated = new ArrayList<>();
        for (Fact f : facts) {
            (isConnectionFact(f) ? connection : isDatedToAnAttempt(f) ? dated : shared).add(f);
        }
        if (connection.isEmpty()) {
            shared.addAll(dated);
            return new Result(List.of(), shared);
        }

        // Hubs: an address seen with more than one partner on one side serves several attempts.
        Map<Side, Map<String, Set<String>>> partners = new EnumMap<>(Side.class);
        for (Fact f : connection) {
            List<String> pair = pair(f);
            if (pair.size() == 2 && !pair.get(0).equals(pair.get(1))) {
                Map<String, Set<String>> ofSide = partners.computeIfAbsent(f.side(), k -> new HashMap<>());
                ofSide.computeIfAbsent(pair.get(0), k -> new LinkedHashSet<>()).add(pair.get(1));
                ofSide.computeIfAbsent(pair.get(1), k -> new LinkedHashSet<>()).add(pair.get(0));
            }
        }

        // Anchor facts by the keys they carry; join keys that occur in one fact.
        UnionFind keys = new UnionFind();
        List<Map.Entry<Fact, String>> anchored = new ArrayList<>();
        List<Fact> unanchored = new ArrayList<>();
        for (Fact f : connection) {
            List<String> own = new ArrayList<>();
            Map<String, Set<String>> sidePartners = partners.getOrDefault(f.side(), Map.of());
            for (String a : addresses(f)) {
                if (sidePartners.getOrDefault(a, Set.of()).size() <= 1) {
                    own.add("address " + a);
                }
            }
            own.addAll(identifiers(f));
            if (own.isEmpty()) {
                unanchored.add(f);
                continue;
            }
            for (int i = 1; i < own.size(); i++) {
                keys.union(own.get(0), own.get(i));
            }
            anchored.add(Map.entry(f, own.get(0)));
        }
        // A dated host fact belongs to the attempt its time falls in, like a connection fact without endpoints.
        unanchored.addAll(dated);
        Map<String, Builder> byRoot = new LinkedHashMap<>();
        for (Map.Entry<Fact, String> a : anchored) {
            byRoot.computeIfAbsent(keys.find(a.getValue()), k -> new Builder(clock)).add(a.getKey());
        }
        List<Builder> groups = new ArrayList<>();
        for (Builder g : byRoot.values()) {
            groups.addAll(g.splitInTime());
        }
        if (groups.isEmpty()) {
            // Nothing names an endpoint: the whole bundle is one attempt whose addresses are unknown.
            Builder only = new Builder(clock);
            unanchored.forEach(only::add);
            return new Result(List.of(only.build(Map.of())), shared);
        }
        joinSidesByTime(groups);

        // Decide every unanchored fact against the anchored windows first, so the order of the facts
        // cannot change where they go.
        List<List<Builder>> homes = new ArrayList<>(unanchored.size());
        Map<Side, List<Builder>> bySide = new EnumMap<>(Side.class);
        for (Builder g : groups) {
            g.sides.forEach(side -> bySide.computeIfAbsent(side, k -> new ArrayList<>()).add(g));
        }
        // The candidates of a fact are the groups with evidence from its side, or all when there are none.
        Map<Side, TimeIndex> indexes = new EnumMap<>(Side.class);
        for (Fact f : unanchored) {
            TimeIndex index = indexes.computeIfAbsent(f.side(),
                    side -> bySide.containsKey(side) ? new TimeIndex(bySide.get(side), side) : new TimeIndex(groups, null));
            homes.add(index.homesOf(trueTime(f, clock)));
        }
        Map<Side, Builder> orphans = new EnumMap<>(Side.class);
        for (int i = 0; i < unanchored.size(); i++) {
            Fact f = unanchored.get(i);
            if (homes.get(i).isEmpty() && f.time() == null && f.side() != Side.UNKNOWN && !bySide.containsKey(f.side())
                    && isConnectionFact(f)) {
                // An untimed report from a side none of the attempts has evidence of (a client's error pasted next to
                // a gateway's log of many peers) says nothing about which peer it was: it is an attempt of its own,
                // never copied into every other peer's.
                orphans.computeIfAbsent(f.side(), k -> new Builder(clock)).add(f);
            } else if (homes.get(i).isEmpty()) {
                shared.add(f);
            } else {
                for (Builder home : homes.get(i)) {
                    home.add(unanchored.get(i));
                }
            }
        }
        Map<String, Boolean> hubs = new HashMap<>();
        partners.forEach((side, ofSide) -> ofSide.forEach((address, with) -> {
            if (with.size() > 1) {
                // A hub is the gateway, except in a client's own evidence, where it is the client
                // dialling several servers.
                hubs.merge(address, side == Side.CLIENT, (a, b) -> a && b);
            }
        }));
        groups.addAll(orphans.values());
        List<Group> out = new ArrayList<>();
        for (Builder b : groups) {
            out.add(b.build(hubs));
        }
        out.sort(Comparator.comparing(Group::start, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(g -> String.join(",", g.clients()) + ">" + String.join(",", g.servers())));
        return new Result(out, shared);
    }

    /** Facts about one connection; everything else is host-wide. */
    private static boolean isConnectionFact(Fact f) {
        return f instanceof IkeConversation || f instanceof IkeSaEvent || f instanceof IkeNotify
                || f instanceof IkeProposal || f instanceof EspFlow || f instanceof EspDrop
                || f instanceof L2tpTunnelAttempt || f instanceof PppNegotiation || f instanceof RasError
                || f instanceof IcmpUnreachable;
    }

    /**
     * Host-wide facts that say when they held: a certificate validation made for one attempt's time (a
     * bundle with several attempts) or a certificate event logged during one.
     */
    private static boolean isDatedToAnAttempt(Fact f) {
        return f instanceof ChainValidation && f.time() != null;
    }

    /** The two ends a fact names, when it names both; used to find hubs. */
    private static List<String> pair(Fact f) {
        if (f instanceof EspDrop || f instanceof IcmpUnreachable) {
            return List.of();
        }
        List<String> ends = addresses(f);
        return ends.size() == 2 ? ends : List.of();
    }

    /** Every address a fact names that identifies an end of the attempt. */
    private static List<String> addresses(Fact f) {
        List<String> out = new ArrayList<>(2);
        if (f instanceof IkeConversation c) {
            addIfPresent(out, c.initiator(), c.responder());
        } else if (f instanceof IkeSaEvent e) {
            addIfPresent(out, e.localAddress(), e.peerAddress());
        } else if (f instanceof EspFlow e) {
            addIfPresent(out, e.source(), e.destination());
        } else if (f instanceof L2tpTunnelAttempt l) {
            addIfPresent(out, l.localAddress(), l.peerAddress());
        } else if (f instanceof IkeNotify n) {
            addIfPresent(out, n.from(), n.to());
        } else if (f instanceof EspDrop d) {
            addIfPresent(out, d.peerAddress());
        } else if (f instanceof IcmpUnreachable i) {
            // The sender of the refused packet; the router that answered is not an end.
            addIfPresent(out, i.to());
        }
        return out;
    }

    /** Identifiers both ends of one attempt see alike. */
    private static List<String> identifiers(Fact f) {
        if (f instanceof IkeConversation c && usable(c.initiatorSpi())) {
            return List.of("cookie " + c.initiatorSpi().toLowerCase());
        }
        if (f instanceof EspFlow e && e.spi() != 0) {
            return List.of("spi " + Long.toHexString(e.spi()));
        }
        if (f instanceof EspDrop d && usable(d.spi())) {
            String spi = d.spi().toLowerCase().replaceFirst("^0x", "");
            try {
                long value = Long.parseLong(spi, 16);
                return value == 0 ? List.of() : List.of("spi " + Long.toHexString(value));
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return List.of();
    }

    private static boolean usable(String id) {
        return id != null && !id.isBlank() && !id.chars().allMatch(ch -> ch == '0');
    }

    private static void addIfPresent(List<String> out, String... addresses) {
        for (String a : addresses) {
            String n = normalise(a);
            if (n != null) {
                out.add(n);
            }
        }
    }

    /** Drops a port and brackets: {@code [2001:db8::1]:500} and {@code 192.0.2.1:4500} name hosts. */
    static String normalise(String address) {
        if (address == null) {
            return null;
        }
        String a = address.trim();
        if (a.isEmpty() || a.equals("%any") || a.equals("0.0.0.0") || a.equals("::")) {
            return null;
        }
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            return close > 1 ? a.substring(1, close).toLowerCase() : null;
        }
        int colon = a.indexOf(':');
        if (colon > 0 && colon == a.lastIndexOf(':')) {
            a = a.substring(0, colon);
        }
        return a.toLowerCase();
    }

    private static Instant trueTime(Fact f, Clocks clock) {
        return clock.trueTime(f.time(), f.side());
    }

    /**
     * Joins a client-only and a server-only group that no identifier linked (a NAT between them and
     * no capture on one side) when, in true time, each is the other's only partner.
     */
    private static void joinSidesByTime(List<Builder> groups) {
        List<Builder> clients = new ArrayList<>();
        List<Builder> servers = new ArrayList<>();
        for (Builder g : groups) {
            if (g.sides.equals(EnumSet.of(Side.CLIENT))) {
                clients.add(g);
            } else if (g.sides.equals(EnumSet.of(Side.SERVER))) {
                servers.add(g);
            }
        }
        if (clients.isEmpty() || servers.isEmpty()) {
            return;
        }
        Map<Builder, List<Builder>> partnersOf = new HashMap<>();
        for (Builder c : clients) {
            for (Builder s : servers) {
                if (c.overlaps(s)) {
                    partnersOf.computeIfAbsent(c, k -> new ArrayList<>()).add(s);
                    partnersOf.computeIfAbsent(s, k -> new ArrayList<>()).add(c);
                }
            }
        }
        for (Builder c : clients) {
            List<Builder> mine = partnersOf.getOrDefault(c, List.of());
            if (mine.size() == 1 && partnersOf.get(mine.get(0)).size() == 1) {
                c.absorb(mine.get(0));
                groups.remove(mine.get(0));
            }
        }
    }

    /**
     * The candidate groups of unanchored facts, their time windows on one side (or overall) sorted by
     * start, to find the nearest without a full scan.
     */
    private static final class TimeIndex {
        private final List<Builder> candidates;
        private final Builder[] groups;
        private final long[] start;
        private final long[] end;
        /** The latest end among the groups up to each position. */
        private final long[] maxEnd;

        TimeIndex(List<Builder> candidates, Side side) {
            this.candidates = candidates;
            List<Builder> timed = new ArrayList<>();
            List<long[]> windows = new ArrayList<>();
            for (Builder g : candidates) {
                Instant[] w = side != null && g.windows.containsKey(side) ? g.windows.get(side) : g.window();
                if (w != null) {
                    timed.add(g);
                    windows.add(new long[] {w[0].toEpochMilli(), w[1].toEpochMilli()});
                }
            }
            Integer[] order = new Integer[timed.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, Comparator.comparingLong(i -> windows.get(i)[0]));
            groups = new Builder[order.length];
            start = new long[order.length];
            end = new long[order.length];
            maxEnd = new long[order.length];
            for (int i = 0; i < order.length; i++) {
                groups[i] = timed.get(order[i]);
                start[i] = windows.get(order[i])[0];
                end[i] = windows.get(order[i])[1];
                maxEnd[i] = i == 0 ? end[i] : Math.max(maxEnd[i - 1], end[i]);
            }
        }

        /**
         * The groups an unanchored fact at true time t belongs to: the only candidate, else those
         * nearest to t (several when equally near: the fact may be about any of them); none when t is
         * null or no candidate is timed (the fact is then shared by all).
         */
        List<Builder> homesOf(Instant time) {
            if (candidates.size() == 1) {
                return candidates;
            }
            return time == null ? List.of() : nearest(time.toEpochMilli());
        }

        /** The groups at the least distance from t (0 inside a window); empty when none is timed. */
        private List<Builder> nearest(long t) {
            List<Builder> best = new ArrayList<>(2);
            long bestDistance = Long.MAX_VALUE;
            int split = upperBound(t); // groups before split start at or before t
            for (int i = split - 1; i >= 0 && maxEnd[i] >= t - bestDistance; i--) {
                long d = Math.max(0, t - end[i]);
                if (d < bestDistance) {
                    best.clear();
                    bestDistance = d;
                }
                if (d == bestDistance) {
                    best.add(groups[i]);
                }
            }
            for (int i = split; i < groups.length && start[i] - t <= bestDistance; i++) {
                long d = start[i] - t;
                if (d < bestDistance) {
                    best.clear();
                    bestDistance = d;
                }
                if (d == bestDistance) {
                    best.add(groups[i]);
                }
            }
            return best;
        }

        private int upperBound(long t) {
            int lo = 0;
            int hi = start.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (start[mid] <= t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /** A group under construction. */
    private static final class Builder {
        private final Clocks clock;
        private final List<Fact> facts = new ArrayList<>();
        private final Set<Side> sides = EnumSet.noneOf(Side.class);
        /** True-time window per side, from timed facts. */
        private final Map<Side, Instant[]> windows = new EnumMap<>(Side.class);

        Builder(Clocks clock) {
            this.clock = clock;
        }

        void add(Fact f) {
            facts.add(f);
            sides.add(f.side());
            Instant t = trueTime(f, clock);
            if (t != null) {
                Instant[] w = windows.computeIfAbsent(f.side(), k -> new Instant[] {t, t});
                if (t.isBefore(w[0])) {
                    w[0] = t;
                }
                if (t.isAfter(w[1])) {
                    w[1] = t;
                }
            }
        }

        /**
         * This group cut where the evidence falls silent for longer than {@link #ATTEMPT_GAP} and a new
         * negotiation starts: a morning's healthy session and an afternoon's failure with the same peer
         * are two attempts, so that one cannot pass a layer for the other. A quiet stretch followed by
         * facts of the same SA only (ESP drops, a rekey) does not cut. A fact without a time joins the
         * part holding the timed fact of its own file nearest to it in the file, or the latest part.
         */
        List<Builder> splitInTime() {
            // each fact's true time once: sorting would otherwise ask the clocks again at every comparison
            Map<Fact, Instant> times = new HashMap<>();
            List<Fact> timed = new ArrayList<>();
            for (Fact f : facts) {
                Instant t = trueTime(f, clock);
                if (t != null) {
                    times.put(f, t);
                    timed.add(f);
                }
            }
            if (timed.size() < 2) {
                return List.of(this);
            }
            timed.sort(Comparator.comparing(times::get));
            List<List<Fact>> parts = new ArrayList<>();
            List<Fact> current = new ArrayList<>();
            Set<String> currentIds = new java.util.HashSet<>();
            Instant last = null;
            // Silence is measured on the fact's own side as well, so that an unknown offset between the
            // two ends' clocks cannot cut one attempt seen from both.
            Map<Side, Instant> lastOnSide = new EnumMap<>(Side.class);
            Set<Side> settledOnSide = EnumSet.noneOf(Side.class);
            for (Fact f : timed) {
                Instant t = times.get(f);
                Instant own = lastOnSide.get(f.side());
                boolean silence = last != null && own != null && Duration.between(last, t).compareTo(ATTEMPT_GAP) > 0
                        && Duration.between(own, t).compareTo(ATTEMPT_GAP) > 0 && startsNegotiation(f);
                // a log that starts a new phase 1 after one failed or was set up on its side: the user (or the
                // daemon) tried again or dialled anew, and that try must be judged on its own, not have its layers
                // passed by the other IKE SA's
                boolean retry = f instanceof IkeSaEvent e && e.phase() == dev.vpndiag.api.Layer.IKE_MAIN_MODE
                        && e.outcome() == dev.vpndiag.api.fact.IkeOutcome.STARTED && settledOnSide.contains(f.side());
                if ((silence || retry) && java.util.Collections.disjoint(currentIds, identifiers(f))) {
                    parts.add(current);
                    current = new ArrayList<>();
                    currentIds.clear();
                    settledOnSide.clear();
                }
                if (f instanceof IkeSaEvent e && (e.outcome() == dev.vpndiag.api.fact.IkeOutcome.FAILED
                        || e.outcome() == dev.vpndiag.api.fact.IkeOutcome.ESTABLISHED && e.phase() == dev.vpndiag.api.Layer.IKE_MAIN_MODE)) {
                    settledOnSide.add(f.side());
                }
                current.add(f);
                currentIds.addAll(identifiers(f));
                last = t;
                lastOnSide.put(f.side(), t);
            }
            parts.add(current);
            if (parts.size() == 1) {
                return List.of(this);
            }
            Map<Fact, Integer> partOf = new HashMap<>();
            for (int i = 0; i < parts.size(); i++) {
                for (Fact f : parts.get(i)) {
                    partOf.put(f, i);
                }
            }
            List<Builder> out = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                out.add(new Builder(clock));
            }
            for (Fact f : facts) {
                Integer part = partOf.get(f);
                out.get(part != null ? part : nearestInFile(f, timed, partOf, parts.size() - 1)).add(f);
            }
            return out;
        }

        /** A fact that opens a negotiation: an IKE exchange of phase 1, or the phase 1 outcome a log states. */
        private static boolean startsNegotiation(Fact f) {
            return f instanceof IkeConversation || f instanceof IkeSaEvent e && e.phase() == dev.vpndiag.api.Layer.IKE_MAIN_MODE;
        }

        /** The part of the timed fact of the same file nearest to an untimed one by position, else the fallback. */
        private static int nearestInFile(Fact f, List<Fact> timed, Map<Fact, Integer> partOf, int fallback) {
            long at = position(f);
            int best = fallback;
            long bestDistance = Long.MAX_VALUE;
            if (at < 0) {
                return fallback;
            }
            for (Fact t : timed) {
                if (!t.ref().source().equals(f.ref().source())) {
                    continue;
                }
                long p = position(t);
                if (p >= 0 && Math.abs(p - at) < bestDistance) {
                    bestDistance = Math.abs(p - at);
                    best = partOf.get(t);
                }
            }
            return best;
        }

        /** The number in a locator such as "line 88", "frame 13" or "record 4711"; -1 when there is none. */
        private static long position(Fact f) {
            String locator = f.ref().locator();
            int sp = locator.lastIndexOf(' ');
            try {
                return Long.parseLong(locator.substring(sp + 1));
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        void absorb(Builder other) {
            other.facts.forEach(this::add);
        }

        /** Whether the two groups' true-time windows meet (within the nearness allowance); untimed meets all. */
        boolean overlaps(Builder other) {
            Instant[] a = window();
            Instant[] b = other.window();
            if (a == null || b == null) {
                return true;
            }
            return !a[1].plus(NEAR).isBefore(b[0]) && !b[1].plus(NEAR).isBefore(a[0]);
        }

        private Instant[] window() {
            Instant start = null;
            Instant end = null;
            for (Instant[] w : windows.values()) {
                start = start == null || w[0].isBefore(start) ? w[0] : start;
                end = end == null || w[1].isAfter(end) ? w[1] : end;
            }
            return start == null ? null : new Instant[] {start, end};
        }

        /** @param hubs addresses with several partners: true when that makes them a client */
        Group build(Map<String, Boolean> hubs) {
            // Each address votes for being the client or the server from how the facts name it.
            Map<String, Integer> clientVotes = new LinkedHashMap<>();
            for (Fact f : facts) {
                for (String a : addresses(f)) {
                    clientVotes.putIfAbsent(a, 0);
                }
                if (f instanceof IkeConversation c) {
                    vote(clientVotes, normalise(c.initiator()), 1);
                    vote(clientVotes, normalise(c.responder()), -1);
                } else if (f instanceof IkeSaEvent e) {
                    voteBySide(clientVotes, f.side(), normalise(e.localAddress()), normalise(e.peerAddress()));
                } else if (f instanceof L2tpTunnelAttempt l) {
                    voteBySide(clientVotes, f.side(), normalise(l.localAddress()), normalise(l.peerAddress()));
                } else if (f instanceof EspDrop d) {
                    voteBySide(clientVotes, f.side(), null, normalise(d.peerAddress()));
                }
            }
            for (String address : List.copyOf(clientVotes.keySet())) {
                Boolean client = hubs.get(address);
                if (client != null) {
                    vote(clientVotes, address, client ? 10 : -10);
                }
            }
            List<String> clients = new ArrayList<>();
            List<String> servers = new ArrayList<>();
            clientVotes.forEach((a, v) -> (v > 0 ? clients : servers).add(a));
            Instant[] w = window();
            return new Group(clients, servers, Set.copyOf(sides), w == null ? null : w[0], w == null ? null : w[1],
                    List.copyOf(facts));
        }

        private static void voteBySide(Map<String, Integer> votes, Side side, String local, String peer) {
            if (side == Side.CLIENT) {
                vote(votes, local, 1);
                vote(votes, peer, -1);
            } else if (side == Side.SERVER) {
                vote(votes, local, -1);
                vote(votes, peer, 1);
            }
        }

        private static void vote(Map<String, Integer> votes, String address, int v) {
            if (address != null) {
                votes.merge(address, v, Integer::sum);
            }
        }
    }

    /** Disjoint sets of string keys (iterative, so long chains of keys cannot overflow the stack). */
    private static final class UnionFind {
        private final Map<String, String> parent = new HashMap<>();
        private final Map<String, Integer> size = new HashMap<>();

        String find(String key) {
            String root = key;
            for (String p; !(p = parent.getOrDefault(root, root)).equals(root); ) {
                root = p;
            }
            for (String k = key, p; !(p = parent.getOrDefault(k, k)).equals(k); k = p) {
                parent.put(k, root);
            }
            return root;
        }

        void union(String a, String b) {
            String ra = find(a);
            String rb = find(b);
            if (ra.equals(rb)) {
                return;
            }
            int sa = size.getOrDefault(ra, 1);
            int sb = size.getOrDefault(rb, 1);
            if (sa < sb) {
                String t = ra;
                ra = rb;
                rb = t;
            }
            parent.put(rb, ra);
            size.put(ra, sa + sb);
        }
    }
}
