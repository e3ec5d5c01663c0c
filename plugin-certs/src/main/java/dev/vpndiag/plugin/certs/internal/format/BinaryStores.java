package dev.vpndiag.plugin.certs.internal.format;

import dev.vpndiag.api.spi.EvidenceFormatException;
import dev.vpndiag.api.spi.FactSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;

/** Reads DER certificates, keys and PKCS#7, and PKCS#12/JKS keystores, with BouncyCastle and the JDK. */
public final class BinaryStores {
    private BinaryStores() {
    }

    /** JKS magic number. */
    public static final int JKS_MAGIC = 0xFEEDFEED;
    /** JCEKS magic number. */
    public static final int JCEKS_MAGIC = 0xCECECECE;

    /** Reads a JKS or JCEKS keystore; only certificates are read, so no password is needed. */
    public static void readJks(byte[] content, String source, String type, StoreContents out) throws EvidenceFormatException {
        try {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(new ByteArrayInputStream(content), null);
            readEntries(ks, out);
        } catch (IOException | GeneralSecurityException e) {
            throw new EvidenceFormatException(source, "byte 0", type + " keystore cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a PKCS#12 file. A missing or wrong password is a problem, not an error; the password
     * never appears in a message.
     */
    public static void readPkcs12(byte[] content, String source, char[] password, FactSink sink, StoreContents out)
            throws EvidenceFormatException {
        char[] tried = password == null ? new char[0] : password;
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(content), tried);
            readEntries(ks, out);
        } catch (IOException e) {
            if (isPasswordFailure(e)) {
                sink.problem("byte 0", password == null
                        ? "password required: the PKCS#12 file is protected; give its password with the evidence"
                        : "password incorrect: the PKCS#12 file cannot be opened with the password given");
                return;
            }
            throw new EvidenceFormatException(source, "byte 0", "PKCS#12 cannot be read: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new EvidenceFormatException(source, "byte 0", "PKCS#12 cannot be read: " + e.getMessage(), e);
        }
    }

    private static boolean isPasswordFailure(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnrecoverableKeyException || t instanceof javax.crypto.BadPaddingException) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && m.toLowerCase(java.util.Locale.ROOT).contains("password")) {
                return true;
            }
        }
        return false;
    }

    private static void readEntries(KeyStore ks, StoreContents out) throws GeneralSecurityException {
        out.keysComplete();
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias)) {
                Certificate[] chain = ks.getCertificateChain(alias);
                if (chain == null) {
                    continue;
                }
                for (int i = 0; i < chain.length; i++) {
                    if (chain[i] instanceof X509Certificate x) {
                        out.add(x, "entry " + alias + (i == 0 ? "" : " chain " + i), i == 0);
                    }
                }
            } else if (ks.getCertificate(alias) instanceof X509Certificate x) {
                out.add(x, "entry " + alias, false);
            }
        }
    }

    /**
     * Reads one or more DER objects (certificates, PKCS#7, private keys) laid end to end. Damage
     * after the first object ends the read with what came before kept.
     *
     * @return false when the first object is a PKCS#12 file, which the caller reads as a keystore
     */
    public static boolean readDer(byte[] content, String source, char[] password, FactSink sink, StoreContents out)
            throws EvidenceFormatException {
        int offset = 0;
        try (ASN1InputStream in = new ASN1InputStream(new ByteArrayInputStream(content), content.length)) {
            while (offset < content.length) {
                if (sink.isCancelled()) {
                    return true;
                }
                ASN1Primitive obj = in.readObject();
                if (obj == null) {
                    break;
                }
                String locator = "byte " + offset;
                if (offset == 0 && isPkcs12(obj)) {
                    return false;
                }
                object(obj, locator, source, password, sink, out);
                offset += obj.getEncoded("DER").length;
            }
        } catch (IOException | RuntimeException e) {
            throw new EvidenceFormatException(source, "byte " + offset, "DER damaged: " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw new EvidenceFormatException(source, "byte " + offset, "DER nested too deeply to read");
        }
        return true;
    }

    private static boolean isPkcs12(ASN1Primitive obj) {
        return obj instanceof ASN1Sequence s && s.size() >= 2 && s.getObjectAt(0) instanceof ASN1Integer v
                && v.hasValue(3) && s.getObjectAt(1) instanceof ASN1Sequence;
    }

    /** Classifies one decoded object by its structure and adds what it holds. */
    static void object(ASN1Encodable obj, String locator, String source, char[] password, FactSink sink, StoreContents out)
            throws IOException {
        if (!(obj instanceof ASN1Sequence s) || s.size() < 2) {
            sink.problem(locator, "not a certificate, key or PKCS#7 structure");
            return;
        }
        ASN1Encodable first = s.getObjectAt(0);
        ASN1Encodable second = s.getObjectAt(1);
        if (s.size() == 3 && first instanceof ASN1Sequence && second instanceof ASN1Sequence) {
            certificate(new X509CertificateHolder(org.bouncycastle.asn1.x509.Certificate.getInstance(s)), locator, sink, out);
        } else if (first instanceof ASN1ObjectIdentifier oid) {
            if (oid.equals(CMSObjectIdentifiers.signedData)) {
                pkcs7(ContentInfo.getInstance(s), locator, sink, out);
            } else {
                sink.problem(locator, "content type " + oid.getId() + " holds no certificates");
            }
        } else if (first instanceof ASN1Integer v && second instanceof ASN1Sequence && s.size() >= 3
                && s.getObjectAt(2) instanceof ASN1OctetString) {
            out.add(KeyIdentity.entry(PrivateKeyInfo.getInstance(s), locator, false));
        } else if (first instanceof ASN1Integer v && v.hasValue(0) && s.size() == 9) {
            RSAPrivateKey rsa = RSAPrivateKey.getInstance(s);
            out.add(new StoreContents.KeyEntry(KeyIdentity.of(KeyIdentity.rsaPublic(rsa.getModulus(), rsa.getPublicExponent())),
                    "RSA", rsa.getModulus().bitLength(), locator, false));
        } else if (first instanceof ASN1Integer v && v.hasValue(1) && second instanceof ASN1OctetString) {
            out.add(ecKey(org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(s), locator));
        } else if (first instanceof ASN1Sequence && second instanceof ASN1OctetString && s.size() == 2) {
            encryptedKey(new org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo(EncryptedPrivateKeyInfo.getInstance(s)),
                    locator, password, sink, out);
        } else {
            sink.problem(locator, "not a certificate, key or PKCS#7 structure");
        }
    }

    static StoreContents.KeyEntry ecKey(org.bouncycastle.asn1.sec.ECPrivateKey ec, String locator) throws IOException {
        ASN1Primitive params = ec.getParametersObject() == null ? null : ec.getParametersObject().toASN1Primitive();
        if (ec.getPublicKey() == null || params == null) {
            return new StoreContents.KeyEntry(null, "EC", 0, locator, false);
        }
        AlgorithmIdentifier alg = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, params);
        return KeyIdentity.entry(new PrivateKeyInfo(alg, ec), locator, false);
    }

    /** Decrypts an encrypted PKCS#8 key to learn its public half. */
    static void encryptedKey(org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo info, String locator, char[] password,
                             FactSink sink, StoreContents out) {
        if (password == null) {
            sink.problem(locator, "password required: the private key is encrypted; give its password with the evidence");
            out.add(new StoreContents.KeyEntry(null, null, 0, locator, true));
            return;
        }
        try {
            var decryptor = new org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(Bc.PROVIDER).build(password);
            out.add(KeyIdentity.entry(info.decryptPrivateKeyInfo(decryptor), locator, true));
        } catch (org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.pkcs.PKCSException | RuntimeException e) {
            sink.problem(locator, "password incorrect: the encrypted private key cannot be opened with the password given");
            out.add(new StoreContents.KeyEntry(null, null, 0, locator, true));
        }
    }

    static void pkcs7(ContentInfo info, String locator, FactSink sink, StoreContents out) throws IOException {
        try {
            CMSSignedData signed = new CMSSignedData(info);
            int i = 0;
            for (X509CertificateHolder holder : signed.getCertificates().getMatches(null)) {
                certificate(holder, locator + " certificate " + i++, sink, out);
            }
        } catch (CMSException e) {
            sink.problem(locator, "PKCS#7 cannot be read: " + e.getMessage());
        }
    }

    static void certificate(X509CertificateHolder holder, String locator, FactSink sink, StoreContents out) throws IOException {
        try {
            X509Certificate cert = (X509Certificate) out.factory().generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
            out.add(cert, locator, null);
        } catch (CertificateException e) {
            sink.problem(locator, "certificate rejected by the X.509 decoder: " + e.getMessage());
        }
    }
}
