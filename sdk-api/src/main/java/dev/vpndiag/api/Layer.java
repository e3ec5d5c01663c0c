package dev.vpndiag.api;

/**
 * The causal chain of an L2TP/IPsec connection, in the order the layers are negotiated. A layer is
 * only reached when every layer before it passed.
 */
public enum Layer {
    /** The network path between the peers: UDP 500/4500 and IP protocol 50 must get through. */
    PATH,
    /** IKE phase 1 (IKEv1 main mode, IKEv2 IKE_SA_INIT + IKE_AUTH). */
    IKE_MAIN_MODE,
    /** IKE phase 2 (IKEv1 quick mode, IKEv2 child SA) protecting UDP 1701. */
    IKE_QUICK_MODE,
    /** Protected traffic: ESP or ESP-in-UDP flowing and decrypting in both directions. */
    ESP,
    /** The L2TP control connection and call on UDP 1701. */
    L2TP,
    /** PPP link control protocol. */
    PPP_LCP,
    /** PPP authentication (PAP, CHAP, MS-CHAPv2, EAP) and remote access policy. */
    PPP_AUTH,
    /** PPP compression control with Microsoft Point-to-Point Encryption. */
    MPPE;

    /** True when this layer is negotiated before {@code other}. */
    public boolean isBefore(Layer other) {
        return ordinal() < other.ordinal();
    }
}
