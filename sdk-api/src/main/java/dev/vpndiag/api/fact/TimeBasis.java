package dev.vpndiag.api.fact;

/** Which clock a time comes from. */
public enum TimeBasis {
    /** The reference time of the attempt (capture or log time corrected by known offsets). */
    TRUE_TIME,
    /** The validating host's own clock. */
    HOST_CLOCK
}
