package dev.vpndiag.plugin.pcap.internal.isakmp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Recognises ISAKMP vendor id payloads: the NAT traversal variants (RFC 3947 and the drafts
 * before it, which peers announce to negotiate NAT-T), Microsoft's (Windows IKE and AuthIP) and a
 * few other common ones. Most vendor ids are the MD5 hash of a text, so they are computed from
 * that text here.
 */
public final class VendorIds {
    /** What a vendor id announces. */
    public enum Kind {
        /** Support for a NAT traversal variant (RFC 3947 or one of its drafts). */
        NAT_TRAVERSAL,
        /** A Microsoft implementation or one of its capabilities. */
        MICROSOFT,
        /** Another known vendor id. */
        OTHER,
        /** Not recognised. */
        UNKNOWN
    }

    /**
     * One recognised vendor id.
     *
     * @param kind what it announces
     * @param name its name (the hashed text, with any version suffix), or its hex form when unknown
     */
    public record VendorId(Kind kind, String name) {
    }

    /** Texts whose MD5 is a NAT-T vendor id, in the order the variants appeared. */
    private static final String[] NAT_T = {
        "draft-stenberg-ipsec-nat-traversal-01", "draft-stenberg-ipsec-nat-traversal-02",
        "draft-huttunen-ipsec-esp-in-udp-00", "draft-huttunen-ipsec-esp-in-udp-01",
        "draft-ietf-ipsec-nat-t-ike", "draft-ietf-ipsec-nat-t-ike-00", "draft-ietf-ipsec-nat-t-ike-01",
        "draft-ietf-ipsec-nat-t-ike-02", "draft-ietf-ipsec-nat-t-ike-02\n", "draft-ietf-ipsec-nat-t-ike-03",
        "draft-ietf-ipsec-nat-t-ike-04", "draft-ietf-ipsec-nat-t-ike-05", "draft-ietf-ipsec-nat-t-ike-06",
        "draft-ietf-ipsec-nat-t-ike-07", "draft-ietf-ipsec-nat-t-ike-08", "draft-ietf-ipsec-nat-t-ike-09",
        "RFC 3947",
    };
    /** Texts whose MD5 is a Microsoft vendor id with nothing appended. */
    private static final String[] MICROSOFT = {
        "MS-Negotiation Discovery Capable", "Vid-Initial-Contact", "MS-MamieExists", "IKE CGA version 1",
    };
    /** Windows IKE: MD5 of this text followed by a 4-byte version. */
    private static final String MS_NT5 = "MS NT5 ISAKMPOAKLEY";
    private static final byte[][] NAT_T_IDS = md5All(NAT_T);
    private static final byte[][] MICROSOFT_IDS = md5All(MICROSOFT);
    private static final byte[] MS_NT5_ID = md5(MS_NT5);
    /** Other common ids, compared on their leading bytes (versions and flags may follow). */
    private static final byte[][] OTHER_PREFIXES = {
        hex("afcad71368a1f1c96b8696fc7757"), hex("09002689dfd6b712"), hex("12f5f28c457168a9702d9fe274cc"),
        hex("4048b7d56ebce88525e7de7f00d6c2d3"), hex("882fe56d6fd20dbc2251613b2ebe5beb"),
    };
    private static final String[] OTHER_NAMES = {
        "RFC 3706 DPD", "XAUTH", "CISCO-UNITY", "FRAGMENTATION", "strongSwan",
    };

    private VendorIds() {
    }

    /** Recognises the vendor id in {@code b[off, off + len)}. */
    public static VendorId of(byte[] b, int off, int len) {
        for (int i = 0; i < NAT_T_IDS.length; i++) {
            if (equal(b, off, len, NAT_T_IDS[i])) {
                return new VendorId(Kind.NAT_TRAVERSAL, NAT_T[i].replace("\n", "\\n"));
            }
        }
        for (int i = 0; i < MICROSOFT_IDS.length; i++) {
            if (equal(b, off, len, MICROSOFT_IDS[i])) {
                return new VendorId(Kind.MICROSOFT, MICROSOFT[i]);
            }
        }
        if (len == 20 && equal(b, off, 16, MS_NT5_ID)) {
            long version = (b[off + 16] & 0xFFL) << 24 | (b[off + 17] & 0xFF) << 16 | (b[off + 18] & 0xFF) << 8
                    | (b[off + 19] & 0xFF);
            return new VendorId(Kind.MICROSOFT, MS_NT5 + " version " + version);
        }
        for (int i = 0; i < OTHER_PREFIXES.length; i++) {
            byte[] prefix = OTHER_PREFIXES[i];
            if (len >= prefix.length && equal(b, off, prefix.length, prefix)) {
                return new VendorId(Kind.OTHER, OTHER_NAMES[i]);
            }
        }
        return new VendorId(Kind.UNKNOWN, HexFormat.of().formatHex(b, off, off + len));
    }

    private static boolean equal(byte[] b, int off, int len, byte[] id) {
        return len == id.length && Arrays.equals(b, off, off + len, id, 0, id.length);
    }

    private static byte[][] md5All(String[] texts) {
        byte[][] out = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            out[i] = md5(texts[i]);
        }
        return out;
    }

    private static byte[] md5(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
