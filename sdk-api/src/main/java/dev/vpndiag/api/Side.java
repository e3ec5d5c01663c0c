package dev.vpndiag.api;

/** Where a piece of evidence was collected along the connection. */
public enum Side {
    /** The host that dials the VPN (the IKE initiator). */
    CLIENT,
    /** The VPN gateway or server (the IKE responder). */
    SERVER,
    /** A device between the two, such as a router or firewall capture. */
    PATH,
    /** Not stated; rules treat it as possibly either end. */
    UNKNOWN
}
