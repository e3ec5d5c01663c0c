package dev.vpndiag.plugin.eventlog.linux.internal.text;

import dev.vpndiag.api.Side;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Tells from a log's own words which end of the connection wrote it, for a file handed over without
 * a side (a pasted log): an IKE daemon that initiates is the client, one that answers a peer's
 * initiation is the server; xl2tpd names itself the LAC or the LNS; pppd challenges (server) or is
 * challenged (client). The first lines that say so decide; a file whose lines say both (a paste of
 * both ends' logs) stays unknown. Reads at most {@link #MAX_BYTES}.
 */
public final class RoleScan {
    /** Most bytes read to decide. */
    static final int MAX_BYTES = 4 << 20;
    /** Signals needed on one side, with none on the other, to decide early. */
    private static final int ENOUGH = 3;

    private static final String[] CLIENT = {
        // charon
        "initiating Main Mode IKE_SA", "initiating Aggressive Mode IKE_SA", "initiating IKE_SA ",
        // pluto
        "initiating Main Mode", "initiating Aggressive Mode", "initiating v2 parent SA", "initiating IKEv2",
        "initiating IKEv1", "STATE_MAIN_I1", "STATE_PARENT_I1", "sent MI1", "sent Main Mode request",
        // racoon (macOS)
        "Phase1 started (Initiated by me)", "Phase 1 started (Initiated by me)", "IPSec connecting to server ",
        // xl2tpd as LAC; macOS's L2TP plugin
        "Connecting to host ", "Calling on tunnel ", "L2TP connecting to server ", "IPSec connection started",
        // pppd as the authenticated end
        "rcvd [CHAP Challenge", "sent [CHAP Response", "sent [PAP AuthReq", "rcvd [CHAP Success", "rcvd [PAP AuthAck",
        "MS-CHAP authentication failed", "CHAP authentication failed",
        "PAP authentication failed", "CHAP authentication succeeded", "Failed to authenticate ourselves to peer",
    };
    private static final String[] SERVER = {
        // charon
        "is initiating a Main Mode IKE_SA", "is initiating an IKE_SA", "is initiating a Aggressive Mode IKE_SA",
        "is initiating an Aggressive Mode IKE_SA", "no IKE config found for", "received unsupported IKE version",
        "inacceptable, requesting ",
        // pluto
        "responding to Main Mode", "responding to Aggressive Mode", "initial Main Mode message received on",
        "initial Aggressive Mode message received on", "STATE_MAIN_R1", "STATE_PARENT_R1",
        "no connection has been authorized", "responding to IKE_SA_INIT",
        // racoon answering
        "Phase1 started (Initiated by peer)", "Phase 1 started (Initiated by peer)",
        // xl2tpd as LNS
        "LNS session is ", "control_finish: Peer requested tunnel", "Peer requested tunnel",
        // pppd as authenticator
        "sent [CHAP Challenge", "rcvd [CHAP Response", "rcvd [PAP AuthReq", "sent [CHAP Success", "sent [PAP AuthAck",
        "No CHAP secret found for authenticating ", "failed CHAP authentication",
        "PAP peer authentication failed", "CHAP peer authentication succeeded",
    };

    private RoleScan() {
    }

    /** The side whose log this is, or {@link Side#UNKNOWN} when its lines do not say, or say both. */
    public static Side of(InputStream in) throws IOException {
        int client = 0;
        int server = 0;
        long read = 0;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 1 << 16);
        String line;
        while (read < MAX_BYTES && (line = r.readLine()) != null) {
            read += line.length() + 1;
            if (line.length() > 4096) {
                continue;
            }
            client += matches(line, CLIENT) ? 1 : 0;
            server += matches(line, SERVER) ? 1 : 0;
            if (client >= ENOUGH && server == 0 || server >= ENOUGH && client == 0) {
                break;
            }
        }
        if (client > 0 && server == 0) {
            return Side.CLIENT;
        }
        if (server > 0 && client == 0) {
            return Side.SERVER;
        }
        return Side.UNKNOWN;
    }

    private static boolean matches(String line, String[] phrases) {
        for (String p : phrases) {
            if (line.contains(p)) {
                return true;
            }
        }
        return false;
    }
}
