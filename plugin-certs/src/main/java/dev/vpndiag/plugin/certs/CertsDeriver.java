package dev.vpndiag.plugin.certs;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.CertificateStore;
import dev.vpndiag.api.fact.ChainFailure;
import dev.vpndiag.api.fact.ChainValidation;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.HostClock;
import dev.vpndiag.api.fact.IkeConversation;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.PrivateKeyMatch;
import dev.vpndiag.api.fact.StoredCertificate;
import dev.vpndiag.api.fact.StoredPrivateKey;
import dev.vpndiag.api.fact.TimeBasis;
import dev.vpndiag.api.spi.FactDeriver;
import dev.vpndiag.api.spi.FactSink;
import dev.vpndiag.plugin.certs.internal.format.KeyIdentity;
import dev.vpndiag.plugin.certs.internal.path.PathValidator;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validates each side's end-entity certificates against the other side's trust anchors (the
 * gateway must trust the client's root and the client the gateway's), with the JDK's PKIX
 * implementation, and matches certificates to private keys read from separate files of the same
 * side.
 *
 * <p>Emits {@link ChainValidation} facts at each attempt's time (its earliest IKE record, corrected by
 * the recording side's {@link HostClock} offset where one is known; now when the evidence has no IKE
 * time) and, when a {@link HostClock} fact exists for the validating side, at that host's clock. With
 * several attempts in the evidence, each validation carries the time of its attempt, so that it is
 * judged with that attempt only;
 * and {@link PrivateKeyMatch} facts for certificates whose key presence their own evidence did not
 * show. Revocation is not checked (no network access); the detail says so.
 *
 * <p>Stateless and thread-safe.
 */
public final class CertsDeriver implements FactDeriver {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final Set<String> IPSEC = Set.of("1.3.6.1.5.5.8.2.2", "1.3.6.1.5.5.7.3.5", "1.3.6.1.5.5.7.3.6",
            "1.3.6.1.5.5.7.3.7", "1.3.6.1.5.5.7.3.17");

    /**
     * Both ends log one IKE negotiation within seconds of each other (main mode gives up after a minute or
     * two of retransmissions); records of one attempt further apart than this mean the clocks disagree.
     */
    static final long CLOCKS_AGREE_SECONDS = 300;

    /** Attempts validated at their own time at most; a gateway's day holds thousands. */
    static final int MAX_WINDOWS = 256;

    private final Clock clock;
    private final PathValidator validator = new PathValidator();

    /** Creates the deriver, using the system clock when the evidence has no attempt time. */
    public CertsDeriver() {
        this(Clock.systemUTC());
    }

