package dev.vpndiag.plugin.eventlog.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.IkeVersion;
import dev.vpndiag.api.fact.RasError;
import dev.vpndiag.api.spi.ContentHead;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.plugin.eventlog.linux.LinuxLogProvider;
import dev.vpndiag.testing.ProviderRun;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Windows evidence as people paste it into tickets and forum posts. Every text below is written in the
 * form a user pastes it. Wording of the messages: the RAS error texts of mprmsg.dll and the IPsec audit
 * texts of adtschema.dll / msaudite.dll as listed by libyal/winevt-kb (docs/sources/message-files), the
 * IKE error texts of winerror.h (ERROR_IPSEC_IKE_*); the RemoteAccess 20111 listing follows the
 * Get-EventLog output shown in Microsoft's Azure VPN gateway troubleshooting article.
 */
class WindowsPastedTextTest {
    private final WindowsEventLogProvider provider = new WindowsEventLogProvider();

    private ProviderRun run(String text) {
        return ProviderRun.of(provider, Evidence.bytes("ticket.txt", text.getBytes(StandardCharsets.UTF_8)).withSide(Side.CLIENT));
    }

    private static List<Object> ras(ProviderRun run) {
        return run.factsOf(RasError.class).stream()
                .map(r -> List.of(r.code(), String.valueOf(r.connection()), r.ref().locator(), String.valueOf(r.time())))
                .collect(Collectors.toList());
    }

    // ---- the error dialog ---------------------------------------------------------------------------

    static final String DIALOG_809 = """
            Error 809: The network connection between your computer and the VPN server could not be established because the remote server is not responding. This could be because one of the network devices (e.g, firewalls, NAT, routers, etc) between your computer and the remote server is not configured to allow VPN connections. Please contact your Administrator or your service provider to determine which device may be causing the problem.
            """;

