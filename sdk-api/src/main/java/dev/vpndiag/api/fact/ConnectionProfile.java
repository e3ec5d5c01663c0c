package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * A configured VPN connection as one side holds it: a Windows phonebook entry
 * ({@code rasphone.pbk}, {@code Get-VpnConnection}) or a strongSwan connection ({@code ipsec.conf}
 * {@code conn}, {@code swanctl.conf} {@code connections}). It says where this side connects to and
 * which identity it requires of the peer, so rules can compare the peer's certificate with the name
 * that was actually dialled.
 *
 * <p>Addresses and identities are kept as written in the configuration (quotes removed). An
 * identity may be a host name, an IP address, an e-mail address or a distinguished name such as
 * {@code C=XX, O=Example, CN=vpn.example.com}; strongSwan's {@code @} prefix (forcing a host-name
 * identity) is kept.
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param name the connection's name (phonebook entry, {@code conn} or {@code connections} section name)
 * @param tunnelType the tunnel protocol configured or tried first: {@code L2TP}, {@code IKEv2},
 *        {@code IKEv1}, {@code IKE} (either version), {@code PPTP}, {@code SSTP} or {@code Automatic}
 *        (the client picks), or null when the configuration does not say
 * @param peerAddress the address this side connects to as written (for a client, the server's host
 *        name or IP address it dials; the first one when several are listed), or null when it
 *        accepts any peer address
 * @param peerIdentity the identity this side requires the peer to prove, as configured; null when
 *        none is configured (the peer's certificate is then checked against {@code peerAddress});
 *        {@link #ANY} when any identity from a trusted certificate is accepted
 * @param localIdentity the identity this side presents, or null when it is not configured (the
 *        certificate subject or the local address is then used)
 * @param localAuthMethod how this side proves itself in IKE; UNKNOWN when the configuration does not say
 * @param peerAuthMethod how the peer must prove itself in IKE (a client's server usually with a
 *        certificate, or the shared key); UNKNOWN when the configuration does not say
 */
public record ConnectionProfile(
        EvidenceRef ref,
        Side side,
        Instant time,
        String name,
        String tunnelType,
        String peerAddress,
        String peerIdentity,
        String localIdentity,
        AuthMethod localAuthMethod,
        AuthMethod peerAuthMethod) implements Fact {

    /** The {@code peerIdentity} that accepts any identity (strongSwan's notation). */
    public static final String ANY = "%any";

    /** Checks the reference and side; absent authentication methods become UNKNOWN. */
    public ConnectionProfile {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
        localAuthMethod = localAuthMethod == null ? AuthMethod.UNKNOWN : localAuthMethod;
        peerAuthMethod = peerAuthMethod == null ? AuthMethod.UNKNOWN : peerAuthMethod;
    }

    /**
     * The name the peer's certificate must carry: {@code peerIdentity} when one is configured,
     * otherwise {@code peerAddress}.
     *
     * @return the expected identity, or null when any identity is accepted or neither is known
     */
    public String expectedPeerIdentity() {
        if (peerIdentity != null) {
            return ANY.equalsIgnoreCase(peerIdentity) ? null : peerIdentity;
        }
        return peerAddress;
    }
}