    /** Creates the deriver with the clock used when the evidence has no attempt time. */
    public CertsDeriver(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String id() {
        return "certs";
    }

    private record Cert(StoredCertificate fact, X509Certificate x509) {
    }

    @Override
    public void derive(List<Fact> facts, FactSink sink) {
        List<Cert> certs = new ArrayList<>();
        List<StoredPrivateKey> keys = new ArrayList<>();
        List<Fact> ike = new ArrayList<>();
        Map<Side, HostClock> clocks = new EnumMap<>(Side.class);
        CertificateFactory cf;
        try {
            cf = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("X.509 not available", e);
        }
        Map<String, X509Certificate> seen = new LinkedHashMap<>();
        for (Fact f : facts) {
            if (f instanceof StoredCertificate sc && sc.der() != null) {
                try {
                    X509Certificate x = seen.get(sc.der());
                    if (x == null) {
                        x = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(sc.der())));
                        seen.put(sc.der(), x);
                    }
                    certs.add(new Cert(sc, x));
                } catch (CertificateException | IllegalArgumentException e) {
                    sink.problem(sc.ref().toString(), "certificate encoding cannot be decoded: " + e.getMessage());
                }
            } else if (f instanceof StoredPrivateKey k) {
                keys.add(k);
            } else if ((f instanceof IkeSaEvent || f instanceof IkeConversation) && f.time() != null) {
                ike.add(f);
            } else if (f instanceof HostClock hc && hc.hostTime() != null && hc.referenceTime() != null) {
                clocks.putIfAbsent(hc.side(), hc);
            }
        }
        List<AttemptTimes.Window> windows = AttemptTimes.of(ike, clocks);
        if (windows.isEmpty()) {
            windows = List.of(AttemptTimes.Window.at(clock.instant()));
        }
        // With one attempt its validations hold for the whole bundle; with several, each is dated so that it
        // joins the attempt it was made for (a later failure is judged at its own time, not the first one's).
        boolean dated = windows.size() > 1;
        if (windows.size() > MAX_WINDOWS) {
            // A gateway's day: the latest attempts are the ones diagnosed; older ones go unvalidated.
            windows = windows.subList(windows.size() - MAX_WINDOWS, windows.size());
        }
        Results results = new Results(certs);
        PathValidator.Checks checks = new PathValidator.Checks();
        Map<Side, PathValidator.Trust> trusts = new EnumMap<>(Side.class);
        for (Cert ee : certs) {
            if (sink.isCancelled()) {
                return;
            }
            if (isEndEntity(ee)) {
                Side trustedBy = trustedBy(ee.fact().side());
                PathValidator.Trust trust = trusts.computeIfAbsent(trustedBy, s -> trustOf(s, certs, checks));
                for (AttemptTimes.Window w : windows) {
                    validate(ee, trust, w, dated, clocks, results, sink);
                }
            }
        }
        matchKeys(certs, keys, sink);
    }

    private static boolean isEndEntity(Cert c) {
        CertificateStore s = c.fact().store();
        return !c.fact().ca() && (s == CertificateStore.MACHINE_PERSONAL || s == CertificateStore.USER_PERSONAL
                || s == CertificateStore.UNKNOWN);
    }

    private static Side trustedBy(Side side) {
        return switch (side) {
            case CLIENT -> Side.SERVER;
            case SERVER -> Side.CLIENT;
            default -> Side.UNKNOWN;
        };
    }

    /**
     * What the validating side trusts (its TRUSTED_ROOT certificates; all of them for UNKNOWN) and
     * holds (its CA certificates and those of unknown side), and every other CA certificate.
     */
    private static PathValidator.Trust trustOf(Side trustedBy, List<Cert> all, PathValidator.Checks checks) {
        Set<X509Certificate> anchors = new LinkedHashSet<>();
        Set<X509Certificate> intermediates = new LinkedHashSet<>();
        Set<X509Certificate> wider = new LinkedHashSet<>();
        for (Cert c : all) {
            boolean validatorSide = trustedBy == Side.UNKNOWN || c.fact().side() == trustedBy;
            if (validatorSide && c.fact().store() == CertificateStore.TRUSTED_ROOT) {
                anchors.add(c.x509());
            } else if (c.fact().ca() && (validatorSide || c.fact().side() == Side.UNKNOWN)) {
                intermediates.add(c.x509());
            } else if (c.fact().ca()) {
                wider.add(c.x509());
            }
        }
        intermediates.removeAll(anchors);
        wider.removeAll(anchors);
        wider.removeAll(intermediates);
        return checks.trust(anchors, intermediates, wider);
    }

    private void validate(Cert ee, PathValidator.Trust trust, AttemptTimes.Window w, boolean dated,
                          Map<Side, HostClock> clocks, Results results, FactSink sink) {
        Side side = ee.fact().side();
        Side trustedBy = trustedBy(side);
        if (trust.anchorCount() == 0) {
            return;
        }
        PathValidator.Purpose purpose = purposeFor(side);
        String revocation = revocationNote(ee.x509());
        Validation v = new Validation(ee, trustedBy, trust, purpose, revocation, dated ? w : null, results);
        HostClock validatorClock = clocks.get(trustedBy);
        Instant own = w.logged(trustedBy);
        Instant peer = w.logged(side);
        if (own != null && peer != null && validatorClock == null && clocks.get(side) == null
                && Math.abs(Duration.between(own, peer).getSeconds()) > CLOCKS_AGREE_SECONDS) {
            // The two ends' records of one attempt are further apart than one negotiation lasts: their clocks
            // disagree. The validator checked by its own clock; the certificate's owner is the other reference.
            emit(v, peer, TimeBasis.TRUE_TIME, "at the " + side + " side's time of the attempt (the two sides' clocks disagree)", sink);
            emit(v, own, TimeBasis.HOST_CLOCK, "at the " + trustedBy + " host's clock (its own records of the attempt)", sink);
            return;
        }
        if (own != null && peer == null && validatorClock == null && w.onlyLoggedBy(trustedBy)
                && timeFailure(results.check(v, w.start()))) {
            // Only the validator's own records date the attempt: "outside its validity" is by that host's clock,
            // which may be the thing that is wrong.
            emit(v, w.start(), TimeBasis.HOST_CLOCK, "at the " + trustedBy + " host's clock (only its own records date the attempt)", sink);
            return;
        }
        String basisNote = !w.fromEvidence() ? "at the time of the diagnosis (no IKE event time known)"
                : w.corrected() ? "at the attempt's true time (its earliest IKE record, corrected by the recording host's clock offset)"
                : "at the attempt time (its earliest IKE record)";
        emit(v, w.start(), TimeBasis.TRUE_TIME, basisNote, sink);
        if (validatorClock != null && trustedBy != Side.UNKNOWN) {
            // w.start() is true time: the validator's clock read that plus its offset.
            emit(v, w.start().plus(validatorClock.offset()), TimeBasis.HOST_CLOCK,
                    "at the " + trustedBy + " host's clock (offset " + validatorClock.offset() + ")", sink);
        }
    }

    /** What one validation of one certificate shares across the times it is checked at. */
    private record Validation(Cert ee, Side trustedBy, PathValidator.Trust trust, PathValidator.Purpose purpose,
                              String revocation, AttemptTimes.Window datedTo, Results results) {
    }

    /**
     * Validation results by certificate, validating side and time slot: a result changes only where some
     * certificate's validity begins or ends, so attempts between the same boundaries share one check.
     */
    private final class Results {
        private final long[] boundaries;
        private final Map<List<Object>, PathValidator.Result> done = new java.util.HashMap<>();

        Results(List<Cert> certs) {
            boundaries = certs.stream()
                    .flatMap(c -> java.util.stream.Stream.of(c.x509().getNotBefore().getTime(), c.x509().getNotAfter().getTime() + 1))
                    .mapToLong(Long::longValue).sorted().distinct().toArray();
        }

        PathValidator.Result check(Validation v, Instant at) {
            int slot = java.util.Arrays.binarySearch(boundaries, at.toEpochMilli());
            slot = slot >= 0 ? slot + 1 : -slot - 1;
            return done.computeIfAbsent(List.of(v.ee(), v.trustedBy(), slot),
                    k -> validator.validate(v.ee().x509(), v.trust(), at, v.purpose(), -1));
        }
    }

    private void emit(Validation v, Instant at, TimeBasis basis, String basisNote, FactSink sink) {
        PathValidator.Result r = v.results().check(v, at);
        Side owner = v.ee().fact().side();
        Instant time = v.datedTo() == null ? null : v.datedTo().recordedBy(owner);
        sink.accept(new ChainValidation(v.ee().fact().ref(), owner, time, v.ee().fact().subject(), v.trustedBy(), at, basis,
                r.valid(), r.failure(), r.detail() + "; validated " + basisNote + " against " + v.trust().anchorCount()
                + " trust anchor(s) of " + v.trustedBy() + "; " + v.revocation()));
    }

    private static boolean timeFailure(PathValidator.Result r) {
        return !r.valid() && (r.failure() == ChainFailure.EXPIRED || r.failure() == ChainFailure.NOT_YET_VALID);
    }

    private static PathValidator.Purpose purposeFor(Side side) {
        return PURPOSES.get(side);
    }

    /** The purpose check per side of the end-entity certificate. */
    private static final Map<Side, PathValidator.Purpose> PURPOSES = purposes();

    private static Map<Side, PathValidator.Purpose> purposes() {
        Map<Side, PathValidator.Purpose> out = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            out.put(side, purposeOf(side));
        }
        return out;
    }

    private static PathValidator.Purpose purposeOf(Side side) {
        Set<String> ok = new java.util.HashSet<>(IPSEC);
        if (side != Side.SERVER) {
            ok.add(CLIENT_AUTH);
        }
        if (side != Side.CLIENT) {
            ok.add(SERVER_AUTH);
        }
        return new PathValidator.Purpose(ok, true, false);
    }

    private static String revocationNote(X509Certificate cert) {
        boolean cdp = cert.getExtensionValue("2.5.29.31") != null;
        boolean aia = cert.getExtensionValue("1.3.6.1.5.5.7.1.1") != null;
        String where = cdp && aia ? "CRL distribution points and AIA/OCSP present"
                : cdp ? "CRL distribution points present" : aia ? "AIA/OCSP present" : "no CDP or OCSP given";
        return "revocation not checked (" + where + ")";
    }

    /** Emits a key match for end-entity certificates whose own evidence did not say, when the side has keys. */
    private static void matchKeys(List<Cert> certs, List<StoredPrivateKey> keys, FactSink sink) {
        if (keys.isEmpty()) {
            return;
        }
        for (Cert c : certs) {
            if (c.fact().hasPrivateKey() != null || c.fact().ca()) {
                continue;
            }
            Side side = c.fact().side();
            List<StoredPrivateKey> sameSide = keys.stream().filter(k -> k.side() == side).toList();
            if (sameSide.isEmpty()) {
                continue;
            }
            String id = KeyIdentity.of(c.x509().getPublicKey());
            StoredPrivateKey match = sameSide.stream().filter(k -> id.equals(k.publicKeySha256())).findFirst().orElse(null);
            if (match == null && sameSide.stream().anyMatch(k -> k.publicKeySha256() == null)) {
                continue;
            }
            sink.accept(new PrivateKeyMatch(c.fact().ref(), side, null, c.fact().subject(), c.fact().thumbprint(),
                    match != null, match == null ? null : match.ref()));
        }
    }
}
