package dev.vpndiag.plugin.eventlog.linux;

import static dev.vpndiag.plugin.eventlog.linux.LinuxLogRuns.failures;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Layer;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.spi.ContentHead;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.testing.ProviderRun;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * charon's outcome messages as users quote them: without any envelope (as {@code ipsec up} and
 * {@code swanctl --initiate} print them), and two responder messages whose meaning depends on what
 * follows. Wording from strongSwan's sources: {@code receiver.c} ("received unsupported IKE version
 * %d.%d from %#H, sending INVALID_MAJOR_VERSION"), IKEv2 {@code ike_init.c} ("DH group %N
 * inacceptable, requesting %N", "unacceptable" in later versions), {@code child_create.c}
 * ("received %N notify, no CHILD_SA built"), {@code ike_auth.c} ("failed to establish CHILD_SA,
 * keeping IKE_SA").
 */
class CharonOutcomeLinesTest {
    private static ProviderRun run(String text) {
        return LinuxLogRuns.read("posted.txt", text);
    }

    @Test
    void quotedChildSaRefusalWithoutEnvelopeIsReadAsQuickModeFailure() {
        ProviderRun r = run("""
                received TS_UNACCEPTABLE notify, no CHILD_SA built
                failed to establish CHILD_SA, keeping IKE_SA
                """);
        byte[] line = "received TS_UNACCEPTABLE notify, no CHILD_SA built\n".getBytes(StandardCharsets.UTF_8);
        assertThat(new LinuxLogProvider().sniff(new ContentHead("posted.txt", line, line.length))).isGreaterThan(FactProvider.NO_MATCH);
        assertThat(failures(r)).singleElement().satisfies(e -> {
            assertThat(e.phase()).isEqualTo(Layer.IKE_QUICK_MODE);
            assertThat(e.reason()).isEqualTo(IkeFailureReason.TS_UNACCEPTABLE);
        });
    }

    @Test
    void aNotifyLineWrappedBeforeItsLastWordIsStillRead() {
        ProviderRun r = run("Jan 10 09:00:00 host charon: 12[IKE] received AUTHENTICATION_FAILED notify\n error\n");
        assertThat(failures(r)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(IkeFailureReason.AUTHENTICATION_FAILED));
    }

    /** libcharon/sa/ikev2/tasks/ike_auth.c: "selected peer config '%s' unacceptable: %s" ("inacceptable" before 5.9). */
    @Test
    void aPeerConfigRefusedForTheAuthenticationDoneIsAnAuthMethodMismatch() {
        for (String word : new String[] {"unacceptable", "inacceptable"}) {
            ProviderRun r = run("Mar  3 10:00:00 gw charon: 13[CFG] selected peer config 'ikev2-eap' " + word
                    + ": non-matching authentication done\nMar  3 10:00:00 gw charon: 13[CFG] no alternative config found\n");
            assertThat(failures(r)).as(word).singleElement().satisfies(e -> {
                assertThat(e.phase()).isEqualTo(Layer.IKE_MAIN_MODE);
                assertThat(e.reason()).isEqualTo(IkeFailureReason.AUTH_METHOD_MISMATCH);
            });
        }
    }

    @Test
    void aSpecificConstraintLineBeforeItKeepsItsOwnReason() {
        ProviderRun r = run("""
                Mar  3 10:00:00 gw charon: 13[CFG] constraint check failed: peer not authenticated by CA 'CN=Other CA'
                Mar  3 10:00:00 gw charon: 13[CFG] selected peer config 'ikev2' unacceptable: non-matching authentication done
                """);
        assertThat(failures(r)).singleElement().satisfies(e -> assertThat(e.reason()).isNotEqualTo(IkeFailureReason.AUTH_METHOD_MISMATCH));
    }

    @Test
    void unsupportedIkeVersionIsAResponderWithoutPolicyForThePeer() {
        ProviderRun r = run("""
                Feb 11 20:55:41 gw charon: 03[NET] received unsupported IKE version 1.0 from 198.51.100.7, sending INVALID_MAJOR_VERSION
                Feb 11 20:55:41 gw charon: 03[ENC] generating INFORMATIONAL response 0 [ N(INVAL_MAJOR) ]
                """);
        assertThat(failures(r)).singleElement().satisfies(e -> {
            assertThat(e.side()).isEqualTo(Side.SERVER);
            assertThat(e.phase()).isEqualTo(Layer.IKE_MAIN_MODE);
            assertThat(e.reason()).isEqualTo(IkeFailureReason.POLICY_MISMATCH);
            assertThat(e.peerAddress()).isEqualTo("198.51.100.7");
        });
    }

    @Test
    void aDhGroupRequestTheInitiatorNeverAnsweredIsNoCommonProposal() {
        ProviderRun r = run("""
                Jun  3 10:00:01 gw charon: 07[IKE] 198.51.100.7 is initiating an IKE_SA
                Jun  3 10:00:01 gw charon: 07[IKE] DH group MODP_2048 inacceptable, requesting MODP_4096
                Jun  3 10:00:01 gw charon: 07[ENC] generating IKE_SA_INIT response 0 [ N(INVAL_KE) ]
                """);
        assertThat(failures(r)).singleElement().satisfies(e -> {
            assertThat(e.phase()).isEqualTo(Layer.IKE_MAIN_MODE);
            assertThat(e.reason()).isEqualTo(IkeFailureReason.NO_PROPOSAL_CHOSEN);
            assertThat(e.detail()).contains("never came back");
        });
    }

    /** The usual case: the initiator comes back with the requested group and the SA is set up. */
    @Test
    void aDhGroupRequestTheInitiatorAnsweredIsNoFailure() {
        ProviderRun r = run("""
                Jun  3 10:00:01 gw charon: 07[IKE] 198.51.100.7 is initiating an IKE_SA
                Jun  3 10:00:01 gw charon: 07[IKE] DH group MODP_2048 inacceptable, requesting MODP_4096
                Jun  3 10:00:01 gw charon: 07[ENC] generating IKE_SA_INIT response 0 [ N(INVAL_KE) ]
                Jun  3 10:00:02 gw charon: 08[IKE] 198.51.100.7 is initiating an IKE_SA
                Jun  3 10:00:02 gw charon: 08[ENC] generating IKE_SA_INIT response 0 [ SA KE No N(NATD_S_IP) N(NATD_D_IP) ]
                """);
        assertThat(failures(r)).isEmpty();
    }

    /** IKEv2 responder, {@code ike_init.c}: the peer's IKE proposals listed, then refused as a whole. */
    @Test
    void proposalsUnacceptableAfterIkeProposalsIsNoCommonMainModeProposal() {
        ProviderRun r = run("""
                Sep  4 14:44:03 gw charon: 06[CFG] received proposals: IKE:AES_GCM_16_256/PRF_HMAC_SHA2_256/ECP_256
                Sep  4 14:44:03 gw charon: 06[CFG] configured proposals: IKE:AES_CBC_128/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048
                Sep  4 14:44:03 gw charon: 06[IKE] received proposals unacceptable
                """);
        assertThat(failures(r)).singleElement().satisfies(e -> {
            assertThat(e.phase()).isEqualTo(Layer.IKE_MAIN_MODE);
            assertThat(e.reason()).isEqualTo(IkeFailureReason.NO_PROPOSAL_CHOSEN);
        });
    }

    /**
     * {@code auth_cfg.c} complies(): which constraint of the chosen peer config failed decides the reason; an
     * identity the config requires is a name mismatch, not an untrusted chain.
     */
    @Test
    void aFailedIdentityConstraintIsANameMismatch() {
        ProviderRun r = run("""
                Mar  2 12:00:01 gw charon: 06[CFG]   reached self-signed root ca with a path length of 0
                Mar  2 12:00:01 gw charon: 06[CFG] constraint check failed: identity 'user@example.com' required
                Mar  2 12:00:01 gw charon: 06[CFG] selected peer config 'ikev2-pubkey' unacceptable: constraint checking failed
                """);
        assertThat(failures(r)).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(IkeFailureReason.ID_MISMATCH));
        ProviderRun ca = run("""
                Mar  2 12:00:01 gw charon: 06[CFG] constraint check failed: peer not authenticated by CA 'CN=Other CA'.
                """);
        assertThat(failures(ca)).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(IkeFailureReason.CERT_UNTRUSTED));
    }

    /** {@code ike_auth.c}: the initiator asked for EAP and the config selected for it authenticates otherwise. */
    @Test
    void peerRequestedEapIsAnAuthenticationMethodMismatch() {
        ProviderRun r = run("""
                Mar  2 12:00:01 gw charon: 06[CFG] selected peer config 'ikev2-pubkey'
                Mar  2 12:00:01 gw charon: 06[IKE] peer requested EAP, config inacceptable
                Mar  2 12:00:01 gw charon: 06[CFG] no alternative config found
                """);
        assertThat(failures(r)).first().satisfies(e -> assertThat(e.reason()).isEqualTo(IkeFailureReason.AUTH_METHOD_MISMATCH));
    }

    /** {@code ipsec up} output has no SA tags: its "authentication of .. (myself) with pre-shared key" still names the method. */
    @Test
    void untaggedConsoleOutputStillTellsTheAuthenticationMethod() {
        ProviderRun r = run("""
                initiating IKE_SA home[1] to 198.51.100.1
                parsed IKE_SA_INIT response 0 [ SA KE No N(NATD_S_IP) N(NATD_D_IP) N(FRAG_SUP) N(HASH_ALG) N(MULT_AUTH) ]
                authentication of 'client' (myself) with pre-shared key
                parsed IKE_AUTH response 1 [ N(AUTH_FAILED) ]
                received AUTHENTICATION_FAILED notify error
                establishing connection 'home' failed
                """);
        assertThat(failures(r)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(IkeFailureReason.AUTHENTICATION_FAILED);
            assertThat(e.authMethod()).isEqualTo(dev.vpndiag.api.fact.AuthMethod.PRE_SHARED_KEY);
        });
    }

    /**
     * {@code pubkey_authenticator.c} logs "no trusted %N public key found for '%Y'" both when the chain is not
     * trusted and when a trusted certificate does not carry the identity the peer claims: the credential
     * manager's lines before it ("using trusted ca certificate", "reached self-signed root ca") tell them apart.
     */
    @Test
    void noTrustedKeyAfterATrustedChainIsAnIdentityTheCertificateLacks() {
        ProviderRun idMissing = run("""
                Mar  2 12:00:01 client charon: 09[IKE] received end entity cert "CN=vpn.example.com"
                Mar  2 12:00:01 client charon: 09[CFG]   using certificate "CN=vpn.example.com"
                Mar  2 12:00:01 client charon: 09[CFG]   using trusted ca certificate "CN=Example CA"
                Mar  2 12:00:01 client charon: 09[CFG]   reached self-signed root ca with a path length of 0
                Mar  2 12:00:01 client charon: 09[IKE] no trusted RSA public key found for '203.0.113.5'
                """);
        assertThat(failures(idMissing)).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(IkeFailureReason.ID_MISMATCH));
        ProviderRun untrusted = run("""
                Mar  2 12:00:01 client charon: 09[IKE] received end entity cert "CN=vpn.example.com"
                Mar  2 12:00:01 client charon: 09[CFG]   using certificate "CN=vpn.example.com"
                Mar  2 12:00:01 client charon: 09[IKE] no trusted RSA public key found for 'CN=vpn.example.com'
                """);
        assertThat(failures(untrusted)).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(IkeFailureReason.CERT_UNTRUSTED));
    }

    /** IKEv1: INVALID_ID_INFORMATION answering main mode's identity message refuses the identity, not quick mode's selectors. */
    @Test
    void invalidIdInformationDuringMainModeIsARefusedIdentity() {
        ProviderRun r = run("""
                initiating Main Mode IKE_SA home[1] to 198.51.100.1
                parsed ID_PROT response 0 [ SA V V V ]
                parsed ID_PROT response 0 [ KE No NAT-D NAT-D ]
                generating ID_PROT request 0 [ ID HASH N(INITIAL_CONTACT) ]
                parsed INFORMATIONAL_V1 request 3394683512 [ HASH N(INVAL_ID) ]
                received INVALID_ID_INFORMATION error notify
                establishing connection 'home' failed
                """);
        assertThat(failures(r)).singleElement().satisfies(e -> {
            assertThat(e.phase()).isEqualTo(Layer.IKE_MAIN_MODE);
            assertThat(e.reason()).isEqualTo(IkeFailureReason.ID_MISMATCH);
        });
    }
}
