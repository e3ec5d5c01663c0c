package dev.vpndiag.plugin.eventlog.linux.internal.strongswan;

import dev.vpndiag.api.Layer;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.IkeProposal;
import dev.vpndiag.api.fact.IkeVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads strongSwan's proposal notation, such as {@code IKE:AES_CBC_256/HMAC_SHA1_96/PRF_HMAC_SHA1/MODP_1024}. */
final class ProposalText {
    private ProposalText() {
    }

    /** One proposal per comma-separated entry of {@code list}. */
    static List<IkeProposal> parse(String list, EvidenceRef ref, Side side, Instant time, IkeVersion version,
                                   boolean fromResponder, AuthMethod auth) {
        List<IkeProposal> result = new ArrayList<>(2);
        for (String entry : list.split(",")) {
            String p = entry.strip();
            int colon = p.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String protocol = p.substring(0, colon);
            Layer phase = "IKE".equals(protocol) ? Layer.IKE_MAIN_MODE : Layer.IKE_QUICK_MODE;
            String encryption = null;
            String integrity = null;
            String dh = null;
            for (String alg : p.substring(colon + 1).split("/")) {
                if (alg.isEmpty() || alg.startsWith("PRF_") || alg.endsWith("EXT_SEQ")) {
                    continue;
                }
                if (alg.startsWith("MODP_") || alg.startsWith("ECP_") || alg.startsWith("CURVE_")
                        || alg.startsWith("ECP") || alg.startsWith("MLKEM") || alg.startsWith("KE")) {
                    dh = dh == null ? alg : dh;
                } else if (alg.startsWith("HMAC_") || alg.startsWith("AES_XCBC") || alg.startsWith("AES_CMAC")
                        || alg.startsWith("CAMELLIA_XCBC") || alg.startsWith("AUTH_")) {
                    integrity = integrity == null ? alg : integrity;
                } else {
                    encryption = encryption == null ? alg : encryption;
                }
            }
            result.add(new IkeProposal(ref, side, time, version, phase, fromResponder, encryption, integrity, dh,
                    phase == Layer.IKE_MAIN_MODE ? auth : AuthMethod.UNKNOWN, null, null));
        }
        return result;
    }
}
