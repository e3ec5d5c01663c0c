package dev.vpndiag.plugin.certs.internal.path;

import dev.vpndiag.api.fact.ChainFailure;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * RFC 5280 path building and validation with the JDK's PKIX implementation (revocation off), plus
 * the end-entity purpose check IKE peers apply, and a classification of why a path failed.
 *
 * <p>Immutable and thread-safe.
 */
public final class PathValidator {

    /** Longest chain the diagnostic walk follows. */
    private static final int MAX_WALK = 10;

    /** Extended key usage OID meaning "any purpose". */
    public static final String ANY_EKU = "2.5.29.37.0";

    /**
     * What the end-entity certificate must be good for.
     *
     * @param acceptableEku EKU OIDs of which at least one must be present when the certificate has an
     *                      EKU extension (anyExtendedKeyUsage always passes); empty for no check
     * @param requireSignatureKeyUsage when a key usage extension is present it must allow digital
     *                                 signatures (digitalSignature or nonRepudiation)
     * @param ekuRequired the EKU extension must be present
     */
    public record Purpose(Set<String> acceptableEku, boolean requireSignatureKeyUsage, boolean ekuRequired) {
        /** Copies the set. */
        public Purpose {
            acceptableEku = Set.copyOf(acceptableEku);
        }

        /** No purpose check at all. */
        public static Purpose any() {
            return new Purpose(Set.of(), false, false);
        }
    }

    /**
     * The outcome.
     *
     * @param valid   a valid path was found and the purpose fits
     * @param failure why not; NONE when valid
     * @param detail  explanation for people
     * @param path    the certificates of the path found or examined, end entity first (anchor last
     *                when reached)
     */
    public record Result(boolean valid, ChainFailure failure, String detail, List<X509Certificate> path) {
        /** Copies the path. */
        public Result {
            path = List.copyOf(path);
        }
    }

    private final CertificateFactory factory;