    @Test
    void errorDialogWithItsNumber() {
        ProviderRun run = run(DIALOG_809);
        assertThat(run.sniffScore()).isEqualTo(ExportFormat.PASTED_MATCH).isLessThan(FactProvider.WEAK_MATCH).isPositive();
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsOf(RasError.class)).extracting(RasError::code, RasError::connection, r -> r.ref().locator(), RasError::time)
                .containsExactly(tuple(809, null, "line 1", null));
        assertThat(run.factsOf(RasError.class).get(0).detail()).startsWith("Error 809: The network connection");
        assertThat(run.factsBesidesPlatform()).hasSize(1);
    }

    @Test
    void errorDialogWordingWithoutTheNumberWrappedByAMailClient() {
        ProviderRun run = run("""
                When I click Connect I get this:

                The L2TP connection attempt failed because the security layer encountered
                a processing error during initial negotiations with the remote computer.

                Thanks, Bob
                """);
        assertThat(ras(run)).containsExactly(List.of(789, "null", "line 3", "null"));
    }

    @Test
    void theShortPolicyMatchTextAndChineseDialogWordingsAreQuotedAsUsersQuoteThem() {
        // an issue body: "It display: `policy match error`." (13868), and Chinese Windows' 13806 and 13801 dialogs
        assertThat(codes("Win10 Pro 1909\nWhen connect VPN.\nIt display: `policy match error`.")).containsExactly(13868);
        assertThat(codes("ike\u65e0\u6cd5\u627e\u5230\u6709\u6548\u7684\u8ba1\u7b97\u673a\u8bc1\u4e66")).containsExactly(13806);
        assertThat(codes("\u63d0\u793a IKE\u8eab\u4efd\u9a8c\u8bc1\u51ed\u636e\u4e0d\u53ef\u63a5\u53d7")).containsExactly(13801);
        assertThat(codes("Remote Access error 798 - A certificate could not be found that can be used with this "
                + "Extensible Authentication Protocol.")).containsExactly(798);
    }

    @Test
    void aDialogPastedWithoutASideIsTheClientsAndAServersEventsStayUnplaced() {
        ProviderRun dialog = ProviderRun.of(provider, Evidence.bytes("paste.txt", DIALOG_809.getBytes(StandardCharsets.UTF_8)));
        assertThat(dialog.factsOf(RasError.class)).extracting(RasError::side).containsExactly(Side.CLIENT);
        String server = "Source: RemoteAccess\nEvent ID: 20271\nRoutingDomainID- {00000000-0000-0000-0000-000000000000}: "
                + "CoId={1}: The user alice connected from 198.51.100.7 but failed an authentication attempt due to the "
                + "following reason: The remote connection was denied because the user name and password combination you "
                + "provided is not recognized, or the selected authentication protocol is not permitted on the remote access server.\n";
        ProviderRun rras = ProviderRun.of(provider, Evidence.bytes("paste.txt", server.getBytes(StandardCharsets.UTF_8)));
        assertThat(rras.factsOf(RasError.class)).isNotEmpty().allSatisfy(r -> assertThat(r.side()).isEqualTo(Side.UNKNOWN));
    }

    @Test
    void eachKnownWordingGivesItsCode() {
        // mprmsg.dll (Windows 7 to 11 unless said otherwise)
        assertThat(codes("The remote connection was not made because the attempted VPN tunnels failed. The VPN server might be unreachable.")).containsExactly(800);
        assertThat(codes("The remote connection was denied because the user name and password combination you provided is not recognized, or the selected authentication protocol is not permitted on the remote access server.")).containsExactly(691);
        assertThat(codes("The remote computer does not support the required data encryption type.")).containsExactly(742);
        assertThat(codes("The local computer does not support the required data encryption type.")).containsExactly(741);
        assertThat(codes("A connection to the remote computer could not be established. You might need to change the network settings for this connection.")).containsExactly(720);
        assertThat(codes("Your computer and the remote computer could not agree on PPP control protocols.")).containsExactly(732);
        assertThat(codes("The PPP link control protocol was terminated.")).containsExactly(734);
        assertThat(codes("A certificate could not be found.  Connections that use the L2TP protocol over IPSec require the installation of a machine certificate, also known as a computer certificate.")).containsExactly(766);
        assertThat(codes("The connection requires a certificate, and no valid certificate was found.")).as("XP").containsExactly(781);
        assertThat(codes("The connection attempt failed because there is no valid machine certificate on your computer for security authentication.")).containsExactly(786);
        assertThat(codes("The L2TP connection attempt failed because there is no valid machine certificate on your computer for security authentication.")).as("2000/XP").containsExactly(786);
        assertThat(codes("The L2TP connection attempt failed because the security layer could not authenticate the remote computer.")).containsExactly(787);
        assertThat(codes("The L2TP connection attempt failed because the security layer could not negotiate compatible parameters with the remote computer.")).containsExactly(788);
        assertThat(codes("The L2TP connection attempt failed because certificate validation of the remote computer failed.")).containsExactly(790);
        assertThat(codes("The L2TP connection attempt failed because security policy for the connection was not found.")).containsExactly(791);
        assertThat(codes("The L2TP connection attempt failed because security negotiation timed out.")).containsExactly(792);
        assertThat(codes("The L2TP connection attempt failed because an error occurred while negotiating security.")).containsExactly(793);
        assertThat(codes("The connection was prevented because of a policy configured on your RAS/VPN server.")).containsExactly(812);
        assertThat(codes("The L2TP connection attempt failed because the security layer could not authenticate the remote computer. This could be because one or more fields of the certificate presented by the remote server could not be validated as belonging to the target destination.")).as("835 names more than 787").containsExactly(835);
        // winerror.h ERROR_IPSEC_IKE_*
        assertThat(codes("IKE authentication credentials are unacceptable")).containsExactly(13801);
        assertThat(codes("IKE failed to find valid machine certificate. Contact your Network Security Administrator about installing a valid certificate in the appropriate Certificate Store.")).containsExactly(13806);
        assertThat(codes("Error 13868: Policy match error")).containsExactly(13868);
        assertThat(codes("Error 13809 when connecting")).containsExactly(13809);
        assertThat(codes("error 13843: Invalid payload received.")).containsExactly(13843);
        assertThat(codes("Policy match error")).as("no other Windows text says it").containsExactly(13868);
    }

    private List<Integer> codes(String text) {
        return run(text + "\n").factsOf(RasError.class).stream().map(RasError::code).toList();
    }

    @Test
    void numbersNeedAnErrorWordOrAKnownSentence() {
        assertThat(codes("Windows 10 build 19045.809, tried 3 times on port 1701 and 4500, event 809 in the log")).isEmpty();
        assertThat(codes("Event ID: 20227")).isEmpty();
        assertThat(codes("HTTP error 404 on the portal, and error 1603 from the installer (0x80070643)")).as("outside the RAS and IKE ranges").isEmpty();
        assertThat(codes("The error 809 on 12/03/2026 and error 789")).containsExactly(809, 789);
        assertThat(codes("Error code: 809")).containsExactly(809);
        assertThat(codes("VPN failed with error (809)")).containsExactly(809);
        assertThat(codes("Connection failed, error #691")).containsExactly(691);
        assertThat(codes("rasdial returned 0x80070329")).as("HRESULT_FROM_WIN32(809)").containsExactly(809);
        assertThat(codes("Failure error code:0x000035e9")).as("13801 in hex, as an IKEEXT trace prints it").containsExactly(13801);
        assertThat(codes("The error code returned on failure is 789.")).containsExactly(789);
    }

    @Test
    void theNumberInOtherLanguages() {
        assertThat(codes("Ошибка 809: Не удалось установить сетевое подключение между компьютером и VPN-сервером")).containsExactly(809);
        assertThat(codes("Fehler 809: Die Netzwerkverbindung zwischen dem Computer und dem VPN-Server konnte nicht hergestellt werden")).containsExactly(809);
        assertThat(codes("Verbindungsfehler 789")).containsExactly(789);
        assertThat(codes("Error 809: No se pudo establecer la conexión de red entre el equipo y el servidor VPN")).containsExactly(809);
        assertThat(codes("錯誤 809: 無法建立您電腦與 VPN 伺服器之間的網路連線")).containsExactly(809);
        assertThat(codes("错误 809：无法建立计算机与 VPN 服务器之间的网络连接")).containsExactly(809);
        assertThat(codes("오류 809: 원격 서버가 응답하지 않아 컴퓨터와 VPN 서버 간의 네트워크 연결을 설정할 수 없습니다")).containsExactly(809);
        assertThat(codes("erreur 809 : La connexion réseau entre votre ordinateur et le serveur VPN n'a pas pu être établie")).containsExactly(809);
        assertThat(codes("errore 809: impossibile stabilire la connessione di rete")).containsExactly(809);
        assertThat(codes("Erro 809: Não foi possível estabelecer a conexão de rede")).containsExactly(809);
        assertThat(codes("fout 809: De netwerkverbinding tussen de computer en de VPN-server kan niet tot stand worden gebracht")).containsExactly(809);
        assertThat(codes("Błąd 809: Nie można nawiązać połączenia sieciowego")).containsExactly(809);
        assertThat(codes("エラー 809: ネットワーク接続を確立できませんでした")).containsExactly(809);
        assertThat(codes("Код ошибки: 789")).containsExactly(789);
        assertThat(codes("Der bei Fehler zurückgegebene Fehlercode lautet 789.")).containsExactly(789);
    }

    // ---- RasClient events --------------------------------------------------------------------------

    @Test
    void rasClientMessageWithoutItsHeader() {
        ProviderRun run = run("""
                CoId={A1E4C4B0-6B0E-4B64-9E8A-2F1C0D3B7E55}: The user CONTOSO\\alice dialed a connection named Office VPN which has failed. The error code returned on failure is 809.
                """);
        assertThat(ras(run)).containsExactly(List.of(809, "Office VPN", "line 1", "null"));
    }

    @Test
    void rasClientCoIdLineWithTheCodeOnly() {
        ProviderRun run = run("CoId={A1E4C4B0-6B0E-4B64-9E8A-2F1C0D3B7E55}: The error code returned on failure is 789.\n");
        assertThat(ras(run)).containsExactly(List.of(789, "null", "line 1", "null"));
    }

    static final String COPIED_DETAILS_20227 = """
            Log Name:      Application
            Source:        RasClient
            Date:          3/4/2026 10:30:01 AM
            Event ID:      20227
            Task Category: None
            Level:         Error
            Keywords:      Classic
            User:          CONTOSO\\alice
            Computer:      LAPTOP-7.contoso.com
            Description:
            CoId={A1E4C4B0-6B0E-4B64-9E8A-2F1C0D3B7E55}: The user CONTOSO\\alice dialed a connection named Office VPN which has failed. The error code returned on failure is 789.
            Event Xml:
            <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
              <System>
                <Provider Name="RasClient" />
                <EventID Qualifiers="0">20227</EventID>
                <Level>2</Level>
                <TimeCreated SystemTime="2026-03-04T10:30:01.433919300Z" />
                <Channel>Application</Channel>
              </System>
              <EventData>
                <Data>{A1E4C4B0-6B0E-4B64-9E8A-2F1C0D3B7E55}</Data>
                <Data>CONTOSO\\alice</Data>
                <Data>Office VPN</Data>
                <Data>789</Data>
              </EventData>
            </Event>
            """;

    @Test
    void eventViewerCopyDetailsAsText() {
        ProviderRun run = run(COPIED_DETAILS_20227);
        assertThat(run.sniffScore()).as("pasted text, not an XML export").isEqualTo(ExportFormat.PASTED_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(ras(run)).containsExactly(List.of(789, "Office VPN", "line 1", "2026-03-04T10:30:01Z"));
        assertThat(run.factsBesidesPlatform()).hasSize(1);
    }

    @Test
    void generalTabWithTheMessageFirstAndTwoFieldsALine() {
        ProviderRun run = run("""
                CoId={A1E4C4B0-6B0E-4B64-9E8A-2F1C0D3B7E55}: The user CONTOSO\\alice dialed a connection named Office VPN which has failed. The error code returned on failure is 13801.

                Log Name:      Application
                Source:        RasClient                Logged:        3/4/2026 10:31:15 AM
                Event ID:      20227                    Task Category: None
                Level:         Error                    Keywords:      Classic
                User:          CONTOSO\\alice            Computer:      LAPTOP-7.contoso.com
                OpCode:        Info
                More Information:  Event Log Online Help
                """);
        assertThat(ras(run)).containsExactly(List.of(13801, "Office VPN", "line 1", "2026-03-04T10:31:15Z"));
    }

    @Test
    void getWinEventFormatListWithAWrappedMessage() {
        ProviderRun run = run("""
                PS C:\\> Get-WinEvent -FilterHashtable @{LogName='Application'; ProviderName='RasClient'; Id=20227} -MaxEvents 2 | Format-List


                TimeCreated  : 3/4/2026 10:30:01 AM
                ProviderName : RasClient
                Id           : 20227
                Message      : CoId={A1E4C4B0-6B0E-4B64-9E8A-2F1C0D3B7E55}: The user CONTOSO\\alice dialed a connection named Office
                               VPN which has failed. The error code returned on failure is 789.

                TimeCreated  : 3/4/2026 9:58:40 AM
                ProviderName : RasClient
                Id           : 20227
                Message      : CoId={0D9F55A2-3C61-4E0B-8B7A-61D2C9E0AB14}: The user CONTOSO\\alice dialed a connection named Office
                               VPN which has failed. The error code returned on failure is 809.


                """);
        assertThat(ras(run)).containsExactly(List.of(789, "Office VPN", "line 4", "2026-03-04T10:30:01Z"),
                List.of(809, "Office VPN", "line 10", "2026-03-04T09:58:40Z"));
    }

    @Test
    void getEventLogFormatListOfARemoteAccessEventWithTheWordingOnly() {
        ProviderRun run = run("""
                Index              : 14245
                EntryType          : Error
                InstanceId         : 20111
                Message            : RoutingDomainID- {00000000-0000-0000-0000-000000000000}: A Demand Dial connection to the remote
                                     interface AzureGateway on port VPN2-4 was successfully initiated but failed to complete
                                     successfully because of the  following error: IKE authentication credentials are unacceptable

                Category           : (0)
                CategoryNumber     : 0
                ReplacementStrings : {{00000000-0000-0000-0000-000000000000}, AzureGateway, VPN2-4, IKE authentication credentials are
                                     unacceptable
                                     }
                Source             : RemoteAccess
                TimeGenerated      : 3/18/2016 1:34:22 PM
                TimeWritten        : 3/18/2016 1:34:22 PM
                UserName           :
                """);
        assertThat(ras(run)).containsExactly(List.of(13801, "null", "line 1", "2016-03-18T13:34:22Z"));
    }

    @Test
    void getWinEventTable() {
        ProviderRun run = run("""
                   ProviderName: RasClient

                TimeCreated                      Id LevelDisplayName Message
                -----------                      -- ---------------- -------
                3/4/2026 10:30:01 AM          20227 Error            CoId={A1E4C4B0-6B0E-4B64-9E8A-2F1C0D3B7E55}: The user CONTOSO\\alice dialed a connection named Office VPN which has failed. The error code returned on failure is 742.
                3/4/2026 10:29:58 AM          20221 Information      CoId={A1E4C4B0-6B0E-4B64-9E8A-2F1C0D3B7E55}: The user CONTOSO\\alice has started dialing a VPN connection using a per-user connection profile named Office VPN.
                """);
        assertThat(ras(run)).containsExactly(List.of(742, "Office VPN", "line 5", "2026-03-04T10:30:01Z"));
    }

    // ---- IPsec audit events (Security log) ---------------------------------------------------------

    static final String GENERAL_TAB_4653 = """
            An IPsec main mode negotiation failed.

            Local Endpoint:
            \tLocal Principal Name:\t-
            \tNetwork Address:\t198.51.100.2
            \tKeying Module Port:\t500

            Remote Endpoint:
            \tPrincipal Name:\t\t-
            \tNetwork Address:\t203.0.113.2
            \tKeying Module Port:\t500

            Additional Information:
            \tKeying Module Name:\tIKEv1
            \tAuthentication Method:\tPreshared key
            \tRole:\t\t\tInitiator
            \tImpersonation State:\tNot enabled
            \tMain Mode Filter ID:\t68443

            Failure Information:
            \tFailure Point:\t\tLocal computer
            \tFailure Reason:\t\tNo policy configured
            \tState:\t\t\tNo state
            \tInitiator Cookie:\t\t8f3a0c5b9e2d7a14
            \tResponder Cookie:\t0000000000000000

            Log Name:      Security
            Source:        Microsoft Windows security auditing.
            Event ID:      4653
            Level:         Information
            User:          N/A
            OpCode:        Info
            Logged:        3/4/2026 10:40:00 AM
            Task Category: IPsec Main Mode
            Keywords:      Audit Failure
            Computer:      LAPTOP-7.contoso.com
            """;

    @Test
    void securityEventGeneralTabMessageThenFields() {
        ProviderRun run = run(GENERAL_TAB_4653);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsOf(IkeSaEvent.class))
                .extracting(IkeSaEvent::phase, IkeSaEvent::outcome, IkeSaEvent::reason, IkeSaEvent::authMethod, IkeSaEvent::version,
                        IkeSaEvent::localAddress, IkeSaEvent::peerAddress, e -> e.ref().locator(), IkeSaEvent::time)
                .containsExactly(tuple(Layer.IKE_MAIN_MODE, IkeOutcome.FAILED, IkeFailureReason.POLICY_MISMATCH, AuthMethod.PRE_SHARED_KEY,
                        IkeVersion.IKEV1, "198.51.100.2", "203.0.113.2", "line 1", Instant.parse("2026-03-04T10:40:00Z")));
        assertThat(run.factsBesidesPlatform()).as("the failure reason is not a RAS error").hasSize(1);
    }

    @Test
    void securityEventCopiedAsTextIndentedAsACodeBlock() {
        ProviderRun run = run("""
                My client log:

                    Log Name:      Security
                    Source:        Microsoft-Windows-Security-Auditing
                    Date:          3/4/2026 10:50:00 AM
                    Event ID:      4654
                    Task Category: IPsec Quick Mode
                    Level:         Information
                    Keywords:      Audit Failure
                    User:          N/A
                    Computer:      LAPTOP-7.contoso.com
                    Description:
                    An IPsec quick mode negotiation failed.

                    Local Endpoint:
                    \tNetwork Address:\t198.51.100.2
                    \tNetwork Address mask:\t-
                    \tPort:\t\t\t1701
                    \tTunnel Endpoint:\t\t-

                    Remote Endpoint:
                    \tNetwork Address:\t203.0.113.2
                    \tAddress Mask:\t\t-
                    \tPort:\t\t\t1701
                    \tTunnel Endpoint:\t\t-
                    \tPrivate Address:\t\t-

                    Additional Information:
                    \tProtocol:\t\t17
                    \tKeying Module Name:\tIKEv1
                    \tMode:\t\t\tTransport
                    \tRole:\t\t\tInitiator
                    \tQuick Mode Filter ID:\t68712
                    \tMain Mode SA ID:\t19

                    Failure Information:
                    \tState:\t\t\tSent first (SA) payload
                    \tMessage ID:\t\t2847122131
                    \tFailure Point:\t\tLocal computer
                    \tFailure Reason:\t\tNegotiation timed out
                """);
        assertThat(run.factsOf(IkeSaEvent.class))
                .extracting(IkeSaEvent::phase, IkeSaEvent::outcome, IkeSaEvent::reason, IkeSaEvent::version, IkeSaEvent::peerAddress,
                        e -> e.ref().locator(), IkeSaEvent::time)
                .containsExactly(tuple(Layer.IKE_QUICK_MODE, IkeOutcome.FAILED, IkeFailureReason.NO_RESPONSE, IkeVersion.IKEV1,
                        "203.0.113.2", "line 3", Instant.parse("2026-03-04T10:50:00Z")));
        assertThat(run.factsBesidesPlatform()).hasSize(1);
    }

    @Test
    void securityEventMessageAloneAndAnEstablishedMainMode() {
        ProviderRun run = run("""
                An IPsec main mode security association was established. Extended mode was not enabled.  Certificate authentication was not used.

                Local Endpoint:
                \tPrincipal Name:\t-
                \tNetwork Address:\t198.51.100.2
                \tKeying Module Port:\t4500

                Remote Endpoint:
                \tPrincipal Name:\t-
                \tNetwork Address:\t203.0.113.2
                \tKeying Module Port:\t4500

                Additional Information:
                \tKeying Module Name:\tIKEv1
                \tAuthentication Method:\tPreshared key
                \tRole:\tInitiator

                then 20 seconds later:

                An IPsec main mode negotiation failed.

                Remote Endpoint:
                \tPrincipal Name:\t\t-
                \tNetwork Address:\t203.0.113.2

                Failure Information:
                \tFailure Point:\t\tRemote computer
                \tFailure Reason:\t\tIKE authentication credentials are unacceptable
                """);
        assertThat(run.factsOf(IkeSaEvent.class))
                .extracting(IkeSaEvent::outcome, IkeSaEvent::reason, IkeSaEvent::authMethod, IkeSaEvent::peerAddress, e -> e.ref().locator(),
                        IkeSaEvent::time)
                .containsExactly(tuple(IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, AuthMethod.PRE_SHARED_KEY, "203.0.113.2", "line 1", null),
                        tuple(IkeOutcome.FAILED, IkeFailureReason.AUTHENTICATION_FAILED, AuthMethod.UNKNOWN, "203.0.113.2", "line 20", null));
        assertThat(run.factsBesidesPlatform()).as("no RAS error from the IKE failure reason").hasSize(2);
    }

    @Test
    void windowsXpEventPropertiesCopy() {
        ProviderRun run = run("""
                Event Type:\tFailure Audit
                Event Source:\tSecurity
                Event Category:\tLogon/Logoff\s
                Event ID:\t547
                Date:\t\t3/4/2026
                Time:\t\t10:12:13 AM
                User:\t\tNT AUTHORITY\\NETWORK SERVICE
                Computer:\tVPNSRV
                Description:
                IKE security association negotiation failed.
                 Mode:\s
                Data Protection Mode (Quick Mode)
                 Filter:\s
                Source IP Address 198.51.100.2
                Destination IP Address 203.0.113.2
                 Peer Identity:\s
                Preshared key ID.
                Peer IP Address: 203.0.113.2
                 Failure Point:\s
                Me
                 Failure Reason:\s
                No response from peer
                 Extra Status:\s
                0x0000-0x0
                """);
        assertThat(run.factsOf(IkeSaEvent.class))
                .extracting(IkeSaEvent::version, IkeSaEvent::phase, IkeSaEvent::reason, IkeSaEvent::authMethod, IkeSaEvent::peerAddress,
                        IkeSaEvent::time)
                .containsExactly(tuple(IkeVersion.IKEV1, Layer.IKE_QUICK_MODE, IkeFailureReason.NO_RESPONSE, AuthMethod.PRE_SHARED_KEY,
                        "203.0.113.2", Instant.parse("2026-03-04T10:12:13Z")));
    }

    @Test
    void getWinEventFormatListStarWithTheMessageFirst() {
        ProviderRun run = run("""
                PS C:\\WINDOWS\\system32> Get-WinEvent -LogName Security -FilterXPath "*[System[EventID=4653]]" -MaxEvents 1 | fl *


                Message              : An IPsec main mode negotiation failed.

                                       Local Endpoint:
                                       \tLocal Principal Name:\t-
                                       \tNetwork Address:\t192.168.1.20
                                       \tKeying Module Port:\t4500

                                       Remote Endpoint:
                                       \tPrincipal Name:\t\t-
                                       \tNetwork Address:\t203.0.113.2
                                       \tKeying Module Port:\t4500

                                       Additional Information:
                                       \tKeying Module Name:\tIKEv1
                                       \tAuthentication Method:\tUnknown authentication
                                       \tRole:\t\t\tInitiator

                                       Failure Information:
                                       \tFailure Point:\t\tLocal computer
                                       \tFailure Reason:\t\tNegotiation timed out
                                       \tState:\t\t\tSent first (SA) payload
                Id                   : 4653
                Version              : 0
                Qualifiers           :
                Level                : 0
                Task                 : 12547
                RecordId             : 291734
                ProviderName         : Microsoft-Windows-Security-Auditing
                ProviderId           : 54849625-5478-4994-a5ba-3e3b0328c30d
                LogName              : Security
                MachineName          : LAPTOP-7
                TimeCreated          : 3/4/2026 10:41:07 AM
                LevelDisplayName     : Information
                TaskDisplayName      : IPsec Main Mode
                KeywordsDisplayNames : {Audit Failure}
                Properties           : {System.Diagnostics.Eventing.Reader.EventProperty, System.Diagnostics.Eventing.Reader.EventProperty...}
                """);
        assertThat(run.factsOf(IkeSaEvent.class))
                .extracting(IkeSaEvent::phase, IkeSaEvent::reason, IkeSaEvent::localAddress, IkeSaEvent::peerAddress, e -> e.ref().locator(),
                        IkeSaEvent::time)
                .containsExactly(tuple(Layer.IKE_MAIN_MODE, IkeFailureReason.NO_RESPONSE, "192.168.1.20", "203.0.113.2", "line 4",
                        Instant.parse("2026-03-04T10:41:07Z")));
        assertThat(run.factsBesidesPlatform()).hasSize(1);
    }

    @Test
    void quotedWevtutilTextAndAnInvalidPacketMessage() {
        ProviderRun run = run("""
                > Event[0]:
                >   Log Name: Security
                >   Source: Microsoft-Windows-Security-Auditing
                >   Date: 2026-03-04T10:50:00.000
                >   Event ID: 4654
                >   Task: IPsec Quick Mode
                >   Level: Information
                >   Description:
                > An IPsec quick mode negotiation failed.
                >
                > Remote Endpoint:
                > \tNetwork Address:\t203.0.113.2
                >
                > Failure Information:
                > \tFailure Point:\t\tLocal computer
                > \tFailure Reason:\t\tNo policy configured

                and on the server:

                During main mode negotiation, IPsec received an invalid negotiation packet. If this problem persists, it could indicate a network issue or an attempt to modify or replay this negotiation.

                Local Network Address:\t203.0.113.2
                Remote Network Address:\t198.51.100.2
                Keying Module Name:\tIKEv1
                """);
        assertThat(run.factsOf(IkeSaEvent.class))
                .extracting(IkeSaEvent::phase, IkeSaEvent::outcome, IkeSaEvent::reason, IkeSaEvent::peerAddress, e -> e.ref().locator(),
                        IkeSaEvent::time)
                .containsExactly(
                        tuple(Layer.IKE_QUICK_MODE, IkeOutcome.FAILED, IkeFailureReason.POLICY_MISMATCH, "203.0.113.2", "line 1",
                                Instant.parse("2026-03-04T10:50:00Z")),
                        tuple(Layer.IKE_MAIN_MODE, IkeOutcome.FAILED, IkeFailureReason.OTHER, "198.51.100.2", "line 20", null));
    }

    @Test
    void legacyMessageWhoseFirstSentenceIsBrokenOverTwoLines() {
        ProviderRun run = run("""
                IKE security association establishment failed because peer
                sent invalid proposal.
                 Mode:\s
                Key Exchange Mode (Main Mode)
                 Peer Identity:\s
                Peer IP Address: 203.0.113.2
                """);
        assertThat(run.factsOf(IkeSaEvent.class)).extracting(IkeSaEvent::phase, IkeSaEvent::reason, IkeSaEvent::peerAddress)
                .containsExactly(tuple(Layer.IKE_MAIN_MODE, IkeFailureReason.NO_PROPOSAL_CHOSEN, "203.0.113.2"));
    }

    @Test
    void terminatedConnectionGivesItsReasonCode() {
        ProviderRun run = run("""
                CoId={A1E4C4B0-6B0E-4B64-9E8A-2F1C0D3B7E55}: The user CONTOSO\\alice dialed a connection named Office VPN which has terminated. The reason code returned on termination is 829.
                CoId={B7C2D1E0-0000-4B64-9E8A-2F1C0D3B7E55}: The user CONTOSO\\alice dialed a connection named Office VPN which has terminated. The reason code returned on termination is 0.
                CoId={C9A8B7C6-1111-4B64-9E8A-2F1C0D3B7E55}: The user CONTOSO\\alice has dialed a connection named Office VPN to the Remote Access Server which has successfully connected. The connection parameters are:
                """);
        assertThat(ras(run)).as("20226 with a reason, 20226 without one, 20225").containsExactly(List.of(829, "Office VPN", "line 1", "null"));
    }

    @Test
    void getEventLogTable() {
        ProviderRun run = run("""
                PS C:\\> Get-EventLog -LogName Application -Source RasClient -Newest 2

                   Index Time          EntryType   Source                 InstanceID Message
                   ----- ----          ---------   ------                 ---------- -------
                   88213 Mar 06 19:45  Error       RasClient                   20227 CoId={1F4D2A7E-6C3B-4F90-A8E5-72B1D0C9E6A4}: The user WORKGROUP\\dave dialed a connection named Home Office which has failed. The error code returned on failure is 691.
                   88212 Mar 06 19:44  Information RasClient                   20221 CoId={1F4D2A7E-6C3B-4F90-A8E5-72B1D0C9E6A4}: The user WORKGROUP\\dave has started dialing a VPN connection...
                """);
        assertThat(ras(run)).as("the table has no year: no time").containsExactly(List.of(691, "Home Office", "line 5", "null"));
    }

    @Test
    void aForumPostWithTheDialogTwoCopiedEventsAndMoreProse() {
        ProviderRun run = run("""
                Hi everyone,

                Since the March update our Windows 11 laptops can't connect to the L2TP VPN. The popup says:

                > Can't connect to Office VPN
                >
                > The L2TP connection attempt failed because the security layer could not negotiate compatible parameters with the remote computer.

                In Event Viewer I see this:

                Log Name:      Application
                Source:        RasClient
                Date:          3/4/2026 10:30:01 AM
                Event ID:      20227
                Task Category: None
                Level:         Error
                Keywords:      Classic
                User:          CONTOSO\\alice
                Computer:      LAPTOP-7.contoso.com
                Description:
                CoId={A1E4C4B0-6B0E-4B64-9E8A-2F1C0D3B7E55}: The user CONTOSO\\alice dialed a connection named Office VPN which has failed. The error code returned on failure is 788.

                Log Name:      Application
                Source:        RasClient
                Date:          3/4/2026 10:29:58 AM
                Event ID:      20221
                Task Category: None
                Level:         Information
                Keywords:      Classic
                User:          CONTOSO\\alice
                Computer:      LAPTOP-7.contoso.com
                Description:
                CoId={A1E4C4B0-6B0E-4B64-9E8A-2F1C0D3B7E55}: The user CONTOSO\\alice has started dialing a VPN connection using a per-user connection profile named Office VPN. The connection settings are:\s
                Dial-in User = alice
                VpnStrategy = L2TP
                Time: 10:29 this morning. Before that I got Error 809 from home.

                Thanks!
                """);
        assertThat(ras(run)).containsExactly(List.of(788, "null", "line 7", "null"),
                List.of(788, "Office VPN", "line 11", "2026-03-04T10:30:01Z"),
                List.of(809, "null", "line 36", "null"));
        assertThat(run.factsBesidesPlatform()).hasSize(3);
    }

    @Test
    void sniffsAHeaderlessIpsecMessage() {
        byte[] b = GENERAL_TAB_4653.lines().limit(20).collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8);
        assertThat(provider.sniff(new ContentHead("t.txt", b, b.length))).isEqualTo(ExportFormat.PASTED_MATCH);
    }

    // ---- the same text pasted in other ways -------------------------------------------------------

    static Stream<Arguments> pastings() {
        UnaryOperator<String> quoted = s -> s.lines().map(l -> "> " + l).collect(Collectors.joining("\n", "", "\n"));
        UnaryOperator<String> indented = s -> s.lines().map(l -> "    " + l).collect(Collectors.joining("\n", "", "\n"));
        UnaryOperator<String> doubleSpaced = s -> s.lines().map(l -> l + "\n").collect(Collectors.joining("\n", "", "\n"));
        UnaryOperator<String> crlf = s -> s.replace("\n", "\r\n");
        UnaryOperator<String> nestedQuote = s -> s.lines().map(l -> "> > " + l).collect(Collectors.joining("\n", "", "\n"));
        return Stream.of(Arguments.of("quoted with '> '", quoted), Arguments.of("indented by four spaces", indented),
                Arguments.of("blank line after every line", doubleSpaced), Arguments.of("CRLF", crlf),
                Arguments.of("quoted twice", nestedQuote),
                Arguments.of("quoted, blank line after every line", (UnaryOperator<String>) s -> quoted.apply(doubleSpaced.apply(s))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pastings")
    void theSameFactsHoweverItIsPasted(String how, UnaryOperator<String> paste) {
        for (String text : List.of(DIALOG_809, COPIED_DETAILS_20227, GENERAL_TAB_4653)) {
            ProviderRun clean = run(text);
            ProviderRun pasted = run(paste.apply(text));
            assertThat(pasted.sniffScore()).as(how).isEqualTo(ExportFormat.PASTED_MATCH);
            assertThat(summary(pasted.factsBesidesPlatform())).as(how + ": " + text.lines().findFirst().orElse(""))
                    .isEqualTo(summary(clean.factsBesidesPlatform()));
        }
    }

    /** The facts without their line numbers, which a pasting changes. */
    private static List<String> summary(List<Fact> facts) {
        return facts.stream().map(f -> f instanceof RasError r ? "RasError " + r.code() + " " + r.connection() + " " + r.time()
                : f instanceof IkeSaEvent e ? "IkeSaEvent " + e.phase() + " " + e.outcome() + " " + e.reason() + " " + e.authMethod()
                        + " " + e.localAddress() + " " + e.peerAddress() + " " + e.time()
                : f.getClass().getSimpleName()).toList();
    }

    @Test
    void utf16TextSavedByNotepad() {
        byte[] body = ("\uFEFF" + DIALOG_809).getBytes(StandardCharsets.UTF_16LE);
        ProviderRun run = ProviderRun.of(provider, Evidence.bytes("ticket.txt", body));
        assertThat(run.factsOf(RasError.class)).extracting(RasError::code).containsExactly(809);
    }

    // ---- clean exports and other readers keep their content -----------------------------------------

    @Test
    void cleanExportsStillGoToTheirOwnFormat() {
        for (String name : List.of("scenario/client-security-vista.xml", "scenario/server-wevtutil-legacy.xml", "scenario/eventviewer-system.csv",
                "scenario/eventviewer-security.txt", "scenario/wevtutil-text.txt", "scenario/auditpol-get.txt", "scenario/capi2-operational.xml")) {
            byte[] bytes = Corpus.bytes(name);
            assertThat(provider.sniff(new ContentHead(name, bytes, bytes.length))).as(name).isEqualTo(FactProvider.STRONG_MATCH);
        }
        byte[] reg = Corpus.bytes("scenario/disableikeaudits.reg");
        assertThat(provider.sniff(new ContentHead("x.reg", reg, reg.length))).isEqualTo(FactProvider.WEAK_MATCH);
    }

    @Test
    void aLinuxLogThatQuotesAnErrorGoesToTheLinuxReader() {
        byte[] log = "Mar  4 10:00:00 vpn pppd[812]: MS-CHAP authentication failed: E=691 Authentication failure\n"
                .getBytes(StandardCharsets.UTF_8);
        ContentHead head = new ContentHead("x.log", log, log.length);
        assertThat(new LinuxLogProvider().sniff(head)).isGreaterThan(provider.sniff(head));
    }

    @Test
    void declinesTextWithoutWindowsEvidence() {
        for (String text : List.of("Hello, my VPN does not work since the update. Any idea?\n", "error 404 not found\n",
                "Name : Office VPN\nServerAddress : vpn.example.com\n")) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            assertThat(provider.sniff(new ContentHead("t.txt", b, b.length))).as(text).isEqualTo(FactProvider.NO_MATCH);
        }
    }
}
