package dev.vpndiag.plugin.certs.internal.format;

import dev.vpndiag.api.spi.EvidenceFormatException;
import dev.vpndiag.api.spi.FactSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads PEM text: certificates, PKCS#7, PKCS#1/SEC1/PKCS#8 and encrypted keys. Each
 * {@code -----BEGIN} block is decoded on its own, so a damaged block is reported and the others
 * are still read; text between blocks (such as openssl's dump) is skipped.
 */
public final class PemStores {
    /** Largest PEM block accepted, in characters. */
    static final int MAX_BLOCK = 1 << 20;

    private PemStores() {
    }

    /** Reads all blocks of the text. */
    public static void read(String text, String source, char[] password, FactSink sink, StoreContents out)
            throws EvidenceFormatException {
        BufferedReader lines = new BufferedReader(new StringReader(text));
        StringBuilder block = null;
        int blockLine = 0;
        int lineNo = 0;
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNo++;
                if (sink.isCancelled()) {
                    return;
                }
                String t = line.strip();
                if (block == null) {
                    if (t.startsWith("-----BEGIN ")) {
                        block = new StringBuilder(t).append('\n');
                        blockLine = lineNo;
                    }
                    continue;
                }
                block.append(t).append('\n');
                if (block.length() > MAX_BLOCK) {
                    sink.problem("line " + blockLine, "PEM block longer than " + MAX_BLOCK + " characters skipped");
                    block = null;
                } else if (t.startsWith("-----END ")) {
                    decode(block.toString(), "line " + blockLine, password, sink, out);
                    block = null;
                }
            }
        } catch (IOException e) {
            throw new EvidenceFormatException(source, "line " + lineNo, e.getMessage(), e);
        }
        if (block != null) {
            sink.problem("line " + blockLine, "PEM block not terminated (truncated file)");
        }
    }

    private static void decode(String block, String locator, char[] password, FactSink sink, StoreContents out) {
        try (PEMParser parser = new PEMParser(new StringReader(block))) {
            Object obj = parser.readObject();
            if (obj instanceof X509CertificateHolder holder) {
                BinaryStores.certificate(holder, locator, sink, out);
            } else if (obj instanceof ContentInfo info) {
                BinaryStores.pkcs7(info, locator, sink, out);
            } else if (obj instanceof PEMKeyPair pair) {
                StoreContents.KeyEntry e = KeyIdentity.entry(pair.getPrivateKeyInfo(), locator, false);
                out.add(new StoreContents.KeyEntry(KeyIdentity.of(pair.getPublicKeyInfo()), e.algorithm(), e.size(), locator, false));
            } else if (obj instanceof PrivateKeyInfo info) {
                out.add(KeyIdentity.entry(info, locator, false));
            } else if (obj instanceof PKCS8EncryptedPrivateKeyInfo enc) {
                BinaryStores.encryptedKey(enc, locator, password, sink, out);
            } else if (obj instanceof PEMEncryptedKeyPair enc) {
                legacyEncrypted(enc, locator, password, sink, out);
            } else if (obj == null) {
                sink.problem(locator, "PEM block holds nothing readable");
            } else {
                sink.problem(locator, "PEM block of type " + obj.getClass().getSimpleName() + " holds no certificate or key");
            }
        } catch (IOException | RuntimeException e) {
            sink.problem(locator, "damaged PEM block: " + e.getMessage());
        } catch (StackOverflowError e) {
            sink.problem(locator, "PEM block nested too deeply to read");
        }
    }

    private static void legacyEncrypted(PEMEncryptedKeyPair enc, String locator, char[] password, FactSink sink, StoreContents out) {
        if (password == null) {
            sink.problem(locator, "password required: the private key is encrypted; give its password with the evidence");
            out.add(new StoreContents.KeyEntry(null, null, 0, locator, true));
            return;
        }
        try {
            PEMKeyPair pair = enc.decryptKeyPair(new org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder()
                    .setProvider(Bc.PROVIDER).build(password));
            StoreContents.KeyEntry e = KeyIdentity.entry(pair.getPrivateKeyInfo(), locator, true);
            out.add(new StoreContents.KeyEntry(KeyIdentity.of(pair.getPublicKeyInfo()), e.algorithm(), e.size(), locator, true));
        } catch (IOException | RuntimeException e) {
            sink.problem(locator, "password incorrect: the encrypted private key cannot be opened with the password given");
            out.add(new StoreContents.KeyEntry(null, null, 0, locator, true));
        }
    }
}
