package dev.vpndiag.plugin.pcap.internal.isakmp;

import dev.vpndiag.plugin.pcap.internal.net.Ip;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * NAT-D hashes, HASH(CKY-I | CKY-R | IP | port), with the hash chosen by the payload's length
 * (IKEv2: SHA-1). The digests are kept per algorithm and the last few results are remembered,
 * since every message of an IKE SA hashes the same few address and port pairs.
 */
final class NatHashes {
    private static final int CACHED = 8;

    private final MessageDigest[] digests = new MessageDigest[5];
    private final byte[] input = new byte[16 + 16 + 2];
    private final int[] lengths = new int[CACHED];
    private final long[] ispis = new long[CACHED];
    private final long[] rspis = new long[CACHED];
    private final boolean[] v6s = new boolean[CACHED];
    private final long[] his = new long[CACHED];
    private final long[] los = new long[CACHED];
    private final int[] ports = new int[CACHED];
    private final byte[][] results = new byte[CACHED][];
    private int next;

    /**
     * The hash for one address and port; callers must not modify the array returned.
     *
     * @param length the NAT-D payload length, which selects the algorithm
     * @return the hash, or null when no algorithm has that length
     */
    byte[] hash(int length, long ispi, long rspi, boolean v6, long hi, long lo, int port) {
        for (int i = 0; i < CACHED; i++) {
            if (results[i] != null && lengths[i] == length && ispis[i] == ispi && rspis[i] == rspi && los[i] == lo
                    && ports[i] == port && his[i] == hi && v6s[i] == v6) {
                return results[i];
            }
        }
        MessageDigest md = digest(length);
        if (md == null) {
            return null;
        }
        int n = 0;
        n = put(ispi, n);
        n = put(rspi, n);
        byte[] address = Ip.bytes(v6, hi, lo);
        System.arraycopy(address, 0, input, n, address.length);
        n += address.length;
        input[n++] = (byte) (port >> 8);
        input[n++] = (byte) port;
        md.reset();
        md.update(input, 0, n);
        byte[] result = md.digest();
        int slot = next;
        next = (next + 1) % CACHED;
        lengths[slot] = length;
        ispis[slot] = ispi;
        rspis[slot] = rspi;
        v6s[slot] = v6;
        his[slot] = hi;
        los[slot] = lo;
        ports[slot] = port;
        results[slot] = result;
        return result;
    }

    private int put(long v, int n) {
        for (int i = 0; i < 8; i++) {
            input[n + i] = (byte) (v >>> (56 - 8 * i));
        }
        return n + 8;
    }

    private MessageDigest digest(int length) {
        int index;
        String algorithm;
        switch (length) {
            case 16 -> { index = 0; algorithm = "MD5"; }
            case 20 -> { index = 1; algorithm = "SHA-1"; }
            case 32 -> { index = 2; algorithm = "SHA-256"; }
            case 48 -> { index = 3; algorithm = "SHA-384"; }
            case 64 -> { index = 4; algorithm = "SHA-512"; }
            default -> {
                return null;
            }
        }
        if (digests[index] == null) {
            try {
                digests[index] = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                return null;
            }
        }
        return digests[index];
    }
}
