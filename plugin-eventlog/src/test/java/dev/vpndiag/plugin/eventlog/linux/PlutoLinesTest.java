package dev.vpndiag.plugin.eventlog.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.IkeVersion;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.testing.ProviderRun;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * libreswan and Openswan pluto logs read through {@link LinuxLogProvider}. Every log below is
 * written in the exact format pluto prints; the comment lines ({@code # }, skipped by the
 * envelope reader) name the version and the source file and function each message comes from.
 * Addresses are documentation addresses: the server (responder) is 203.0.113.5, the L2TP client
 * 198.51.100.7 (behind a NAT at home: 192.168.1.23).
 */
class PlutoLinesTest {
    private final LinuxLogProvider provider = new LinuxLogProvider();

    private ProviderRun run(String name, Side side, String log) {
        return ProviderRun.of(provider, Evidence.bytes(name, log.getBytes(StandardCharsets.UTF_8)).withSide(side));
    }

    private static List<IkeSaEvent> events(ProviderRun r) {
        return r.factsOf(IkeSaEvent.class);
    }

    private static List<IkeSaEvent> failures(ProviderRun r) {
        return events(r).stream().filter(e -> e.outcome() == IkeOutcome.FAILED).toList();
    }

    private static List<IkeSaEvent> of(ProviderRun r, IkeOutcome outcome) {
        return events(r).stream().filter(e -> e.outcome() == outcome).toList();
    }

    // ---- phase 1 and phase 2 established, NAT, SPIs

    @Test
    void openswanResponderBehindNatEstablishesBothPhases() {
        String log = """
                # Openswan 2.6.38 pluto, syslog of an L2TP/IPsec server; the Windows client is behind a NAT
                # programs/pluto/ikev1_main.c main_inI1_outR1(): "responding to Main Mode from unknown peer %s"
                Mar  3 09:12:01 gw pluto[2143]: "L2TP-PSK-NAT"[3] 198.51.100.7 #5: responding to Main Mode from unknown peer 198.51.100.7
                # programs/pluto/ikev1.c complete_v1_state_transition(): "transition from state %s to state %s", then "%s: %s%s"
                Mar  3 09:12:01 gw pluto[2143]: "L2TP-PSK-NAT"[3] 198.51.100.7 #5: transition from state STATE_MAIN_R0 to state STATE_MAIN_R1
                Mar  3 09:12:01 gw pluto[2143]: "L2TP-PSK-NAT"[3] 198.51.100.7 #5: STATE_MAIN_R1: sent MR1, expecting MI2
                # programs/pluto/nat_traversal.c nat_traversal_show_result(): "NAT-Traversal: Result using %s: %s"
                Mar  3 09:12:01 gw pluto[2143]: "L2TP-PSK-NAT"[3] 198.51.100.7 #5: NAT-Traversal: Result using RFC 3947 (NAT-Traversal): peer is NATed
                Mar  3 09:12:01 gw pluto[2143]: "L2TP-PSK-NAT"[3] 198.51.100.7 #5: transition from state STATE_MAIN_R1 to state STATE_MAIN_R2
                Mar  3 09:12:01 gw pluto[2143]: "L2TP-PSK-NAT"[3] 198.51.100.7 #5: STATE_MAIN_R2: sent MR2, expecting MI3
                # programs/pluto/ipsec_doi.c decode_peer_id(): "%s mode peer ID is %s: '%s'"
                Mar  3 09:12:01 gw pluto[2143]: "L2TP-PSK-NAT"[3] 198.51.100.7 #5: Main mode peer ID is ID_IPV4_ADDR: '192.168.1.23'
                Mar  3 09:12:01 gw pluto[2143]: "L2TP-PSK-NAT"[3] 198.51.100.7 #5: transition from state STATE_MAIN_R2 to state STATE_MAIN_R3
                # programs/pluto/ipsec_doi.c fmt_isakmp_sa_established(): " {auth=%s cipher=%s_%d%s%s prf=%s group=modp%d}"
                Mar  3 09:12:01 gw pluto[2143]: "L2TP-PSK-NAT"[3] 198.51.100.7 #5: STATE_MAIN_R3: sent MR3, ISAKMP SA established {auth=OAKLEY_PRESHARED_KEY cipher=oakley_3des_cbc_192 prf=oakley_sha group=modp1024}
                # programs/pluto/ikev1_quick.c quick_inI1_outR1_cryptotail(): "responding to Quick Mode proposal {msgid:%08x}", "    us: %s", "  them: %s"
                Mar  3 09:12:02 gw pluto[2143]: "L2TP-PSK-NAT"[3] 198.51.100.7 #6: responding to Quick Mode proposal {msgid:a3e4f0e1}
                Mar  3 09:12:02 gw pluto[2143]: "L2TP-PSK-NAT"[3] 198.51.100.7 #6:     us: 203.0.113.5<203.0.113.5>[+S=C]:17/1701
                Mar  3 09:12:02 gw pluto[2143]: "L2TP-PSK-NAT"[3] 198.51.100.7 #6:   them: 198.51.100.7[192.168.1.23,+S=C]:17/1701===192.168.1.23/32
                Mar  3 09:12:02 gw pluto[2143]: "L2TP-PSK-NAT"[3] 198.51.100.7 #6: transition from state STATE_QUICK_R0 to state STATE_QUICK_R1
                Mar  3 09:12:02 gw pluto[2143]: "L2TP-PSK-NAT"[3] 198.51.100.7 #6: STATE_QUICK_R1: sent QR1, inbound IPsec SA installed, expecting QI2
                # programs/pluto/ipsec_doi.c fmt_ipsec_sa_established(): "%sESP%s=>0x%08lx <0x%08lx xfrm=%s_%d-%s", natinfo "/NAT"
                Mar  3 09:12:02 gw pluto[2143]: "L2TP-PSK-NAT"[3] 198.51.100.7 #6: STATE_QUICK_R2: IPsec SA established transport mode {ESP/NAT=>0x2c9d41f6 <0x9a0e1f4b xfrm=AES_128-HMAC_SHA1 NATOA=none NATD=198.51.100.7:4500 DPD=none}
                """;
        ProviderRun r = run("secure.log", Side.SERVER, log);
        assertThat(r.problems()).isEmpty();
        assertThat(failures(r)).isEmpty();
        assertThat(events(r)).extracting(IkeSaEvent::phase, IkeSaEvent::outcome).containsExactly(
                tuple(Layer.IKE_MAIN_MODE, IkeOutcome.STARTED),
                tuple(Layer.IKE_MAIN_MODE, IkeOutcome.ESTABLISHED),
                tuple(Layer.IKE_QUICK_MODE, IkeOutcome.STARTED),
                tuple(Layer.IKE_QUICK_MODE, IkeOutcome.ESTABLISHED));
        IkeSaEvent mm = of(r, IkeOutcome.ESTABLISHED).get(0);
        assertThat(mm.version()).isEqualTo(IkeVersion.IKEV1);
        assertThat(mm.authMethod()).isEqualTo(AuthMethod.PRE_SHARED_KEY);
        assertThat(mm.peerAddress()).isEqualTo("198.51.100.7");
        assertThat(mm.detail()).endsWith("; NAT detected: remote host is behind NAT");
        IkeSaEvent qm = of(r, IkeOutcome.ESTABLISHED).get(1);
        assertThat(qm.localAddress()).isEqualTo("203.0.113.5");
        assertThat(qm.peerAddress()).isEqualTo("198.51.100.7");
        assertThat(qm.authMethod()).isEqualTo(AuthMethod.PRE_SHARED_KEY);
        assertThat(qm.detail()).contains("ESP/NAT=>0x2c9d41f6 <0x9a0e1f4b").contains("NAT detected");
    }

    @Test
    void libreswan5Ikev2EstablishesIkeAndChildSa() {
        String log = """
                # libreswan 5.x pluto, journalctl -o short-iso (microseconds) of an IKEv2 client
                # programs/pluto/ikev2_ike_sa_init.c initiate_v2_IKE_SA_INIT_request(): "initiating IKEv2 connection to %s using %s"
                2026-11-23T10:01:02.345678+0000 laptop pluto[812]: "l2tp-ikev2" #1: initiating IKEv2 connection to 203.0.113.5 using UDP
                # programs/pluto/ikev2.c: "sent %s request to %s", "processed %s response from %s {...}, initiating %s"
                2026-11-23T10:01:02.351002+0000 laptop pluto[812]: "l2tp-ikev2" #1: sent IKE_SA_INIT request to 203.0.113.5:UDP/500
                2026-11-23T10:01:02.402311+0000 laptop pluto[812]: "l2tp-ikev2" #1: processed IKE_SA_INIT response from 203.0.113.5:UDP/500 {cipher=AES_GCM_16_256 integ=n/a prf=HMAC_SHA2_512 ke=DH19}, initiating IKE_AUTH
                2026-11-23T10:01:02.404876+0000 laptop pluto[812]: "l2tp-ikev2" #1: sent IKE_AUTH request to 203.0.113.5:UDP/4500 with shared-key-mac and FQDN '@laptop'; Child SA #2 {ESPinUDP <0x8d1e7c2a}
                2026-11-23T10:01:02.455002+0000 laptop pluto[812]: "l2tp-ikev2" #1: processing IKE_AUTH response from 203.0.113.5:UDP/4500 containing SK{IDr,AUTH,SA,TSi,TSr}
                # programs/pluto/ikev2_psk.c: "%s established IKE SA; authenticated peer using authby=%s and %s '%s'"
                2026-11-23T10:01:02.455301+0000 laptop pluto[812]: "l2tp-ikev2" #1: initiator established IKE SA; authenticated peer using authby=secret and FQDN '@vpn.example.net'
                # programs/pluto/ikev2_child.c llog_v2_child_sa_established(): "%s established Child SA using #%lu; IPsec %s [%s] {...}"
                2026-11-23T10:01:02.457040+0000 laptop pluto[812]: "l2tp-ikev2" #2: initiator established Child SA using #1; IPsec transport [192.168.1.23/32/UDP/1701===203.0.113.5/32/UDP/1701] {ESPinUDP/ESN=>0x5a7b0c3d <0x8d1e7c2a xfrm=AES_GCM_16_256 NATD=203.0.113.5:4500 DPD=passive}
                """;
        ProviderRun r = run("journal.txt", Side.CLIENT, log);
        assertThat(r.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(r.problems()).isEmpty();
        assertThat(failures(r)).isEmpty();
        assertThat(of(r, IkeOutcome.ESTABLISHED)).extracting(IkeSaEvent::phase, IkeSaEvent::version,
                IkeSaEvent::authMethod, IkeSaEvent::peerAddress).containsExactly(
                tuple(Layer.IKE_MAIN_MODE, IkeVersion.IKEV2, AuthMethod.PRE_SHARED_KEY, "203.0.113.5"),
                tuple(Layer.IKE_QUICK_MODE, IkeVersion.IKEV2, AuthMethod.PRE_SHARED_KEY, "203.0.113.5"));
        IkeSaEvent child = of(r, IkeOutcome.ESTABLISHED).get(1);
        assertThat(child.detail()).contains("ESPinUDP/ESN=>0x5a7b0c3d <0x8d1e7c2a")
                .endsWith("NAT detected: ESP is encapsulated in UDP");
        assertThat(of(r, IkeOutcome.ESTABLISHED).get(0).detail()).endsWith("NAT detected: IKE moved to UDP port 4500");
        assertThat(child.time()).isEqualTo(Instant.parse("2026-11-23T10:01:02.457040Z"));
    }

    @Test
    void libreswan3Ikev2ChildSaAlsoEstablishesTheIkeSa() {
        String log = """
                # libreswan 3.25 `ipsec auto --up` (whack status codes 002, 133/134 RC_NEW_STATE+state, 004 RC_SUCCESS)
                # programs/pluto/ikev2_parent.c ikev2_parent_outI1(): "initiating v2 parent SA"
                002 "l2tp-ikev2" #1: initiating v2 parent SA
                133 "l2tp-ikev2" #1: STATE_PARENT_I1: initiate
                133 "l2tp-ikev2" #1: STATE_PARENT_I1: sent v2I1, expected v2R1
                134 "l2tp-ikev2" #2: STATE_PARENT_I2: sent v2I2, expected v2R2 {auth=IKEv2 cipher=aes_gcm_16_256 integ=n/a prf=sha group=MODP2048}
                002 "l2tp-ikev2" #2: IKEv2 mode peer ID is ID_FQDN: '@vpn.example.net'
                # programs/pluto/ikev2_parent.c: "Authenticated using authby=secret"
                003 "l2tp-ikev2" #2: Authenticated using authby=secret
                002 "l2tp-ikev2" #2: negotiated connection [192.168.1.23-192.168.1.23:1701-1701 17] -> [203.0.113.5-203.0.113.5:1701-1701 17]
                # programs/pluto/ikev2_parent.c ikev2_parent_inR2(): state story "IPsec SA established" + fmt_ipsec_sa_established()
                004 "l2tp-ikev2" #2: STATE_V2_IPSEC_I: IPsec SA established transport mode {ESP=>0x7c1d2e3f <0x1a2b3c4d xfrm=AES_GCM_16_256-NONE NATOA=none NATD=none DPD=passive}
                """;
        ProviderRun r = run("up.txt", Side.CLIENT, log);
        assertThat(r.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(of(r, IkeOutcome.ESTABLISHED)).extracting(IkeSaEvent::phase, IkeSaEvent::version, IkeSaEvent::authMethod)
                .containsExactly(tuple(Layer.IKE_MAIN_MODE, IkeVersion.IKEV2, AuthMethod.PRE_SHARED_KEY),
                        tuple(Layer.IKE_QUICK_MODE, IkeVersion.IKEV2, AuthMethod.PRE_SHARED_KEY));
        assertThat(of(r, IkeOutcome.ESTABLISHED).get(1).detail()).contains("ESP=>0x7c1d2e3f <0x1a2b3c4d");
    }

    // ---- no answer, and answers that stopped

    @Test
    void firstMessageUnansweredIsANoResponseBeforeAnyAnswer() {
        String log = """
                # libreswan 3.25 `ipsec auto --status` then `ipsec auto --up l2tp-psk` on the client
                # programs/pluto/connections.c show_one_connection(): "%s; %s; eroute owner: #%lu", "  our auth:%s, their auth:%s"
                000 "l2tp-psk": 192.168.1.23[+S=C]:17/1701---192.168.1.1...203.0.113.5<203.0.113.5>[+S=C]:17/1701; unrouted; eroute owner: #0
                000 "l2tp-psk":     oriented; my_ip=unset; their_ip=unset; my_updown=ipsec _updown;
                000 "l2tp-psk":   our auth:secret, their auth:secret
                000 "l2tp-psk":   policy: PSK+ENCRYPT+UP+IKEV1_ALLOW+IKEV2_ALLOW+SAREF_TRACK+IKE_FRAG_ALLOW+ESN_NO;
                # programs/pluto/ikev1_main.c main_outI1(): "initiating Main Mode" (002 RC_LOG), 104 RC_NEW_STATE+STATE_MAIN_I1
                002 "l2tp-psk" #1: initiating Main Mode
                104 "l2tp-psk" #1: STATE_MAIN_I1: initiate
                # programs/pluto/retransmit.c retransmit(): "%s: retransmission; will wait %s seconds for response" (010 RC_RETRANSMISSION)
                010 "l2tp-psk" #1: STATE_MAIN_I1: retransmission; will wait 0.5 seconds for response
                010 "l2tp-psk" #1: STATE_MAIN_I1: retransmission; will wait 1 seconds for response
                # programs/pluto/retransmit.c retransmit(): "%s: %s second timeout exceeded after %lu retransmits" + ".  No response (or no acceptable response) to our first IKEv1 message" (031 RC_NORETRANSMISSION)
                031 "l2tp-psk" #1: STATE_MAIN_I1: 60 second timeout exceeded after 7 retransmits.  No response (or no acceptable response) to our first IKEv1 message
                # programs/pluto/retry.c retransmit_v1_msg(): "starting keying attempt %ld of an unlimited number, but releasing whack"
                000 "l2tp-psk" #1: starting keying attempt 2 of an unlimited number, but releasing whack
                """;
        ProviderRun r = run("up.txt", Side.CLIENT, log);
        assertThat(r.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(r.problems()).isEmpty();
        assertThat(events(r)).extracting(IkeSaEvent::phase, IkeSaEvent::outcome).containsExactly(
                tuple(Layer.IKE_MAIN_MODE, IkeOutcome.STARTED),
                tuple(Layer.IKE_MAIN_MODE, IkeOutcome.RETRANSMITTED),
                tuple(Layer.IKE_MAIN_MODE, IkeOutcome.RETRANSMITTED),
                tuple(Layer.IKE_MAIN_MODE, IkeOutcome.FAILED));
        assertThat(failures(r)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(IkeFailureReason.NO_RESPONSE);
            assertThat(e.version()).isEqualTo(IkeVersion.IKEV1);
            assertThat(e.authMethod()).isEqualTo(AuthMethod.PRE_SHARED_KEY);
            assertThat(e.localAddress()).isEqualTo("192.168.1.23");
            assertThat(e.peerAddress()).isEqualTo("203.0.113.5");
            assertThat(e.detail()).startsWith("STATE_MAIN_I1: 60 second timeout").doesNotContain("answers from the peer");
        });
    }

    @Test
    void timeoutAfterTheFirstEncryptedMessageCountsTheAnswers() {
        String log = """
                # libreswan 4.5 pluto, its own log file (plutostderrlog; log.c: "%s.%06ld: %s%s")
                # programs/pluto/ikev1_main.c main_outI1(): "initiating IKEv1 Main Mode connection"
                Nov 23 10:01:02.345678: "l2tp-psk" #1: initiating IKEv1 Main Mode connection
                # programs/pluto/ikev1_states.c: stories "sent Main Mode request", "sent Main Mode I2", "sent Main Mode I3"
                Nov 23 10:01:02.351234: "l2tp-psk" #1: sent Main Mode request
                Nov 23 10:01:02.402311: "l2tp-psk" #1: sent Main Mode I2
                Nov 23 10:01:02.455002: "l2tp-psk" #1: sent Main Mode I3
                | debug: sending 108 bytes for STATE_MAIN_I3 through eth0:4500 to 203.0.113.5:4500 (using #1)
                Nov 23 10:01:02.956441: "l2tp-psk" #1: STATE_MAIN_I3: retransmission; will wait 0.5 seconds for response
                # programs/pluto/retransmit.c retransmit(): STATE_MAIN_I3 ".  Possible authentication failure: no acceptable response to our first encrypted message"
                Nov 23 10:02:02.455010: "l2tp-psk" #1: STATE_MAIN_I3: 60 second timeout exceeded after 7 retransmits.  Possible authentication failure: no acceptable response to our first encrypted message
                # programs/pluto/state.c delete_state_log(): "deleting state (%s) and %ssending notification"
                Nov 23 10:02:02.455301: "l2tp-psk" #1: deleting state (STATE_MAIN_I3) and NOT sending notification
                """;
        ProviderRun r = run("pluto.log", Side.CLIENT, log);
        assertThat(r.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(r.problems()).isEmpty();
        assertThat(failures(r)).singleElement().satisfies(e -> {
            assertThat(e.phase()).isEqualTo(Layer.IKE_MAIN_MODE);
            assertThat(e.reason()).isEqualTo(IkeFailureReason.NO_RESPONSE);
            assertThat(e.version()).isEqualTo(IkeVersion.IKEV1);
            assertThat(e.detail()).endsWith("(after 2 answers from the peer)");
        });
    }

    @Test
    void ikev2TimeoutsTellWhetherTheResponderEverAnswered() {
        String log = """
                # libreswan 4.5 syslog; programs/pluto/retransmit.c retransmit(): STATE_V2_PARENT_I1 / STATE_V2_PARENT_I2 wording
                Nov 23 10:30:00 laptop pluto[812]: "a" #1: initiating IKEv2 connection
                Nov 23 10:31:00 laptop pluto[812]: "a" #1: STATE_V2_PARENT_I1: 60 second timeout exceeded after 7 retransmits.  No response (or no acceptable response) to our first IKEv2 message
                Nov 23 10:40:00 laptop pluto[812]: "b" #3: initiating IKEv2 connection
                Nov 23 10:40:00 laptop pluto[812]: "b" #3: sent IKE_SA_INIT request
                Nov 23 10:40:00 laptop pluto[812]: "b" #3: sent IKE_AUTH request {cipher=AES_GCM_16_256 integ=n/a prf=HMAC_SHA2_512 group=MODP2048}
                Nov 23 10:41:00 laptop pluto[812]: "b" #3: STATE_V2_PARENT_I2: 60 second timeout exceeded after 7 retransmits.  Possible authentication failure: no acceptable response to our first encrypted message
                # libreswan 5.x: state names without STATE_ (IKE_SA_INIT_I)
                Nov 23 10:50:00 laptop pluto[812]: "c" #5: IKE_SA_INIT_I: 10 second timeout exceeded after 5 retransmits.  No response (or no acceptable response) to our first IKEv2 message
                """;
        ProviderRun r = run("messages", Side.CLIENT, log);
        assertThat(failures(r)).extracting(IkeSaEvent::phase, IkeSaEvent::reason, IkeSaEvent::version).containsOnly(
                tuple(Layer.IKE_MAIN_MODE, IkeFailureReason.NO_RESPONSE, IkeVersion.IKEV2));
        assertThat(failures(r)).extracting(e -> e.detail().endsWith("(after 1 answers from the peer)"))
                .containsExactly(false, true, false);
    }

    // ---- proposals

    @Test
    void noProposalChosenSentAndReceivedAreToldApart() {
        String server = """
                # libreswan 3.32 syslog of the responder
                # programs/pluto/ikev1_spdb_struct.c parse_isakmp_sa_body(): "no acceptable Oakley Transform"
                Nov 23 10:05:00 lns pluto[2201]: "l2tp-psk"[2] 198.51.100.7 #3: responding to Main Mode from unknown peer 198.51.100.7 on port 500
                Nov 23 10:05:00 lns pluto[2201]: "l2tp-psk"[2] 198.51.100.7 #3: Oakley Transform [3DES_CBC (192), HMAC_SHA1, MODP1024] refused
                Nov 23 10:05:00 lns pluto[2201]: "l2tp-psk"[2] 198.51.100.7 #3: no acceptable Oakley Transform
                # programs/pluto/ikev1_main.c send_notification(): "sending %snotification %s to %s:%u"
                Nov 23 10:05:00 lns pluto[2201]: "l2tp-psk"[2] 198.51.100.7 #3: sending notification NO_PROPOSAL_CHOSEN to 198.51.100.7:500
                """;
        ProviderRun s = run("server.log", Side.SERVER, server);
        assertThat(failures(s)).singleElement().satisfies(e -> {
            assertThat(e.phase()).isEqualTo(Layer.IKE_MAIN_MODE);
            assertThat(e.reason()).isEqualTo(IkeFailureReason.NO_PROPOSAL_CHOSEN);
            assertThat(e.peerAddress()).isEqualTo("198.51.100.7");
            assertThat(e.detail()).isEqualTo("no acceptable Oakley Transform").doesNotContain("received");
        });
        String client = """
                # libreswan 4.12 pluto log of the initiator
                # programs/pluto/ikev1.c process_packet_tail(): "ignoring informational payload %s, msgid=%08x, length=%d"
                # programs/pluto/ikev1.c informational(): "received and ignored notification payload: %s"
                Nov 23 10:05:00 laptop pluto[812]: "l2tp-psk" #1: initiating IKEv1 Main Mode connection
                Nov 23 10:05:00 laptop pluto[812]: "l2tp-psk" #1: sent Main Mode request
                Nov 23 10:05:00 laptop pluto[812]: "l2tp-psk" #1: ignoring informational payload NO_PROPOSAL_CHOSEN, msgid=00000000, length=12
                Nov 23 10:05:00 laptop pluto[812]: "l2tp-psk" #1: received and ignored notification payload: NO_PROPOSAL_CHOSEN
                Nov 23 10:06:00 laptop pluto[812]: "l2tp-psk" #1: STATE_MAIN_I1: 60 second timeout exceeded after 7 retransmits.  No response (or no acceptable response) to our first IKEv1 message
                """;
        ProviderRun c = run("client.log", Side.CLIENT, client);
        assertThat(failures(c)).singleElement().satisfies(e -> {
            assertThat(e.phase()).isEqualTo(Layer.IKE_MAIN_MODE);
            assertThat(e.reason()).isEqualTo(IkeFailureReason.NO_PROPOSAL_CHOSEN);
            assertThat(e.detail()).contains("NO_PROPOSAL_CHOSEN").contains("received");
        });
    }

    @Test
    void ikev2ProposalFailuresInIkeSaInitAndInTheChildSa() {
        String log = """
                # libreswan 5.x initiator; programs/pluto/ikev2_states.c jam_v2_payload_errors(): "%s %s containing %s notification (Message ID %u; ...)"
                Nov 23 11:00:00 laptop pluto[812]: "a" #1: initiating IKEv2 connection to 203.0.113.5 using UDP
                Nov 23 11:00:00 laptop pluto[812]: "a" #1: ignoring IKE_SA_INIT response containing NO_PROPOSAL_CHOSEN notification (Message ID 0; message payloads N, missing SA,KE,Ni)
                Nov 23 11:00:10 laptop pluto[812]: "a" #1: IKE_SA_INIT_I: 10 second timeout exceeded after 5 retransmits.  No response (or no acceptable response) to our first IKEv2 message
                # libreswan 4.12 initiator; programs/pluto/ikev2_child.c process_v2_IKE_AUTH_response_child_sa_payloads(): "IKE_AUTH response rejected Child SA with %s"
                Nov 23 11:01:00 laptop pluto[812]: "b" #3: initiator established IKE SA; authenticated peer using authby=secret and ID_FQDN '@vpn.example.net'
                Nov 23 11:01:00 laptop pluto[812]: "b" #4: IKE_AUTH response rejected Child SA with TS_UNACCEPTABLE
                # libreswan 4.5 responder; programs/pluto/ikev2_spdb_struct.c: "no local proposal matches remote proposals %s"
                Nov 23 11:02:00 gw pluto[2201]: packet from 198.51.100.7:500: no local proposal matches remote proposals 1:IKE:ENCR=3DES;PRF=HMAC_SHA1;INTEG=HMAC_SHA1_96;DH=MODP1024
                # programs/pluto/ikev2_send.c: "responding to %s (%d) message (Message ID %u) with unencrypted notification %s"
                Nov 23 11:02:00 gw pluto[2201]: packet from 198.51.100.7:500: responding to IKE_SA_INIT (34) message (Message ID 0) with unencrypted notification NO_PROPOSAL_CHOSEN
                """;
        ProviderRun r = run("pluto.txt", Side.CLIENT, log);
        assertThat(failures(r)).extracting(IkeSaEvent::phase, IkeSaEvent::reason, IkeSaEvent::peerAddress).containsExactly(
                tuple(Layer.IKE_MAIN_MODE, IkeFailureReason.NO_PROPOSAL_CHOSEN, "203.0.113.5"),
                tuple(Layer.IKE_QUICK_MODE, IkeFailureReason.TS_UNACCEPTABLE, null),
                tuple(Layer.IKE_MAIN_MODE, IkeFailureReason.NO_PROPOSAL_CHOSEN, "198.51.100.7"));
        assertThat(failures(r).get(0).detail()).contains("received");
        assertThat(failures(r).get(2).detail()).doesNotContain("received");
        assertThat(failures(r)).extracting(IkeSaEvent::version).containsOnly(IkeVersion.IKEV2);
    }

    @Test
    void transformsRefusedOnlyForTheirAuthenticationMethodAreAMethodMismatch() {
        String log = """
                # libreswan 3.32 syslog of a certificate-only server; the client offers pre-shared key transforms
                # programs/pluto/ikev1_spdb_struct.c parse_isakmp_sa_body(): "%s.  Attribute %s" with ugh "policy does not allow OAKLEY_PRESHARED_KEY authentication"
                Nov 23 10:07:00 lns pluto[2201]: "l2tp-cert"[3] 198.51.100.9 #12: responding to Main Mode from unknown peer 198.51.100.9 on port 500
                Nov 23 10:07:00 lns pluto[2201]: "l2tp-cert"[3] 198.51.100.9 #12: policy does not allow OAKLEY_PRESHARED_KEY authentication.  Attribute OAKLEY_AUTHENTICATION_METHOD
                Nov 23 10:07:00 lns pluto[2201]: "l2tp-cert"[3] 198.51.100.9 #12: policy does not allow OAKLEY_PRESHARED_KEY authentication.  Attribute OAKLEY_AUTHENTICATION_METHOD
                Nov 23 10:07:00 lns pluto[2201]: "l2tp-cert"[3] 198.51.100.9 #12: no acceptable Oakley Transform
                Nov 23 10:07:00 lns pluto[2201]: "l2tp-cert"[3] 198.51.100.9 #12: sending notification NO_PROPOSAL_CHOSEN to 198.51.100.9:500
                """;
        ProviderRun r = run("auth.log", Side.SERVER, log);
        assertThat(failures(r)).extracting(IkeSaEvent::phase, IkeSaEvent::reason)
                .containsExactly(tuple(Layer.IKE_MAIN_MODE, IkeFailureReason.AUTH_METHOD_MISMATCH));
    }

    // ---- quick mode identities

    @Test
    void quickModeRejectedForItsSelectorsOnBothSides() {
        String server = """
                # libreswan 3.32 syslog of the responder
                # programs/pluto/ikev1_quick.c quick_inI1_outR1_tail(): "cannot respond to IPsec SA request because no connection is known for %s"
                Nov 23 10:20:00 lns pluto[2201]: "l2tp-psk"[2] 198.51.100.7 #3: STATE_MAIN_R3: sent MR3, ISAKMP SA established {auth=PRESHARED_KEY cipher=aes_256 integ=sha group=MODP2048}
                Nov 23 10:20:00 lns pluto[2201]: "l2tp-psk"[2] 198.51.100.7 #3: cannot respond to IPsec SA request because no connection is known for 203.0.113.5<203.0.113.5>[+S=C]:17/1701...198.51.100.7<198.51.100.7>[+S=C]:17/0===192.168.1.23/32
                Nov 23 10:20:00 lns pluto[2201]: "l2tp-psk"[2] 198.51.100.7 #3: sending encrypted notification INVALID_ID_INFORMATION to 198.51.100.7:4500
                # the client gives up and deletes the ISAKMP SA: not a refusal of main mode, quick mode was tried
                Nov 23 10:20:30 lns pluto[2201]: "l2tp-psk"[2] 198.51.100.7 #3: received Delete SA payload: deleting ISAKMP State #3
                """;
        ProviderRun s = run("server.log", Side.SERVER, server);
        assertThat(failures(s)).extracting(IkeSaEvent::phase, IkeSaEvent::reason, IkeSaEvent::peerAddress).containsExactly(
                tuple(Layer.IKE_QUICK_MODE, IkeFailureReason.INVALID_ID_INFORMATION, "198.51.100.7"));
        String client = """
                # libreswan 4.5 journal of the initiator
                # programs/pluto/ikev1_quick.c quick_outI1(): "initiating Quick Mode %s {using isakmp#%lu msgid:%08x proposal=... pfsgroup=%s}"
                Nov 23 10:20:00 laptop pluto[812]: "l2tp-psk" #3: IKE SA established {auth=PRESHARED_KEY cipher=AES_CBC_256 integ=HMAC_SHA2_256 group=MODP2048}
                Nov 23 10:20:00 laptop pluto[812]: "l2tp-psk" #4: initiating Quick Mode IKEv1+PSK+ENCRYPT+UP+IKE_FRAG_ALLOW+ESN_NO {using isakmp#3 msgid:8f1e2d3c proposal=AES_CBC-HMAC_SHA1_96 pfsgroup=no-pfs}
                Nov 23 10:20:00 laptop pluto[812]: "l2tp-psk" #4: sent Quick Mode request
                Nov 23 10:20:00 laptop pluto[812]: "l2tp-psk" #3: ignoring informational payload INVALID_ID_INFORMATION, msgid=00000000, length=12
                Nov 23 10:20:00 laptop pluto[812]: "l2tp-psk" #3: received and ignored notification payload: INVALID_ID_INFORMATION
                # programs/pluto/retransmit.c retransmit(): STATE_QUICK_I1 ".  No acceptable response to our first Quick Mode message: perhaps peer likes no proposal"
                Nov 23 10:20:30 laptop pluto[812]: "l2tp-psk" #4: STATE_QUICK_I1: 30 second timeout exceeded after 5 retransmits.  No acceptable response to our first Quick Mode message: perhaps peer likes no proposal
                """;
        ProviderRun c = run("client.log", Side.CLIENT, client);
        assertThat(events(c)).extracting(IkeSaEvent::phase, IkeSaEvent::outcome, IkeSaEvent::reason).containsExactly(
                tuple(Layer.IKE_MAIN_MODE, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE),
                tuple(Layer.IKE_QUICK_MODE, IkeOutcome.STARTED, IkeFailureReason.NONE),
                tuple(Layer.IKE_QUICK_MODE, IkeOutcome.FAILED, IkeFailureReason.INVALID_ID_INFORMATION));
        assertThat(failures(c).get(0).detail()).contains("received");
        assertThat(failures(c).get(0).authMethod()).isEqualTo(AuthMethod.PRE_SHARED_KEY);
    }

    @Test
    void quickModeTimeoutAndProposalRefusal() {
        String log = """
                # libreswan 3.25 syslog
                Nov 23 10:25:00 laptop pluto[812]: "l2tp-psk" #7: initiating Quick Mode PSK+ENCRYPT+UP+IKEV1_ALLOW+IKEV2_ALLOW+SAREF_TRACK+IKE_FRAG_ALLOW+ESN_NO {using isakmp#6 msgid:1a2b3c4d proposal=AES(12)_128-SHA1(2)_160 pfsgroup=no-pfs}
                Nov 23 10:25:30 laptop pluto[812]: "l2tp-psk" #7: STATE_QUICK_I1: 30 second timeout exceeded after 5 retransmits.  No acceptable response to our first Quick Mode message: perhaps peer likes no proposal
                # programs/pluto/ikev1_spdb_struct.c parse_ipsec_sa_body(): "no acceptable Proposal in IPsec SA"
                Nov 23 10:26:00 lns pluto[2201]: "l2tp-psk"[4] 198.51.100.8 #9: no acceptable Proposal in IPsec SA
                # libreswan 5.x initiator; programs/pluto/ikev1.c: "ignoring secured informational payload %s, msgid=%08x, length=%d"
                Nov 23 10:27:00 laptop pluto[812]: "home" #10: ISAKMP SA established {auth=PRESHARED_KEY cipher=AES_CBC_256 integ=HMAC_SHA2_256 group=MODP2048}
                Nov 23 10:27:00 laptop pluto[812]: "home" #11: initiating Quick Mode IKEv1+PSK+ENCRYPT+UP+IKE_FRAG_ALLOW+ESN_NO+ESN_YES {using isakmp#10 msgid:4c2b1a0f proposal=AES_CBC-HMAC_SHA1_96 pfsgroup=no-pfs 192.168.1.23/32/UDP/1701===203.0.113.5/32/UDP/1701}
                Nov 23 10:27:00 laptop pluto[812]: "home" #10: ignoring secured informational payload NO_PROPOSAL_CHOSEN, msgid=9a8b7c6d, length=12
                # libreswan 5.x responder, told on the Quick Mode state only; programs/pluto/ikev1_notification.c: "sending %snotification %s to %s"
                Nov 23 10:28:00 gw pluto[2201]: "l2tp-psk"[9] 198.51.100.14 #19: sending encrypted notification NO_PROPOSAL_CHOSEN to 198.51.100.14:4500
                """;
        ProviderRun r = run("messages", Side.CLIENT, log);
        assertThat(failures(r)).extracting(IkeSaEvent::phase, IkeSaEvent::reason, IkeSaEvent::authMethod).containsExactly(
                tuple(Layer.IKE_QUICK_MODE, IkeFailureReason.NO_RESPONSE, AuthMethod.PRE_SHARED_KEY),
                tuple(Layer.IKE_QUICK_MODE, IkeFailureReason.NO_PROPOSAL_CHOSEN, AuthMethod.UNKNOWN),
                tuple(Layer.IKE_QUICK_MODE, IkeFailureReason.NO_PROPOSAL_CHOSEN, AuthMethod.PRE_SHARED_KEY),
                tuple(Layer.IKE_QUICK_MODE, IkeFailureReason.NO_PROPOSAL_CHOSEN, AuthMethod.UNKNOWN));
        assertThat(failures(r).get(2).detail()).contains("received");
    }

    // ---- pre-shared keys

    @Test
    void preSharedKeyFailuresOfIkev1() {
        String log = """
                # libreswan 3.25 syslog of a server
                # programs/pluto/ikev1_spdb_struct.c parse_isakmp_sa_body(): "Can't authenticate: no preshared key found for `%s' and `%s'" + ".  Attribute %s"
                Nov 23 10:30:00 lns pluto[2201]: "l2tp-psk"[5] 198.51.100.10 #14: responding to Main Mode from unknown peer 198.51.100.10 on port 500
                Nov 23 10:30:00 lns pluto[2201]: "l2tp-psk"[5] 198.51.100.10 #14: Can't authenticate: no preshared key found for `203.0.113.5' and `%any'.  Attribute OAKLEY_AUTHENTICATION_METHOD
                Nov 23 10:30:00 lns pluto[2201]: "l2tp-psk"[5] 198.51.100.10 #14: no acceptable Oakley Transform
                # programs/pluto/ikev1_main.c oakley_id_and_auth(): "received Hash Payload does not match computed value"
                Nov 23 10:31:00 lns pluto[2201]: "l2tp-psk"[6] 198.51.100.11 #15: STATE_MAIN_R2: sent MR2, expecting MI3
                Nov 23 10:31:00 lns pluto[2201]: "l2tp-psk"[6] 198.51.100.11 #15: received Hash Payload does not match computed value
                Nov 23 10:31:00 lns pluto[2201]: "l2tp-psk"[6] 198.51.100.11 #15: sending encrypted notification INVALID_HASH_INFORMATION to 198.51.100.11:4500
                # programs/pluto/ikev1.c process_packet_tail(): "%smalformed payload in packet" with "probable authentication failure (mismatch of preshared secrets?): "
                Nov 23 10:32:00 lns pluto[2201]: "l2tp-psk"[7] 198.51.100.12 #16: STATE_MAIN_R2: sent MR2, expecting MI3
                Nov 23 10:32:00 lns pluto[2201]: "l2tp-psk"[7] 198.51.100.12 #16: probable authentication failure (mismatch of preshared secrets?): malformed payload in packet
                Nov 23 10:32:00 lns pluto[2201]: "l2tp-psk"[7] 198.51.100.12 #16: sending notification PAYLOAD_MALFORMED to 198.51.100.12:4500
                # libreswan 5.x: the bare "malformed payload in packet" right after main mode message 5 arrived
                Nov 23 10:33:00 lns pluto[2201]: "l2tp-psk"[8] 198.51.100.13 #17: sent Main Mode R2
                Nov 23 10:33:00 lns pluto[2201]: "l2tp-psk"[8] 198.51.100.13 #17: malformed payload in packet
                # libreswan 3.25 initiator: the responder's PAYLOAD_MALFORMED answer to main mode message 5
                Nov 23 10:34:00 laptop pluto[812]: "home" #2: STATE_MAIN_I3: sent MI3, expecting MR3
                Nov 23 10:34:00 laptop pluto[812]: "home" #2: ignoring informational payload PAYLOAD_MALFORMED, msgid=00000000, length=12
                """;
        ProviderRun r = run("secure", Side.SERVER, log);
        assertThat(r.problems()).isEmpty();
        assertThat(failures(r)).extracting(IkeSaEvent::phase, IkeSaEvent::reason, IkeSaEvent::authMethod, IkeSaEvent::peerAddress)
                .containsExactly(
                        tuple(Layer.IKE_MAIN_MODE, IkeFailureReason.AUTHENTICATION_FAILED, AuthMethod.PRE_SHARED_KEY, "198.51.100.10"),
                        tuple(Layer.IKE_MAIN_MODE, IkeFailureReason.AUTHENTICATION_FAILED, AuthMethod.PRE_SHARED_KEY, "198.51.100.11"),
                        tuple(Layer.IKE_MAIN_MODE, IkeFailureReason.AUTHENTICATION_FAILED, AuthMethod.PRE_SHARED_KEY, "198.51.100.12"),
                        tuple(Layer.IKE_MAIN_MODE, IkeFailureReason.AUTHENTICATION_FAILED, AuthMethod.PRE_SHARED_KEY, "198.51.100.13"),
                        tuple(Layer.IKE_MAIN_MODE, IkeFailureReason.AUTHENTICATION_FAILED, AuthMethod.PRE_SHARED_KEY, null));
        assertThat(failures(r).get(3).detail()).endsWith("(pre-shared keys differ?)");
        assertThat(failures(r).get(4).detail()).contains("received").endsWith("(pre-shared keys differ?)");
    }

    @Test
    void ikev2AuthenticationFailedSentAndReceived() {
        String log = """
                # libreswan 4.12 initiator; programs/pluto/ikev2_ike_auth.c process_v2_IKE_AUTH_failure_response(): "IKE SA authentication request rejected by peer: %s"
                Nov 23 10:40:00 laptop pluto[812]: "l2tp-ikev2" #1: initiating IKEv2 connection
                Nov 23 10:40:00 laptop pluto[812]: "l2tp-ikev2" #1: sent IKE_SA_INIT request to 203.0.113.5:500
                Nov 23 10:40:00 laptop pluto[812]: "l2tp-ikev2" #1: sent IKE_AUTH request {cipher=AES_GCM_16_256 integ=n/a prf=HMAC_SHA2_512 group=MODP2048}
                Nov 23 10:40:00 laptop pluto[812]: "l2tp-ikev2" #1: IKE SA authentication request rejected by peer: AUTHENTICATION_FAILED
                # programs/pluto/ikev2.c complete_v2_state_transition(): "encountered fatal error in state %s" (whack 036 RC_FATAL), after the reason
                Nov 23 10:40:00 laptop pluto[812]: "l2tp-ikev2" #1: encountered fatal error in state STATE_V2_PARENT_I2
                # libreswan 4.12 responder; programs/pluto/ikev2_psk.c v2_authsig_and_log_using_psk(): "authentication failed: computed hash does not match hash received from peer %s '%s'"
                # programs/pluto/ikev2_send.c: "responding to %s message (ID %u) from %s with %s notification %s"
                Nov 23 10:40:00 gw pluto[2201]: "ikev2-rw"[1] 198.51.100.7 #1: authentication failed: computed hash does not match hash received from peer ID_FQDN '@laptop'
                Nov 23 10:40:00 gw pluto[2201]: "ikev2-rw"[1] 198.51.100.7 #1: responding to IKE_AUTH message (ID 1) from 198.51.100.7:4500 with encrypted notification AUTHENTICATION_FAILED
                # libreswan 3.25; programs/pluto/ikev2_parent.c: "Peer attempted PSK authentication but we want %s"
                Nov 23 10:41:00 gw pluto[2201]: "ikev2-cert"[2] 198.51.100.8 #3: Peer attempted PSK authentication but we want RSASIG
                """;
        ProviderRun r = run("messages", Side.SERVER, log);
        assertThat(failures(r)).extracting(IkeSaEvent::reason, IkeSaEvent::authMethod, IkeSaEvent::peerAddress, IkeSaEvent::version)
                .containsExactly(
                        tuple(IkeFailureReason.AUTHENTICATION_FAILED, AuthMethod.UNKNOWN, "203.0.113.5", IkeVersion.IKEV2),
                        tuple(IkeFailureReason.AUTHENTICATION_FAILED, AuthMethod.PRE_SHARED_KEY, "198.51.100.7", IkeVersion.IKEV2),
                        tuple(IkeFailureReason.AUTH_METHOD_MISMATCH, AuthMethod.UNKNOWN, "198.51.100.8", IkeVersion.IKEV2));
        assertThat(failures(r)).extracting(IkeSaEvent::phase).containsOnly(Layer.IKE_MAIN_MODE);
    }

    // ---- certificates and identities

    @Test
    void certificateVerdictsOfNssAndOfOpenswan() {
        String log = """
                # libreswan 5.x; programs/pluto/nss_cert_verify.c log_bad_cert(): llog_nss_error_code() "NSS: %s: %s certificate %s invalid: SEC_ERROR_..: ..."
                # programs/pluto/cert_decode_helper.c: "X509: certificate payload rejected for this connection"
                Nov 23 11:00:00 gw pluto[2201]: "l2tp-cert"[1] 198.51.100.7 #1: NSS: ERROR: IPsec certificate CN=client.example.net invalid: SEC_ERROR_EXPIRED_CERTIFICATE: Peer's Certificate has expired.
                Nov 23 11:00:00 gw pluto[2201]: "l2tp-cert"[1] 198.51.100.7 #1: X509: certificate payload rejected for this connection
                # libreswan 3.25; programs/pluto/nss_cert_verify.c nss_err_to_revfail(): "Certificate %s failed verification", "ERROR: %s"
                Nov 23 11:01:00 gw pluto[2201]: "l2tp-cert"[2] 198.51.100.8 #3: Certificate CN=client2.example.net failed verification
                Nov 23 11:01:00 gw pluto[2201]: "l2tp-cert"[2] 198.51.100.8 #3: ERROR: Peer's Certificate issuer is not recognized.
                Nov 23 11:01:00 gw pluto[2201]: "l2tp-cert"[2] 198.51.100.8 #3: X509: Certificate rejected for this connection
                # libreswan 4.5; programs/pluto/nss_cert_verify.c log_bad_cert(): "certificate %s failed %s verification", "NSS %s: %s"
                Nov 23 11:02:00 gw pluto[2201]: "l2tp-cert"[3] 198.51.100.9 #5: certificate CN=client3.example.net failed IPsec verification
                Nov 23 11:02:00 gw pluto[2201]: "l2tp-cert"[3] 198.51.100.9 #5: NSS ERROR: Peer's certificate issuer has been marked as not trusted by the user.
                # libreswan 4.5 revoked: SEC_ERROR_REVOKED_CERTIFICATE, "certificate revoked!"
                Nov 23 11:02:30 gw pluto[2201]: "l2tp-cert"[4] 198.51.100.10 #6: NSS ERROR: Peer's Certificate has been revoked.
                # Openswan 2.6.38; lib/liboswkeys/x509lists.c verify_x509cert(): "checking validity of \\"%s\\": %s"
                Nov 23 11:03:00 gw pluto[2201]: "L2TP-CERT"[5] 198.51.100.11 #7: checking validity of "C=US, O=Example, CN=client4": X.509 certificate expired at Jan 02 00:00:00 UTC 2019 (it is now Nov 23 11:03:00 UTC 2020)
                # libreswan 3.25; programs/pluto/keys.c RSA_check_signature_gen(): "Signature check (on %s) failed (wrong key?); tried%s", "no RSA public key known for '%s'"
                Nov 23 11:04:00 gw pluto[2201]: "l2tp-cert"[6] 198.51.100.12 #9: Signature check (on CN=client5.example.net) failed (wrong key?); tried *AwEAAdrh2
                Nov 23 11:05:00 gw pluto[2201]: "l2tp-cert"[7] 198.51.100.13 #11: no RSA public key known for 'CN=client6.example.net'
                # libreswan 4.5; programs/pluto/keys.c authsig_and_log_using_pubkey(): "authentication failed: using %s with %s for '%s' tried%s"
                Nov 23 11:05:30 gw pluto[2201]: "l2tp-cert"[8] 198.51.100.14 #12: authentication failed: using raw RSA with SHA1 for '@laptop' tried preloaded: *AwEAAbRnp
                # libreswan 4.5; programs/pluto/ikev1_main.c: "unable to locate my private key for RSA Signature"
                Nov 23 11:06:00 laptop pluto[812]: "l2tp-cert" #2: unable to locate my private key for RSA Signature
                """;
        ProviderRun r = run("secure", Side.SERVER, log);
        assertThat(r.problems()).isEmpty();
        assertThat(failures(r)).extracting(IkeSaEvent::reason, IkeSaEvent::peerAddress).containsExactly(
                tuple(IkeFailureReason.CERT_EXPIRED, "198.51.100.7"),
                tuple(IkeFailureReason.CERT_UNTRUSTED, "198.51.100.8"),
                tuple(IkeFailureReason.CERT_UNTRUSTED, "198.51.100.9"),
                tuple(IkeFailureReason.CERT_UNTRUSTED, "198.51.100.10"),
                tuple(IkeFailureReason.CERT_EXPIRED, "198.51.100.11"),
                tuple(IkeFailureReason.AUTHENTICATION_FAILED, "198.51.100.12"),
                tuple(IkeFailureReason.CERT_UNTRUSTED, "198.51.100.13"),
                tuple(IkeFailureReason.AUTHENTICATION_FAILED, "198.51.100.14"),
                tuple(IkeFailureReason.PRIVATE_KEY_MISSING, null));
        assertThat(failures(r)).extracting(IkeSaEvent::phase, IkeSaEvent::authMethod)
                .containsOnly(tuple(Layer.IKE_MAIN_MODE, AuthMethod.CERTIFICATE));
    }

    @Test
    void identityMismatches() {
        String log = """
                # libreswan 3.25; programs/pluto/ikev2.c ikev2_decode_peer_id_and_certs(): "we require IKEv2 peer to have ID '%s', but peer declares '%s'"
                Nov 23 11:10:00 laptop pluto[812]: "l2tp-ikev2" #2: we require IKEv2 peer to have ID '@vpn.example.net', but peer declares '@other.example.net'
                # libreswan 4.5; programs/pluto/ikev2_peer_id.c: "Peer ID '%s' mismatched on first found connection and no better connection found"
                Nov 23 11:11:00 gw pluto[2201]: "ikev2-rw"[1] 198.51.100.7 #1: Peer ID '@laptop' mismatched on first found connection and no better connection found
                # libreswan 5.x; programs/pluto/ikev2_peer_id.c: "X509: authentication failed; peer certificate subjectAltName extension does not match %s '%s'"
                Nov 23 11:12:00 laptop pluto[812]: "l2tp-cert" #4: X509: authentication failed; peer certificate subjectAltName extension does not match FQDN 'vpn.example.net'
                # Openswan 2.6.38; programs/pluto/ipsec_doi.c decode_peer_id(): "no suitable connection for peer '%s'"
                Nov 23 11:13:00 gw pluto[2143]: "L2TP-CERT"[2] 198.51.100.8 #3: no suitable connection for peer 'C=US, O=Example, CN=laptop'
                # libreswan 3.25 responder: "X509: CERT payload does not match connection ID" is followed by a search for a better connection, not a failure
                Nov 23 11:14:00 gw pluto[2201]: "l2tp-cert"[3] 198.51.100.9 #5: responding to Main Mode from unknown peer 198.51.100.9 on port 500
                Nov 23 11:14:00 gw pluto[2201]: "l2tp-cert"[3] 198.51.100.9 #5: X509: CERT payload does not match connection ID
                """;
        ProviderRun r = run("messages", Side.SERVER, log);
        assertThat(failures(r)).extracting(IkeSaEvent::phase, IkeSaEvent::reason).containsExactly(
                tuple(Layer.IKE_MAIN_MODE, IkeFailureReason.ID_MISMATCH),
                tuple(Layer.IKE_MAIN_MODE, IkeFailureReason.ID_MISMATCH),
                tuple(Layer.IKE_MAIN_MODE, IkeFailureReason.ID_MISMATCH),
                tuple(Layer.IKE_MAIN_MODE, IkeFailureReason.ID_MISMATCH));
    }

    // ---- no connection for the peer

    @Test
    void noConnectionForThePeerIsAPolicyMismatch() {
        String log = """
                # libreswan 3.25; programs/pluto/ikev1_main.c main_inI1_outR1(): "initial Main Mode message received on %s:%u but no connection has been authorized with policy %s"
                # the client repeats its first message: one refusal; a new attempt minutes later is another
                2026-11-23T10:09:00+0000 gw pluto[2201]: packet from 198.51.100.7:500: initial Main Mode message received on 203.0.113.5:500 but no connection has been authorized with policy PSK+IKEV1_ALLOW
                2026-11-23T10:09:03+0000 gw pluto[2201]: packet from 198.51.100.7:500: initial Main Mode message received on 203.0.113.5:500 but no connection has been authorized with policy PSK+IKEV1_ALLOW
                2026-11-23T10:15:00+0000 gw pluto[2201]: packet from 198.51.100.7:500: initial Main Mode message received on 203.0.113.5:500 but no connection has been authorized with policy PSK+IKEV1_ALLOW
                # libreswan 4.12; programs/pluto/ikev1_host_pair.c: "initial Main Mode message received but no connection has been authorized with authby=%s and xauth=%s"
                2026-11-23T10:16:00+0000 gw pluto[2201]: packet from 198.51.100.8:500: initial Main Mode message received but no connection has been authorized with authby=secret and xauth=no
                # libreswan 5.0; programs/pluto/demux.c process_md(): "ignoring IKEv1 packet as global policy is set to silently drop all IKEv1 packets"
                2026-11-23T10:17:00+0000 gw pluto[2201]: packet from 198.51.100.9:500: ignoring IKEv1 packet as global policy is set to silently drop all IKEv1 packets
                # libreswan 5.0 at startup: the L2TP connection is not loaded
                2026-11-23T10:18:00+0000 gw pluto[2201]: "l2tp-psk": failed to add connection: global ikev1-policy does not allow IKEv1 connections
                """;
        ProviderRun r = run("messages", Side.SERVER, log);
        assertThat(failures(r)).extracting(IkeSaEvent::reason).containsOnly(IkeFailureReason.POLICY_MISMATCH);
        assertThat(failures(r)).extracting(IkeSaEvent::peerAddress, IkeSaEvent::localAddress, IkeSaEvent::authMethod,
                IkeSaEvent::version).containsExactly(
                tuple("198.51.100.7", "203.0.113.5", AuthMethod.PRE_SHARED_KEY, IkeVersion.IKEV1),
                tuple("198.51.100.7", "203.0.113.5", AuthMethod.PRE_SHARED_KEY, IkeVersion.IKEV1),
                tuple("198.51.100.8", null, AuthMethod.PRE_SHARED_KEY, IkeVersion.IKEV1),
                tuple("198.51.100.9", null, AuthMethod.UNKNOWN, IkeVersion.IKEV1),
                tuple(null, null, AuthMethod.UNKNOWN, IkeVersion.IKEV1));
        assertThat(failures(r)).extracting(IkeSaEvent::phase).containsOnly(Layer.IKE_MAIN_MODE);
        String up = """
                # libreswan 3.25 `ipsec auto --status` and `ipsec auto --up`; programs/pluto/rcv_whack.c whack_route_connection() (022 RC_ORIENT)
                000 "l2tp-psk": 10.9.9.9[+S=C]:17/1701...203.0.113.5<203.0.113.5>[+S=C]:17/1701; unrouted; eroute owner: #0
                000 "l2tp-psk":   our auth:secret, their auth:secret
                022 "l2tp-psk": we cannot identify ourselves with either end of this connection
                022 "l2tp-psk": we cannot identify ourselves with either end of this connection
                """;
        ProviderRun u = run("up.txt", Side.CLIENT, up);
        assertThat(failures(u)).extracting(IkeSaEvent::phase, IkeSaEvent::reason, IkeSaEvent::peerAddress, IkeSaEvent::authMethod)
                .containsExactly(tuple(Layer.IKE_MAIN_MODE, IkeFailureReason.POLICY_MISMATCH, "203.0.113.5",
                        AuthMethod.PRE_SHARED_KEY));
    }

    // ---- what the initiator did after main mode (responder's view)

    @Test
    void initiatorDeletingTheIsakmpSaRightAfterMainModeIsPeerDeleted() {
        String log = """
                # libreswan 3.32 syslog of the server
                Nov 23 10:50:00 lns pluto[2201]: "l2tp-psk"[4] 198.51.100.7 #8: responding to Main Mode from unknown peer 198.51.100.7 on port 500
                Nov 23 10:50:00 lns pluto[2201]: "l2tp-psk"[4] 198.51.100.7 #8: STATE_MAIN_R1: sent MR1, expecting MI2
                Nov 23 10:50:00 lns pluto[2201]: "l2tp-psk"[4] 198.51.100.7 #8: STATE_MAIN_R2: sent MR2, expecting MI3
                Nov 23 10:50:00 lns pluto[2201]: "l2tp-psk"[4] 198.51.100.7 #8: STATE_MAIN_R3: sent MR3, ISAKMP SA established {auth=RSA_SIG cipher=aes_256 integ=sha group=MODP2048}
                # programs/pluto/ikev1_main.c accept_delete(): "received Delete SA payload: deleting ISAKMP State #%lu"
                Nov 23 10:50:01 lns pluto[2201]: "l2tp-psk"[4] 198.51.100.7 #8: received Delete SA payload: deleting ISAKMP State #8
                Nov 23 10:50:01 lns pluto[2201]: "l2tp-psk"[4] 198.51.100.7 #8: deleting state (STATE_MAIN_R3) and sending notification
                """;
        ProviderRun r = run("messages", Side.SERVER, log);
        assertThat(failures(r)).singleElement().satisfies(e -> {
            assertThat(e.phase()).isEqualTo(Layer.IKE_MAIN_MODE);
            assertThat(e.reason()).isEqualTo(IkeFailureReason.PEER_DELETED);
            assertThat(e.authMethod()).isEqualTo(AuthMethod.CERTIFICATE);
            assertThat(e.peerAddress()).isEqualTo("198.51.100.7");
        });
    }

    @Test
    void repeatedRequestsAfterTheLastAnswerAreAnAnswerUnheard() {
        String log = """
                # Openswan 2.6.38 syslog of the server
                Mar  3 09:20:00 gw pluto[2143]: "L2TP-PSK-NAT"[4] 198.51.100.7 #9: responding to Main Mode from unknown peer 198.51.100.7
                Mar  3 09:20:00 gw pluto[2143]: "L2TP-PSK-NAT"[4] 198.51.100.7 #9: STATE_MAIN_R1: sent MR1, expecting MI2
                Mar  3 09:20:00 gw pluto[2143]: "L2TP-PSK-NAT"[4] 198.51.100.7 #9: NAT-Traversal: Result using RFC 3947 (NAT-Traversal): peer is NATed
                Mar  3 09:20:00 gw pluto[2143]: "L2TP-PSK-NAT"[4] 198.51.100.7 #9: STATE_MAIN_R2: sent MR2, expecting MI3
                Mar  3 09:20:00 gw pluto[2143]: "L2TP-PSK-NAT"[4] 198.51.100.7 #9: STATE_MAIN_R3: sent MR3, ISAKMP SA established {auth=OAKLEY_PRESHARED_KEY cipher=aes_256 prf=oakley_sha group=modp2048}
                # programs/pluto/ikev1.c process_packet_tail(): "retransmitting in response to duplicate packet; already %s"
                Mar  3 09:20:01 gw pluto[2143]: "L2TP-PSK-NAT"[4] 198.51.100.7 #9: retransmitting in response to duplicate packet; already STATE_MAIN_R3
                Mar  3 09:20:03 gw pluto[2143]: "L2TP-PSK-NAT"[4] 198.51.100.7 #9: retransmitting in response to duplicate packet; already STATE_MAIN_R3
                # programs/pluto/state.c delete_state(): "deleting state (%s)"
                Mar  3 09:21:00 gw pluto[2143]: "L2TP-PSK-NAT"[4] 198.51.100.7 #9: deleting state (STATE_MAIN_R3)
                """;
        ProviderRun r = run("messages", Side.SERVER, log);
        assertThat(of(r, IkeOutcome.RETRANSMITTED)).isEmpty();
        assertThat(failures(r)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(IkeFailureReason.ANSWER_UNHEARD);
            assertThat(e.ref().locator()).isEqualTo("line 9"); // the last repeat
            assertThat(e.detail()).contains("2 times").contains("NAT detected: remote host is behind NAT");
        });
    }

    @Test
    void responderStatesDroppedHalfWayEndWithoutAStatedReason() {
        String log = """
                # libreswan 4.5 pluto log; programs/pluto/timer.c dispatch_event(): "deleting incomplete state after %s seconds"
                Nov 23 10:55:00 gw pluto[2201]: "l2tp-psk"[5] 198.51.100.7 #10: responding to Main Mode from unknown peer 198.51.100.7:500
                Nov 23 10:55:00 gw pluto[2201]: "l2tp-psk"[5] 198.51.100.7 #10: sent Main Mode R1
                Nov 23 10:55:00 gw pluto[2201]: "l2tp-psk"[5] 198.51.100.7 #10: sent Main Mode R2
                Nov 23 10:56:00 gw pluto[2201]: "l2tp-psk"[5] 198.51.100.7 #10: deleting incomplete state after 60.000 seconds
                Nov 23 10:56:00 gw pluto[2201]: "l2tp-psk"[5] 198.51.100.7 #10: deleting state (STATE_MAIN_R2) and NOT sending notification
                # libreswan 5.x short state names
                Nov 23 10:57:00 gw pluto[2201]: "l2tp-psk"[6] 198.51.100.8 #11: responding to Main Mode from unknown peer 198.51.100.8:500
                Nov 23 10:58:00 gw pluto[2201]: "l2tp-psk"[6] 198.51.100.8 #11: deleting ISAKMP SA (MAIN_R1) and NOT sending notification
                """;
        ProviderRun r = run("messages", Side.SERVER, log);
        assertThat(failures(r)).extracting(IkeSaEvent::phase, IkeSaEvent::reason, IkeSaEvent::peerAddress).containsExactly(
                tuple(Layer.IKE_MAIN_MODE, IkeFailureReason.OTHER, "198.51.100.7"),
                tuple(Layer.IKE_MAIN_MODE, IkeFailureReason.OTHER, "198.51.100.8"));
        assertThat(of(r, IkeOutcome.STARTED)).extracting(IkeSaEvent::version).containsOnly(IkeVersion.IKEV1);
    }

    @Test
    void aFatalErrorWithoutAStatedReasonEndsMainMode() {
        String log = """
                # libreswan 4.5 `ipsec auto --up`; programs/pluto/ikev1.c complete_v1_state_transition(): "encountered fatal error in state %s" (036 RC_FATAL)
                002 "l2tp-psk" #1: initiating IKEv1 Main Mode connection
                036 "l2tp-psk" #1: encountered fatal error in state STATE_MAIN_I2
                """;
        ProviderRun r = run("up.txt", Side.CLIENT, log);
        assertThat(failures(r)).extracting(IkeSaEvent::phase, IkeSaEvent::reason, IkeSaEvent::version)
                .containsExactly(tuple(Layer.IKE_MAIN_MODE, IkeFailureReason.OTHER, IkeVersion.IKEV1));
    }

    @Test
    void deadPeerDetectionOnAnEstablishedSa() {
        String log = """
                # libreswan 4.5; programs/pluto/ikev1_dpd.c dpd_action(): "%s action - clearing connection kind %s"
                Nov 23 12:00:00 gw pluto[2201]: "l2tp-psk"[7] 198.51.100.7 #12: IKE SA established {auth=PRESHARED_KEY cipher=AES_CBC_256 integ=HMAC_SHA1 group=MODP1024}
                Nov 23 12:30:00 gw pluto[2201]: "l2tp-psk"[7] 198.51.100.7 #12: DPD action - clearing connection kind CK_INSTANCE
                # libreswan 3.25; programs/pluto/connections.c liveness_action(): "%s action - ..." with "IKEv1 DPD:"
                Nov 23 12:31:00 gw pluto[2201]: "l2tp-psk"[8] 198.51.100.8 #14: STATE_MAIN_R3: sent MR3, ISAKMP SA established {auth=PRESHARED_KEY cipher=aes_256 integ=sha group=MODP2048}
                Nov 23 12:40:00 gw pluto[2201]: "l2tp-psk"[8] 198.51.100.8 #14: IKEv1 DPD: action - restarting all connections that share this peer
                """;
        ProviderRun r = run("messages", Side.SERVER, log);
        assertThat(failures(r)).extracting(IkeSaEvent::phase, IkeSaEvent::reason).containsExactly(
                tuple(Layer.IKE_QUICK_MODE, IkeFailureReason.NO_RESPONSE),
                tuple(Layer.IKE_QUICK_MODE, IkeFailureReason.NO_RESPONSE));
    }

    // ---- envelopes and tolerance

    @Test
    void everyEnvelopeOfPlutoIsRecognised() {
        String line = "\"l2tp-psk\" #1: STATE_MAIN_I1: 60 second timeout exceeded after 7 retransmits.  No response (or no "
                + "acceptable response) to our first IKEv1 message";
        String[] files = {
            // ipsec auto --up with whack status codes (libreswan 3.x, 4.x)
            "002 \"l2tp-psk\" #1: initiating Main Mode\n031 " + line + "\n",
            // ipsec up of libreswan 5 (no status codes), or a bare copy of pluto's lines
            "\"l2tp-psk\" #1: initiating IKEv1 Main Mode connection\n" + line + "\n",
            // pluto's own log file (plutostderrlog)
            "Nov 23 10:01:02.345678: \"l2tp-psk\" #1: initiating IKEv1 Main Mode connection\nNov 23 10:02:02.455010: "
                    + line + "\n",
            // syslog
            "Nov 23 10:01:02 laptop pluto[812]: \"l2tp-psk\" #1: initiating Main Mode\nNov 23 10:02:02 laptop pluto[812]: "
                    + line + "\n",
            // journalctl -o short-iso with microseconds
            "2026-11-23T10:01:02.345678+0100 laptop pluto[812]: " + line + "\n",
            // a pluto[pid]: tag without a time
            "pluto[812]: " + line + "\n",
            // journalctl -o json
            "{\"__REALTIME_TIMESTAMP\":\"1795428122455010\",\"SYSLOG_IDENTIFIER\":\"pluto\",\"_PID\":\"812\",\"MESSAGE\":\""
                    + line.replace("\"", "\\\"") + "\"}\n",
            // packet from only
            "packet from 198.51.100.7:500: initial Main Mode message received on 203.0.113.5:500 but no connection has"
                    + " been authorized with policy PSK+IKEV1_ALLOW\n",
        };
        for (String f : files) {
            ProviderRun r = run("pluto-log", Side.CLIENT, f);
            assertThat(r.sniffScore()).as(f).isEqualTo(FactProvider.STRONG_MATCH);
            assertThat(r.problems()).as(f).isEmpty();
            assertThat(failures(r)).as(f).singleElement().satisfies(e -> assertThat(e.reason())
                    .isIn(IkeFailureReason.NO_RESPONSE, IkeFailureReason.POLICY_MISMATCH));
        }
    }

    @Test
    void redactedAddressesAndDamagedLinesAreTolerated() {
        String log = """
                # libreswan 3.32 syslog as users paste it, with addresses hidden
                Nov 23 11:00:00 gw pluto[2201]: "l2tp-psk"[7] x.x.x.x #21: responding to Main Mode from unknown peer x.x.x.x on port 500
                Nov 23 11:00:00 gw pluto[2201]: "l2tp-psk"[7] x.x.x.x #21: no acceptable Oakley Transform
                Nov 23 11:00:01 gw pluto[2201]: "l2tp-psk"[8] <ip> #22: responding to Main Mode from unknown peer <ip> on port 500
                Nov 23 11:00:01 gw pluto[2201]: "l2tp-psk"[8] <ip> #22: STATE_MAIN_R1: sent MR1, expecting MI2
                Nov 23 11:00:02 gw pluto[2201]: "*snip*"[9] *snip* #23: Can't authenticate: no preshared key found for `*snip*' and `%any'.  Attribute OAKLEY_AUTHENTICATION_METHOD
                Nov 23 11:00:03 gw pluto[2201]: packet from XXX.XXX.XXX.XXX:500: initial Main Mode message received on XXX.XXX.XXX.XXX:500 but no connection has been authorized with policy PSK+IKEV1_ALLOW
                Nov 23 11:00:04 gw pluto[2201]: "l2tp-psk"[10] 2001:db8::7 #24: responding to Main Mode from unknown peer 2001:db8::7 on port 500
                Nov 23 11:00:04 gw pluto[2201]: "l2tp-psk"[10] 2001:db8::7 #24: no acceptable Oakley Transform
                Nov 23 11:00:05 gw pluto[2201]: | a debug line: "l2tp-psk" #1: STATE_MAIN_I1: 60 second timeout exceeded
                Nov 23 11:00:05 gw pluto[2201]: #
                Nov 23 11:00:05 gw pluto[2201]: #25: "l2tp-psk"[11] 198.51.100.9:500 STATE_MAIN_R3 (ISAKMP SA established); EVENT_SA_REPLACE in 3330s; lastdpd=-1s(seq in:0 out:0); idle; import:respond to stranger
                Nov 23 11:00:05 gw pluto[2201]: "l2tp-psk"[11] 198.51.100.9 #25: deleting IKE SA (established IKE SA)
                Nov 23 11:00:05 gw pluto[2201]: "l2tp-psk"[11] 198.51.100.9 #25: deleting established Child SA using IKE SA #24
                Nov 23 11:00:05 gw pluto[2201]: "l2tp-psk"[11] 198.51.100.9 #25: STATE_
                Nov 23 11:00:06 gw pluto[2201]: "unterminated
                Nov 23 11:00:06 gw pluto[2201]: "l2tp-psk"[12] 192.0.2.
                """;
        ProviderRun r = run("messages", Side.SERVER, log);
        assertThat(r.failure()).isEmpty();
        assertThat(of(r, IkeOutcome.ESTABLISHED)).isEmpty();
        assertThat(failures(r)).extracting(IkeSaEvent::reason, IkeSaEvent::peerAddress).containsExactly(
                tuple(IkeFailureReason.NO_PROPOSAL_CHOSEN, null),
                tuple(IkeFailureReason.AUTHENTICATION_FAILED, null),
                tuple(IkeFailureReason.POLICY_MISMATCH, null),
                tuple(IkeFailureReason.NO_PROPOSAL_CHOSEN, "2001:db8::7"));
        // the two cut-off state lines are counted, not fatal
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message()).startsWith("2 lines"));
    }

    @Test
    void aRestartedDaemonNumbersItsStatesAfresh() {
        String log = """
                # libreswan 3.32 syslog; programs/pluto/plutomain.c: "Starting Pluto (Libreswan Version %s%s) pid:%u"
                Nov 23 09:00:00 gw pluto[2201]: "l2tp-psk"[1] 198.51.100.7 #1: STATE_MAIN_R3: sent MR3, ISAKMP SA established {auth=PRESHARED_KEY cipher=aes_256 integ=sha group=MODP2048}
                Nov 23 09:30:00 gw pluto[3310]: Starting Pluto (Libreswan Version 3.32 XFRM(netkey) esp-hw-offload FORK PTHREAD_SETSCHEDPRIO NSS (IPsec profile) DNSSEC SYSTEMD_WATCHDOG FIPS_CHECK LABELED_IPSEC SECCOMP LIBCAP_NG LINUX_AUDIT AUTH_PAM NETWORKMANAGER CURL(non-NSS) LDAP(non-NSS)) pid:3310
                Nov 23 09:31:00 gw pluto[3310]: "l2tp-psk"[1] 198.51.100.8 #1: responding to Main Mode from unknown peer 198.51.100.8 on port 500
                Nov 23 09:31:00 gw pluto[3310]: "l2tp-psk"[1] 198.51.100.8 #1: no acceptable Oakley Transform
                """;
        ProviderRun r = run("messages", Side.SERVER, log);
        assertThat(failures(r)).extracting(IkeSaEvent::reason, IkeSaEvent::peerAddress)
                .containsExactly(tuple(IkeFailureReason.NO_PROPOSAL_CHOSEN, "198.51.100.8"));
    }

    @Test
    void anIpsecServiceThatCannotInitialiseItsNssDatabaseIsDown() throws Exception {
        // libreswan 3.18's ipsec script (programs/setup, "Initializing NSS database") under systemd,
        // as journalctl -o short prints it
        String log = String.join("\n",
                "Oct 18 11:22:35 sam systemd[1]: Starting Internet Key Exchange (IKE) Protocol Daemon for IPsec...",
                "Oct 18 11:22:35 sam ipsec[27588]: Initializing NSS database",
                "Oct 18 11:22:35 sam ipsec[27588]: /usr/sbin/ipsec: line 356: certutil: command not found",
                "Oct 18 11:22:35 sam ipsec[27588]: Failed to initialize nss database sql:/etc/ipsec.d",
                "Oct 18 11:22:35 sam systemd[1]: ipsec.service: Control process exited, code=exited status=1",
                "Oct 18 11:22:35 sam systemd[1]: Failed to start Internet Key Exchange (IKE) Protocol Daemon for IPsec.",
                "");
        dev.vpndiag.testing.ProviderRun r = dev.vpndiag.testing.ProviderRun.of(new LinuxLogProvider(),
                dev.vpndiag.api.Evidence.bytes("journal.txt", log.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(r.factsOf(dev.vpndiag.api.fact.ServiceState.class))
                .extracting(dev.vpndiag.api.fact.ServiceState::service, dev.vpndiag.api.fact.ServiceState::running,
                        f -> f.ref().locator())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ipsec", false, "line 4"),
                        org.assertj.core.groups.Tuple.tuple("ipsec", false, "line 5"),
                        org.assertj.core.groups.Tuple.tuple("ipsec", false, "line 6"));
    }

    /** libreswan's IKEv2 responder refusing a client that asks for EAP where the connection authenticates otherwise. */
    @Test
    void peerAttemptingEapWhereIkeAuthIsRequiredIsAMethodMismatch() {
        String log = """
                # libreswan 4.x pluto, programs/pluto/ikev2_eap.c: "Peer attempted EAP authentication, but IKE_AUTH is required"
                Feb  3 08:10:11 vpn pluto[812]: "ikev2-cp"[2] 198.51.100.7 #7: Peer attempted EAP authentication, but IKE_AUTH is required
                Feb  3 08:10:11 vpn pluto[812]: "ikev2-cp"[2] 198.51.100.7 #7: responder sending AUTHENTICATION_FAILED notification
                """;
        assertThat(failures(run("pluto.log", Side.SERVER, log))).first()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(IkeFailureReason.AUTH_METHOD_MISMATCH));
    }
}
