package dev.vpndiag.plugin.certs;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.fact.CertificateStore;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.HostPlatform;
import dev.vpndiag.api.fact.Platform;
import dev.vpndiag.api.fact.StoredPrivateKey;
import dev.vpndiag.api.spi.ContentHead;
import dev.vpndiag.api.spi.EvidenceFormatException;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.api.spi.FactSink;
import dev.vpndiag.plugin.certs.internal.dump.WindowsDumps;
import dev.vpndiag.plugin.certs.internal.format.BinaryStores;
import dev.vpndiag.plugin.certs.internal.format.KeyIdentity;
import dev.vpndiag.plugin.certs.internal.format.PemStores;
import dev.vpndiag.plugin.certs.internal.format.StoreContents;
import dev.vpndiag.plugin.certs.internal.store.CertificateFacts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.cert.CertificateEncodingException;
import java.util.Arrays;
import java.util.Set;

/**
 * Reads certificate stores and files into {@link dev.vpndiag.api.fact.StoredCertificate} and
 * {@link StoredPrivateKey} facts: PEM (certificates, PKCS#7, PKCS#1/SEC1/PKCS#8 and encrypted
 * keys), DER certificates, keys and PKCS#7, PKCS#12/PFX, JKS/JCEKS keystores, {@code certutil
 * -store} dumps and PowerShell {@code Format-List} listings of {@code Cert:\} stores.
 *
 * <p>The store of each certificate comes from the evidence attribute {@code store}
 * ({@code machine}, {@code user}, {@code root}, {@code intermediate}), else from a strongSwan folder
 * layout in the evidence name ({@code cacerts/}, {@code certs/}, {@code private/}), else from the
 * dump. Passwords come from {@link Evidence#password()} and never appear in facts or messages.
 *
 * <p>Stateless and thread-safe.
 */
public final class CertsProvider implements FactProvider {

    /** Largest content read; certificate stores are far smaller. */
    static final int MAX_SIZE = 32 * 1024 * 1024;

    /** Creates the provider. */
    public CertsProvider() {
    }

    @Override
    public String id() {
        return "certs";
    }

    @Override
    public Set<String> formats() {
        return Set.of("pem", "der", "pkcs7", "pkcs12", "jks", "jceks", "certutil-store", "powershell-cert-list");
    }

    @Override
    public int sniff(ContentHead head) {
        byte[] b = head.bytes();
        if (b.length >= 4) {
            int magic = ByteBuffer.wrap(b, 0, 4).getInt();
            if (magic == BinaryStores.JKS_MAGIC || magic == BinaryStores.JCEKS_MAGIC) {
                return STRONG_MATCH;
            }
        }
        if (b.length >= 6 && (b[0] & 0xFF) == 0x30) {
            int lenBytes = (b[1] & 0xFF) - 0x80;
            if (lenBytes >= 1 && lenBytes <= 3) {
                long len = 0;
                for (int i = 0; i < lenBytes; i++) {
                    len = (len << 8) | (b[2 + i] & 0xFF);
                }
                int next = b[2 + lenBytes] & 0xFF;
                boolean fits = head.size() < 0 || 2 + lenBytes + len <= head.size();
                if (fits && (next == 0x30 || next == 0x02 || next == 0x06)) {
                    return STRONG_MATCH;
                }
            }
            return NO_MATCH;
        }
        String text = head.text();
        if (text.contains("-----BEGIN ") && text.contains("-----")) {
            return STRONG_MATCH;
        }
        WindowsDumps.Kind kind = WindowsDumps.detect(text);
        if (kind == WindowsDumps.Kind.CERTUTIL || kind == WindowsDumps.Kind.POWERSHELL && text.contains("PSParentPath")) {
            return STRONG_MATCH;
        }
        return kind == null ? NO_MATCH : WEAK_MATCH;
    }

    @Override
    public void read(Evidence evidence, FactSink sink) throws IOException {
        byte[] content;
        try (InputStream in = evidence.open()) {
            content = in.readNBytes(MAX_SIZE + 1);
        }
        if (content.length > MAX_SIZE) {
            throw new EvidenceFormatException(evidence.name(), "byte " + MAX_SIZE, "larger than " + MAX_SIZE
                    + " bytes: not a certificate store");
        }
        sink.progress(content.length);
        char[] password = evidence.password().orElse(null);
        try {
            StoreContents contents = new StoreContents();
            try {
                if (!readContent(content, evidence, password, sink, contents)) {
                    return;
                }
            } finally {
                emit(evidence, contents, sink);
            }
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** Fills the contents; returns false when the content was a dump whose facts were already emitted. */
    private static boolean readContent(byte[] content, Evidence evidence, char[] password, FactSink sink, StoreContents out)
            throws IOException {
        String name = evidence.name();
        if (content.length >= 4) {
            int magic = ByteBuffer.wrap(content, 0, 4).getInt();
            if (magic == BinaryStores.JKS_MAGIC || magic == BinaryStores.JCEKS_MAGIC) {
                BinaryStores.readJks(content, name, magic == BinaryStores.JKS_MAGIC ? "JKS" : "JCEKS", out);
                return true;
            }
        }
        if (content.length > 0 && (content[0] & 0xFF) == 0x30) {
            if (!BinaryStores.readDer(content, name, password, sink, out)) {
                BinaryStores.readPkcs12(content, name, password, sink, out);
            }
            return true;
        }
        String text = new ContentHead(name, content, content.length).text();
        if (text.contains("-----BEGIN ")) {
            PemStores.read(text, name, password, sink, out);
            return true;
        }
        WindowsDumps.Kind kind = WindowsDumps.detect(text);
        if (kind != null) {
            // certutil and PowerShell certificate listings are a Windows host's store
            sink.accept(HostPlatform.of(EvidenceRef.of(name, ""), evidence.side(), Platform.WINDOWS));
            WindowsDumps.read(kind, text, evidence, sink);
            return false;
        }
        throw new EvidenceFormatException(name, "byte 0", "neither PEM, DER, PKCS#12, a keystore nor a certificate dump");
    }

    /** Matches keys to certificates in the same item and emits the facts. */
    private static void emit(Evidence evidence, StoreContents contents, FactSink sink) {
        CertificateStore base = CertificateFacts.baseStore(evidence, null);
        boolean anyUnknownKey = contents.keys().stream().anyMatch(k -> k.publicKeySha256() == null);
        for (StoreContents.CertEntry entry : contents.certs()) {
            Boolean hasKey = entry.hasKey();
            if (hasKey == null) {
                String id = KeyIdentity.of(entry.cert().getPublicKey());
                boolean match = contents.keys().stream().anyMatch(k -> id.equals(k.publicKeySha256()));
                if (match) {
                    hasKey = true;
                } else if (contents.isKeysComplete() || (!contents.keys().isEmpty() && !anyUnknownKey)) {
                    hasKey = false;
                }
            }
            try {
                sink.accept(CertificateFacts.fact(evidence, entry.locator(), entry.cert(),
                        CertificateFacts.storeOf(entry.cert(), base), hasKey));
            } catch (CertificateEncodingException e) {
                sink.problem(entry.locator(), "certificate cannot be re-encoded: " + e.getMessage());
            }
        }
        for (StoreContents.KeyEntry key : contents.keys()) {
            sink.accept(new StoredPrivateKey(EvidenceRef.of(evidence.name(), key.locator() + ": private key"), evidence.side(),
                    null, key.algorithm(), key.size(), key.publicKeySha256(), key.encrypted()));
        }
    }
}
