package dev.vpndiag.benchmarks;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.spi.FactSink;
import dev.vpndiag.plugin.certs.CertsDeriver;
import dev.vpndiag.plugin.certs.CertsProvider;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Facts and chain validation for a store of 1,000 certificates: a client PEM store of 998
 * end-entity certificates under one intermediate and one root, and a server store trusting that
 * root, so every certificate is path-validated.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CertsBenchmark {
    private Evidence clientStore;
    private Evidence serverRoots;

    /** Generates the certificates (EC P-256, to keep set-up short). */
    @Setup
    public void setUp() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(256);
        KeyPair rootKey = gen.generateKeyPair();
        KeyPair interKey = gen.generateKeyPair();
        KeyPair leafKey = gen.generateKeyPair();
        X509Certificate root = cert("CN=Bench Root", "CN=Bench Root", rootKey, rootKey, true, 1);
        X509Certificate inter = cert("CN=Bench Intermediate", "CN=Bench Root", interKey, rootKey, true, 2);
        StringBuilder pem = new StringBuilder(pem(inter));
        for (int i = 0; i < 998; i++) {
            pem.append(pem(cert("CN=host" + i + ".example", "CN=Bench Intermediate", leafKey, interKey, false, 10 + i)));
        }
        clientStore = Evidence.bytes("client/certs/all.pem", pem.toString().getBytes(StandardCharsets.US_ASCII)).withSide(Side.CLIENT);
        serverRoots = Evidence.bytes("server/cacerts/root.pem", (pem(root) + pem(inter)).getBytes(StandardCharsets.US_ASCII))
                .withSide(Side.SERVER);
    }

    private static X509Certificate cert(String subject, String issuer, KeyPair subjectKey, KeyPair issuerKey, boolean ca, long serial)
            throws Exception {
        Instant now = Instant.now();
        var b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(serial), Date.from(now.minusSeconds(3600)),
                Date.from(now.plusSeconds(86_400L * 365)), new X500Name(subject), subjectKey.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
    }

    private static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** Reads both stores and validates every end-entity certificate against the server's anchors. */
    @Benchmark
    public int factsAndValidation() throws Exception {
        List<Fact> facts = new ArrayList<>();
        FactSink sink = new FactSink() {
            @Override
            public void accept(Fact fact) {
                facts.add(fact);
            }

            @Override
            public void problem(String locator, String message) {
            }
        };
        CertsProvider provider = new CertsProvider();
        provider.read(clientStore, sink);
        provider.read(serverRoots, sink);
        int before = facts.size();
        new CertsDeriver().derive(List.copyOf(facts), sink);
        return facts.size() - before;
    }
}