    /** Creates a validator. */
    public PathValidator() {
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException("X.509 not available", e);
        }
    }

    /**
     * What one side trusts and holds, prepared once and reused for every end-entity certificate
     * validated against it: the trust anchors, the certificate store of intermediates and the
     * signature checks already made. Thread-safe.
     */
    public static final class Trust {
        private final CheckedCertificate.KeyCache cache;
        private final List<X509Certificate> anchors;
        private final Set<X509Certificate> anchorSet;
        private final List<X509Certificate> intermediates;
        private final List<X509Certificate> wider;
        private final Set<TrustAnchor> trustAnchors = new LinkedHashSet<>();
        private final List<String> refused = new ArrayList<>();
        private final CertStore store;

        private Trust(CheckedCertificate.KeyCache cache, Collection<X509Certificate> anchors,
                      Collection<X509Certificate> intermediates, Collection<X509Certificate> wider) {
            this.cache = cache;
            this.anchors = anchors.stream().map(cache::wrap).distinct().toList();
            this.anchorSet = new HashSet<>(this.anchors);
            this.intermediates = intermediates.stream().map(cache::wrap).distinct().toList();
            this.wider = wider.stream().map(cache::wrap).distinct().toList();
            for (X509Certificate a : this.anchors) {
                String why = unusableAnchor(a);
                if (why == null) {
                    trustAnchors.add(anchor(a));
                } else {
                    refused.add(a.getSubjectX500Principal().getName() + ": " + why);
                }
            }
            try {
                store = CertStore.getInstance("Collection", new CollectionCertStoreParameters(this.intermediates));
            } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException e) {
                throw new IllegalStateException("collection certificate store not available", e);
            }
        }

        /** Number of trust anchors given. */
        public int anchorCount() {
            return anchors.size();
        }
    }

    /**
     * Signature checks shared by all {@link Trust}s of one validation run, so a signature is
     * verified once however many paths it is part of. Thread-safe.
     */
    public static final class Checks {
        private final CheckedCertificate.KeyCache cache = new CheckedCertificate.KeyCache();

        /** Creates an empty set of checks. */
        public Checks() {
        }

        /**
         * Prepares a trust set.
         *
         * @param anchors       trusted roots
         * @param intermediates untrusted certificates available for path building
         * @param wider         every other certificate known (used only to explain a failure, e.g.
         *                      an intermediate the validating side lacks); may be empty
         */
        public Trust trust(Collection<X509Certificate> anchors, Collection<X509Certificate> intermediates,
                           Collection<X509Certificate> wider) {
            return new Trust(cache, anchors, intermediates, wider);
        }
    }

    /**
     * Validates an end-entity certificate, preparing the trust set for this one call.
     *
     * @param endEntity     the certificate to validate
     * @param anchors       trusted roots
     * @param intermediates untrusted certificates available for path building
     * @param wider         every other certificate known (used only to explain a failure, e.g. an
     *                      intermediate the validating side lacks); may be empty
     * @param at            validity time
     * @param purpose       purpose check for the end entity
     * @param maxIntermediates the most intermediate certificates a path may hold, or -1 for no limit
     */
    public Result validate(X509Certificate endEntity, Collection<X509Certificate> anchors,
                           Collection<X509Certificate> intermediates, Collection<X509Certificate> wider,
                           Instant at, Purpose purpose, int maxIntermediates) {
        return validate(endEntity, new Checks().trust(anchors, intermediates, wider), at, purpose, maxIntermediates);
    }

    /**
     * Validates an end-entity certificate against a prepared trust set.
     *
     * @param endEntity     the certificate to validate
     * @param trust         anchors and intermediates of the validating side
     * @param at            validity time
     * @param purpose       purpose check for the end entity
     * @param maxIntermediates the most intermediate certificates a path may hold, or -1 for no limit
     */
    public Result validate(X509Certificate endEntity, Trust trust, Instant at, Purpose purpose, int maxIntermediates) {
        if (trust.anchors.isEmpty()) {
            return new Result(false, ChainFailure.NO_PATH, "no trust anchors to validate against", List.of(endEntity));
        }
        if (trust.trustAnchors.isEmpty()) {
            return new Result(false, ChainFailure.OTHER, "no usable trust anchor: " + String.join("; ", trust.refused),
                    List.of(endEntity));
        }
        X509Certificate ee = trust.cache.wrap(endEntity);
        Date date = Date.from(at);
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(ee);
            PKIXBuilderParameters params = new PKIXBuilderParameters(trust.trustAnchors, target);
            params.setRevocationEnabled(false);
            params.setDate(date);
            params.setMaxPathLength(maxIntermediates);
            params.addCertStore(trust.store);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(ee))));
            CertPathBuilder builder = CertPathBuilder.getInstance("PKIX");
            var built = (java.security.cert.PKIXCertPathBuilderResult) builder.build(params);
            List<X509Certificate> path = new ArrayList<>();
            for (var c : built.getCertPath().getCertificates()) {
                path.add((X509Certificate) c);
            }
            path.add(built.getTrustAnchor().getTrustedCert());
            String ncProblem = anchorNameConstraintProblem(path);
            if (ncProblem != null) {
                return new Result(false, ChainFailure.OTHER, ncProblem, path);
            }
            String purposeProblem = purposeProblem(ee, purpose);
            if (purposeProblem != null) {
                return new Result(false, ChainFailure.WRONG_PURPOSE, purposeProblem, path);
            }
            return new Result(true, ChainFailure.NONE, "valid path of " + path.size() + " certificates to "
                    + path.get(path.size() - 1).getSubjectX500Principal().getName(), path);
        } catch (CertPathBuilderException e) {
            return explain(ee, trust, date, maxIntermediates);
        } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException e) {
            return new Result(false, ChainFailure.OTHER, "validator not usable: " + e.getMessage(), List.of(endEntity));
        }
    }

    /** Finds out why no path was built: runs the PKIX validator on the best candidate path. */
    private Result explain(X509Certificate ee, Trust trust, Date date, int maxIntermediates) {
        Set<X509Certificate> anchorSet = trust.anchorSet;
        List<X509Certificate> intermediates = trust.intermediates;
        List<X509Certificate> local = new ArrayList<>(intermediates);
        local.addAll(trust.anchors);
        List<X509Certificate> candidate = walk(ee, local, anchorSet);
        if (candidate != null) {
            return validateCandidate(candidate, date, maxIntermediates);
        }
        List<X509Certificate> everything = new ArrayList<>(local);
        everything.addAll(trust.wider);
        List<X509Certificate> widerPath = walk(ee, everything, anchorSet);
        if (widerPath != null) {
            List<String> missing = new ArrayList<>();
            for (X509Certificate c : widerPath.subList(1, widerPath.size() - 1)) {
                if (!intermediates.contains(c)) {
                    missing.add(c.getSubjectX500Principal().getName());
                }
            }
            return new Result(false, ChainFailure.MISSING_INTERMEDIATE,
                    "intermediate certificate " + String.join(", ", missing)
                            + " exists in the evidence but not among the validating side's certificates", widerPath);
        }
        List<X509Certificate> partial = longestWalk(ee, everything);
        X509Certificate top = partial.get(partial.size() - 1);
        String detail;
        if (selfIssued(top) && verifies(top, top)) {
            detail = "chain ends at root " + top.getSubjectX500Principal().getName() + ", which is not a trust anchor here";
        } else {
            boolean nameKnown = everything.stream().anyMatch(c -> c.getSubjectX500Principal().equals(top.getIssuerX500Principal()));
            detail = "issuer " + top.getIssuerX500Principal().getName() + " of " + top.getSubjectX500Principal().getName()
                    + (nameKnown ? " is present but its key does not verify the signature" : " is not among the certificates given");
            if (nameKnown) {
                return new Result(false, ChainFailure.BAD_SIGNATURE, detail, partial);
            }
        }
        return new Result(false, ChainFailure.NO_PATH, detail, partial);
    }

    private Result validateCandidate(List<X509Certificate> candidate, Date date, int maxIntermediates) {
        X509Certificate anchor = candidate.get(candidate.size() - 1);
        try {
            CertPath path = factory.generateCertPath(candidate.subList(0, candidate.size() - 1));
            PKIXParameters params = new PKIXParameters(Set.of(anchor(anchor)));
            params.setRevocationEnabled(false);
            params.setDate(date);
            CertPathValidator.getInstance("PKIX").validate(path, params);
            int intermediates = candidate.size() - 2;
            if (maxIntermediates >= 0 && intermediates > maxIntermediates) {
                return new Result(false, ChainFailure.OTHER, "path holds " + intermediates
                        + " intermediates, more than the allowed " + maxIntermediates, candidate);
            }
            return new Result(false, ChainFailure.OTHER, "a path exists but the path builder rejected it", candidate);
        } catch (CertPathValidatorException e) {
            return new Result(false, classify(e), describe(e, candidate), candidate);
        } catch (java.security.GeneralSecurityException e) {
            return new Result(false, ChainFailure.OTHER, e.getMessage(), candidate);
        }
    }

    private static String describe(CertPathValidatorException e, List<X509Certificate> candidate) {
        int index = e.getIndex();
        String where = index >= 0 && index < candidate.size()
                ? " (certificate " + candidate.get(index).getSubjectX500Principal().getName() + ")" : "";
        return e.getReason() + ": " + e.getMessage() + where;
    }

    /** Critical extensions the JDK's PKIX implementation processes. */
    private static final Set<String> KNOWN_CRITICAL = Set.of(
            "2.5.29.14", "2.5.29.15", "2.5.29.17", "2.5.29.18", "2.5.29.19", "2.5.29.30",
            "2.5.29.32", "2.5.29.33", "2.5.29.35", "2.5.29.36", "2.5.29.37", "2.5.29.54");

    /** Why a trust anchor cannot be used (an extension it must not ignore), or null. */
    private static String unusableAnchor(X509Certificate anchor) {
        Set<String> critical = anchor.getCriticalExtensionOIDs();
        if (critical != null) {
            for (String oid : critical) {
                if (!KNOWN_CRITICAL.contains(oid)) {
                    return "unrecognised critical extension " + oid;
                }
            }
        }
        return null;
    }

    /** A trust anchor; its own name constraints are enforced separately (the JDK does not take them). */
    private static TrustAnchor anchor(X509Certificate cert) {
        return new TrustAnchor(cert, null);
    }

    /**
     * Applies the trust anchor certificate's name constraints to the path below it (RFC 5280 6.1.3
     * b/c with the anchor's constraints as initial state), with BouncyCastle's name constraint
     * validator. Returns why the path violates them, or null.
     */
    static String anchorNameConstraintProblem(List<X509Certificate> path) {
        X509Certificate anchor = path.get(path.size() - 1);
        byte[] wrapped = anchor.getExtensionValue("2.5.29.30");
        if (wrapped == null) {
            return null;
        }
        try {
            var nc = org.bouncycastle.asn1.x509.NameConstraints.getInstance(
                    org.bouncycastle.asn1.ASN1OctetString.getInstance(wrapped).getOctets());
            var checker = new org.bouncycastle.jce.provider.PKIXNameConstraintValidator();
            if (nc.getPermittedSubtrees() != null) {
                checker.intersectPermittedSubtree(nc.getPermittedSubtrees());
            }
            if (nc.getExcludedSubtrees() != null) {
                for (var subtree : nc.getExcludedSubtrees()) {
                    checker.addExcludedSubtree(subtree);
                }
            }
            for (int i = 0; i < path.size() - 1; i++) {
                X509Certificate c = path.get(i);
                if (i > 0 && selfIssued(c)) {
                    continue;
                }
                var holder = new org.bouncycastle.cert.X509CertificateHolder(c.getEncoded());
                var subject = holder.getSubject();
                if (!subject.toString().isEmpty()) {
                    var dn = new org.bouncycastle.asn1.x509.GeneralName(subject);
                    checker.checkPermitted(dn);
                    checker.checkExcluded(dn);
                }
                var san = org.bouncycastle.asn1.x509.GeneralNames.fromExtensions(holder.getExtensions(),
                        org.bouncycastle.asn1.x509.Extension.subjectAlternativeName);
                if (san != null) {
                    for (var name : san.getNames()) {
                        checker.checkPermitted(name);
                        checker.checkExcluded(name);
                    }
                }
            }
            return null;
        } catch (org.bouncycastle.jce.provider.PKIXNameConstraintValidatorException e) {
            return "name constraints of trust anchor " + anchor.getSubjectX500Principal().getName() + ": " + e.getMessage();
        } catch (java.io.IOException | java.security.cert.CertificateEncodingException | RuntimeException e) {
            return "name constraints of trust anchor cannot be read: " + e.getMessage();
        }
    }

    static ChainFailure classify(CertPathValidatorException e) {
        var reason = e.getReason();
        if (reason == CertPathValidatorException.BasicReason.EXPIRED) {
            return ChainFailure.EXPIRED;
        }
        if (reason == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return ChainFailure.NOT_YET_VALID;
        }
        if (reason == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
            return ChainFailure.BAD_SIGNATURE;
        }
        if (reason == PKIXReason.INVALID_KEY_USAGE) {
            return ChainFailure.WRONG_PURPOSE;
        }
        if (reason == PKIXReason.NO_TRUST_ANCHOR) {
            return ChainFailure.NO_PATH;
        }
        return ChainFailure.OTHER;
    }

    /** Depth-first search from the end entity to an anchor by name and signature, ignoring validity. */
    private static List<X509Certificate> walk(X509Certificate ee, List<X509Certificate> pool, Set<X509Certificate> anchors) {
        List<X509Certificate> path = new ArrayList<>();
        path.add(ee);
        if (anchors.contains(ee)) {
            return null;
        }
        return dfs(path, pool, anchors) ? path : null;
    }

    private static boolean dfs(List<X509Certificate> path, List<X509Certificate> pool, Set<X509Certificate> anchors) {
        if (path.size() > MAX_WALK) {
            return false;
        }
        X509Certificate current = path.get(path.size() - 1);
        for (X509Certificate issuer : issuersOf(current, pool)) {
            if (path.contains(issuer)) {
                continue;
            }
            path.add(issuer);
            if (anchors.contains(issuer) || dfs(path, pool, anchors)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    private static List<X509Certificate> longestWalk(X509Certificate ee, List<X509Certificate> pool) {
        List<X509Certificate> path = new ArrayList<>();
        path.add(ee);
        while (path.size() <= MAX_WALK) {
            X509Certificate current = path.get(path.size() - 1);
            X509Certificate next = null;
            for (X509Certificate issuer : issuersOf(current, pool)) {
                if (!path.contains(issuer)) {
                    next = issuer;
                    break;
                }
            }
            if (next == null) {
                break;
            }
            path.add(next);
        }
        return path;
    }

    private static List<X509Certificate> issuersOf(X509Certificate cert, List<X509Certificate> pool) {
        X500Principal issuerName = cert.getIssuerX500Principal();
        List<X509Certificate> out = new ArrayList<>();
        for (X509Certificate c : pool) {
            if (c.getSubjectX500Principal().equals(issuerName) && !c.equals(cert) && verifies(cert, c)) {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean selfIssued(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }

    private static boolean verifies(X509Certificate cert, X509Certificate issuer) {
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The reason the end entity's key usage or EKU rules out the purpose, or null when it fits. */
    static String purposeProblem(X509Certificate ee, Purpose purpose) {
        if (purpose.requireSignatureKeyUsage()) {
            boolean[] ku = ee.getKeyUsage();
            if (ku != null && !(ku.length > 0 && ku[0]) && !(ku.length > 1 && ku[1])) {
                return "key usage does not allow digital signatures";
            }
        }
        if (purpose.acceptableEku().isEmpty()) {
            return null;
        }
        List<String> eku;
        try {
            eku = ee.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return "extended key usage cannot be read: " + e.getMessage();
        }
        if (eku == null) {
            return purpose.ekuRequired() ? "extended key usage missing" : null;
        }
        for (String oid : eku) {
            if (oid.equals(ANY_EKU) || purpose.acceptableEku().contains(oid)) {
                return null;
            }
        }
        return "extended key usage " + eku + " allows none of " + purpose.acceptableEku();
    }
}
