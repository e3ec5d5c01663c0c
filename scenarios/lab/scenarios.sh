#!/bin/bash
# vpndiag's lab scenarios: real strongSwan + xl2tpd runs with one injected fault each.
# Use with the shared fault lab (see scenarios/lab/README.md):
#   LAB_SCENARIOS=$PWD/scenarios/lab/scenarios.sh LAB_OUT=/tmp/bundles ../shared/lab/run-all.sh
# The shipped definitions (defaults, checks and the six original scenarios) are sourced first;
# every case here overrides only what differs from scenario_defaults. ROOT_CAUSE is the vpndiag
# catalogue id the evidence must lead to.

. "$LAB/scenarios.sh"
eval "shipped_$(declare -f scenario_def)"

ALL_SCENARIOS="healthy-psk-nat healthy-encrypted-nat
 udp500-blocked-nat udp500-replies-dropped ipsec-service-stopped server-no-policy
 udp4500-blocked-psk udp4500-blocked-cert-nat ike-fragments-dropped
 ike-proposal-mismatch-dh auth-method-mismatch psk-mismatch psk-mismatch-nat
 server-cert-untrusted server-cert-expired client-cert-expired server-cert-wrong-name
 client-clock-ahead server-clock-behind client-no-private-key
 qm-proposal-mismatch qm-selector-mismatch
 esp-blocked-inbound esp-blocked-nat esp-blocked-encrypted esp-corrupted esp-corrupted-inbound-encrypted
 l2tp-tunnel-rejected l2tp-server-down-nat l2tp-blocked-on-server client-identity-refused gateway-scanner-after-esp-blocked"

# Variations run once the rules for the list above were settled, to see how they hold on runs they were
# not tuned on (reported separately in the first accuracy report that holds them).
HELDOUT_SCENARIOS="udp500-rejected-admin-prohibited udp500-blocked-psk udp500-replies-dropped-nat esp-blocked-both-ways esp-blocked-inbound-encrypted-nat
 ike-proposal-mismatch-hash qm-proposal-mismatch-psk-nat server-cert-expired-nat client-clock-behind server-clock-ahead
 l2tp-server-down-encrypted ike-fragments-dropped-nat udp4500-replies-dropped l2tp-tunnel-rejected-nat client-cert-untrusted-nat"

C_NET=198.51.100.2; S_NET=203.0.113.2
ESP_FROM_CLIENT="ip saddr $C_NET udp dport 4500 @th,64,32 != 0"
ESP_FROM_SERVER="ip saddr $S_NET udp sport 4500 @th,64,32 != 0"
ENCRYPTED_ESP() { C_ESP="aes128-sha1!"; S_ESP="aes128-sha1,aes256-sha1!"; }
# The server's ipsec.conf is written before EXTRA_SETUP runs and read after it: a sed there
# changes the server's policy without touching the shipped generator.
SERVER_CONF='$RUN/server/ipsec.conf'

mm_failed_checks() { # no quick mode, no ESP, no L2TP
  check "client: no CHILD_SA established" no_log client-charon.log "'CHILD_SA l2tp\{[0-9]+\} established'"
  check "no ESP on the client wire" no_pkts client-outer.pcap esp
  check "no L2TP attempted" no_pkts client-outer.pcap l2tp
}

scenario_def() {
  case "$1" in
  # ------------------------------------------------------------------ healthy
  healthy-psk-nat)
    HEALTHY=yes; ROOT_CAUSE=none; LAYER=NONE; AUTH=psk; ROUTER_NAT=yes
    DESC="Healthy attempt with a pre-shared key, the client behind a masquerading router."
    SYMPTOMS="MM1-6 and QM complete, ESP-in-UDP both ways, L2TP control handshake complete; then CDN (no kernel PPP)."
    scenario_checks() { ike_ok_checks; l2tp_ok_checks
      check "server sees the router's address, not the client's" min_pkts server-outer.pcap "'isakmp && ip.src==203.0.113.1'" 1; }
    ;;
  healthy-encrypted-nat)
    HEALTHY=yes; ROOT_CAUSE=none; LAYER=NONE; ROUTER_NAT=yes; ENCRYPTED_ESP
    DESC="Healthy attempt, certificates, ESP aes128-sha1 (L2TP not readable on the wire), client behind NAT."
    SYMPTOMS="IKE complete; encrypted ESP both ways; L2TP visible only on the client's TUN device."
    scenario_checks() { ike_ok_checks; l2tp_inner_ok_checks
      check "ESP both directions at the server" "min_pkts server-outer.pcap 'esp && ip.src==203.0.113.1' 3 && min_pkts server-outer.pcap 'esp && ip.src==203.0.113.2' 3"; }
    ;;
  # ------------------------------------------------------------------ path
  udp500-blocked-nat)
    ROOT_CAUSE=IKE_UDP500_BLOCKED; LAYER=NETWORK; PHASE=IKE_MAIN_MODE; ROUTER_NAT=yes; AUTH=psk
    DESC="Client behind NAT; the router drops its UDP 500 before translation."
    INJECTED="router forward: ip saddr $C_NET udp dport 500 drop (NAT on)"
    SYMPTOMS="Client retransmits MM1 and gives up; the server sees no IKE."
    ROUTER_FWD_RULES="    ip saddr $C_NET udp dport 500 counter drop"
    scenario_checks() {
      check "client wire: MM1 retransmitted" min_pkts client-outer.pcap "'isakmp && ip.src==$C_NET'" 3
      check "server wire: no IKE" no_pkts server-outer.pcap isakmp
      check "client log: giving up" has_log client-charon.log "'giving up after [0-9]+ retransmits'"
      mm_failed_checks; }
    ;;
  udp500-replies-dropped)
    ROOT_CAUSE=IKE_UDP500_BLOCKED; LAYER=NETWORK; PHASE=IKE_MAIN_MODE
    DESC="The router drops UDP 500 from the server to the client: requests arrive, answers never return."
    INJECTED="router forward: ip saddr $S_NET udp sport 500 drop"
    SYMPTOMS="Server receives MM1 (and its retransmits) and answers with MM2 each time; the client never sees MM2 and gives up."
    ROUTER_FWD_RULES="    ip saddr $S_NET udp sport 500 counter drop"
    scenario_checks() {
      check "server wire: MM2 sent" min_pkts server-outer.pcap "'isakmp && ip.src==$S_NET'" 1
      check "client wire: nothing from the server" no_pkts client-outer.pcap "'isakmp && ip.src==$S_NET'"
      check "client log: giving up" has_log client-charon.log "'giving up after [0-9]+ retransmits'"
      mm_failed_checks; }
    ;;
  ipsec-service-stopped)
    ROOT_CAUSE=IPSEC_SERVICE_STOPPED; LAYER=NETWORK; PHASE=IKE_MAIN_MODE; S_CHARON=no; S_XL2TPD=no
    DESC="The server's IKE daemon (charon) is not running; its host answers UDP 500 with ICMP port unreachable."
    INJECTED="server strongSwan not started"
    SYMPTOMS="Client sends MM1 and retransmits; the server host returns ICMP port unreachable each time."
    scenario_checks() {
      check "server wire: MM1 arrives" min_pkts server-outer.pcap "'isakmp && ip.src==$C_NET'" 1
      check "ICMP port unreachable back to the client" min_pkts client-outer.pcap "'icmp.type==3 && icmp.code==3'" 1
      mm_failed_checks; }
    ;;
  server-no-policy)
    ROOT_CAUSE=SERVER_NO_IPSEC_POLICY; LAYER=NETWORK; PHASE=IKE_MAIN_MODE; S_XL2TPD=no
    DESC="The server's IKE daemon runs but has no connection for this client's address."
    INJECTED="server ipsec.conf: right=192.0.2.77 (another peer) instead of %any"
    SYMPTOMS="Server receives MM1, finds no IKE config for the client and answers NO_PROPOSAL_CHOSEN."
    EXTRA_SETUP="sed -i -e 's#right=%any#right=192.0.2.77#' -e 's#rightsubnet=198.51.100.0/24#rightsubnet=192.0.2.77/32#' $SERVER_CONF"
    scenario_checks() {
      check "server log: no IKE config" has_log server-charon.log "'no IKE config found'"
      mm_failed_checks; }
    ;;
  udp4500-blocked-psk)
    ROOT_CAUSE=UDP4500_BLOCKED; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE; AUTH=psk
    DESC="The router drops every UDP 4500 packet; main mode switches to 4500 at MM5 (NAT-T) and dies."
    INJECTED="router forward: udp dport 4500 drop; udp sport 4500 drop"
    SYMPTOMS="MM1-4 on UDP 500 complete; MM5 on UDP 4500 retransmitted, never reaches the server."
    ROUTER_FWD_RULES="    udp dport 4500 counter drop
    udp sport 4500 counter drop"
    scenario_checks() {
      check "client wire: MM5 on 4500 sent" min_pkts client-outer.pcap "'udp.dstport==4500 && ip.src==$C_NET'" 2
      check "server wire: nothing on 4500" no_pkts server-outer.pcap "'udp.port==4500'"
      check "server wire: MM1-4 on 500" min_pkts server-outer.pcap "'udp.port==500 && ip.src==$S_NET'" 2
      mm_failed_checks; }
    ;;
  udp4500-blocked-cert-nat)
    ROOT_CAUSE=UDP4500_BLOCKED; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE; ROUTER_NAT=yes
    DESC="Client behind NAT, certificates; the router drops the client's UDP 4500."
    INJECTED="router forward: ip saddr $C_NET udp dport 4500 drop (NAT on)"
    SYMPTOMS="MM1-4 complete on UDP 500; MM5 (certificate, IKE-fragmented) on UDP 4500 never arrives."
    ROUTER_FWD_RULES="    ip saddr $C_NET udp dport 4500 counter drop"
    scenario_checks() {
      check "client wire: MM5 on 4500 sent" min_pkts client-outer.pcap "'udp.dstport==4500 && ip.src==$C_NET'" 2
      check "server wire: nothing on 4500" no_pkts server-outer.pcap "'udp.port==4500'"
      mm_failed_checks; }
    ;;
  ike-fragments-dropped)
    ROOT_CAUSE=IKE_FRAGMENTS_DROPPED; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE
    DESC="IKE fragmentation off, a 1000-byte MTU on both hosts; the router drops IP fragments after the first."
    INJECTED="MTU 1000 on c0 and s0; both ipsec.conf fragmentation=no; router forward: ip frag-off & 0x1fff != 0 drop"
    SYMPTOMS="MM1-4 pass (small); MM5 with the client certificate leaves in IP fragments, only the first arrives; the server never answers MM5."
    C_CONN_EXTRA="    fragmentation=no"
    EXTRA_SETUP="ip -n \$NS_C link set c0 mtu 1000; ip -n \$NS_S link set s0 mtu 1000; echo '    fragmentation=no' >> $SERVER_CONF"
    ROUTER_FWD_RULES="    ip frag-off & 0x1fff != 0 counter drop"
    scenario_checks() {
      check "client wire: IP fragments of IKE sent" min_pkts client-outer.pcap "'ip.flags.mf==1 && ip.src==$C_NET'" 1
      check "server wire: no non-first fragment arrives" no_pkts server-outer.pcap "'ip.frag_offset>0 && ip.src==$C_NET'"
      mm_failed_checks; }
    ;;
  # ------------------------------------------------------------------ IKE main mode
  ike-proposal-mismatch-dh)
    ROOT_CAUSE=IKE_PROPOSAL_MISMATCH; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE; AUTH=psk
    C_IKE="aes256-sha1-modp1024!"; S_IKE="aes256-sha1-modp2048!"
    DESC="Same cipher and hash, different Diffie-Hellman group (client modp1024, server modp2048 only); PSK."
    INJECTED="client ike=aes256-sha1-modp1024! ; server ike=aes256-sha1-modp2048!"
    SYMPTOMS="Server answers MM1 with NO_PROPOSAL_CHOSEN."
    scenario_checks() {
      check "wire: NO-PROPOSAL-CHOSEN" min_pkts client-outer.pcap "'isakmp.notify.msgtype==14'" 1
      mm_failed_checks; }
    ;;
  auth-method-mismatch)
    ROOT_CAUSE=IKE_AUTH_METHOD_MISMATCH; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE; AUTH=psk
    DESC="The client offers a pre-shared key; the server accepts certificates only."
    INJECTED="client authby=secret; server authby=pubkey (leftcert=server.crt)"
    SYMPTOMS="The server finds no proposal or config for pre-shared-key authentication and refuses main mode."
    EXTRA_SETUP="sed -i 's#authby=secret#authby=pubkey\n    leftcert=server.crt#' $SERVER_CONF; cp \$PKI/server.crt \$RUN/server/ipsec.d/certs/; cp \$PKI/server.key \$RUN/server/ipsec.d/private/; cp \$PKI/ca.crt \$RUN/server/ipsec.d/cacerts/; echo ': RSA server.key' > \$RUN/server/ipsec.secrets"
    scenario_checks() { mm_failed_checks; }
    ;;
  psk-mismatch)
    ROOT_CAUSE=PSK_MISMATCH; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE; AUTH=psk; S_PSK="another-key-5678"
    DESC="Both sides use a pre-shared key, but different ones."
    INJECTED="client PSK lab-psk-1234, server PSK another-key-5678"
    SYMPTOMS="MM5 cannot be decrypted/verified by the server (INVALID_HASH_INFORMATION or AUTHENTICATION_FAILED)."
    scenario_checks() { mm_failed_checks; }
    ;;
  psk-mismatch-nat)
    ROOT_CAUSE=PSK_MISMATCH; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE; AUTH=psk; S_PSK="another-key-5678"; ROUTER_NAT=yes
    DESC="Different pre-shared keys, client behind NAT."
    INJECTED="client PSK lab-psk-1234, server PSK another-key-5678, NAT on"
    SYMPTOMS="MM5 on UDP 4500 fails to verify at the server."
    scenario_checks() { mm_failed_checks; }
    ;;
  server-cert-untrusted)
    ROOT_CAUSE=CERT_CHAIN_UNTRUSTED; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE; S_CERT=server-rogue
    DESC="The server's certificate is issued by a CA the client does not trust; the server completes its side of main mode."
    INJECTED="server uses server-rogue.crt (issuer Rogue Root CA); client trusts only L2TP Lab Root CA"
    SYMPTOMS="Server sends MM6 and logs the IKE_SA established; the client finds no trusted key for the server and aborts."
    scenario_checks() {
      check "client log: no issuer / no trusted key" has_log client-charon.log "'no issuer certificate found|no trusted RSA public key'"
      mm_failed_checks; }
    ;;
  server-cert-expired)
    ROOT_CAUSE=CERT_EXPIRED; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE; S_CERT=server-expired
    DESC="The server's certificate expired a year ago (both clocks right); the client rejects it."
    INJECTED="server uses server-expired.crt (notAfter one year ago)"
    SYMPTOMS="Client validates MM6 and rejects the expired certificate."
    scenario_checks() {
      check "client log: expired" has_log client-charon.log "'certificate invalid'"
      mm_failed_checks; }
    ;;
  client-cert-expired)
    ROOT_CAUSE=CERT_EXPIRED; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE; C_CERT=client-expired
    DESC="The client's certificate expired a year ago (both clocks right); the server rejects it."
    INJECTED="client uses client-expired.crt (notAfter one year ago)"
    SYMPTOMS="Server validates MM5 and rejects the expired certificate; AUTHENTICATION_FAILED to the client."
    scenario_checks() {
      check "server log: expired" has_log server-charon.log "'certificate invalid'"
      mm_failed_checks; }
    ;;
  server-cert-wrong-name)
    ROOT_CAUSE=CERT_NAME_MISMATCH; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE; S_CERT=server-wrongname
    DESC="The server's certificate is valid and trusted but names other.lab.example; the client expects vpn.lab.example."
    INJECTED="server uses server-wrongname.crt (CN=other.lab.example); client rightid=CN=vpn.lab.example"
    SYMPTOMS="The client finds the server's identity different from the one it requires and aborts."
    scenario_checks() { mm_failed_checks; }
    ;;
  client-clock-ahead)
    ROOT_CAUSE=CLOCK_SKEW; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE; C_FAKETIME="+800d"
    DESC="The client's clock is 800 days ahead; by it the server's valid certificate (730 days) has expired."
    INJECTED="client charon under faketime +800d"
    SYMPTOMS="The client rejects the server's certificate as expired; its log timestamps are 800 days ahead of the server's."
    scenario_checks() {
      check "client log: not valid" has_log client-charon.log "'certificate invalid'"
      mm_failed_checks; }
    ;;
  server-clock-behind)
    ROOT_CAUSE=CLOCK_SKEW; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE; S_FAKETIME="-30d"
    DESC="The server's clock is 30 days behind; by it the client's certificate (issued today) is not yet valid."
    INJECTED="server charon under faketime -30d"
    SYMPTOMS="The server rejects the client's certificate as not yet valid; AUTHENTICATION_FAILED to the client."
    scenario_checks() {
      check "server log: not valid" has_log server-charon.log "'certificate invalid'"
      mm_failed_checks; }
    ;;
  client-no-private-key)
    ROOT_CAUSE=CERT_NO_PRIVATE_KEY; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE; C_KEY_PRESENT=no; EXPECT_EMPTY_WIRE=yes
    DESC="The client has its certificate but not the private key."
    INJECTED="client ipsec.d/private empty, ipsec.secrets without an RSA entry"
    SYMPTOMS="strongSwan looks for the key before it sends anything: the client logs no private key and never sends MM1."
    scenario_checks() {
      check "client log: no private key" has_log client-charon.log "'no private key'"
      mm_failed_checks; }
    ;;
  # ------------------------------------------------------------------ quick mode
  qm-proposal-mismatch)
    ROOT_CAUSE=QM_POLICY_MISMATCH; LAYER=IKE_QUICK_MODE; PHASE=IKE_QUICK_MODE
    C_ESP="aes256-sha256!"; S_ESP="null-sha1,aes128-sha1!"
    DESC="Main mode passes; the client's ESP proposal (aes256-sha256) is not among the server's (null-sha1, aes128-sha1)."
    INJECTED="client esp=aes256-sha256! ; server esp=null-sha1,aes128-sha1!"
    SYMPTOMS="Both log the IKE_SA established; quick mode is refused with NO_PROPOSAL_CHOSEN."
    scenario_checks() {
      check "client: IKE_SA established" has_log client-charon.log "'IKE_SA l2tp\[[0-9]+\] established'"
      mm_failed_checks; }
    ;;
  qm-selector-mismatch)
    ROOT_CAUSE=QM_POLICY_MISMATCH; LAYER=IKE_QUICK_MODE; PHASE=IKE_QUICK_MODE
    DESC="Main mode passes; the server protects UDP 1702 where the client proposes UDP 1701."
    INJECTED="server ipsec.conf leftprotoport=17/1702, rightprotoport=17/1702"
    SYMPTOMS="The server finds no CHILD_SA config for the proposed traffic selectors and refuses quick mode."
    EXTRA_SETUP="sed -i 's#protoport=17/1701#protoport=17/1702#' $SERVER_CONF"
    scenario_checks() {
      check "client: IKE_SA established" has_log client-charon.log "'IKE_SA l2tp\[[0-9]+\] established'"
      mm_failed_checks; }
    ;;
  # ------------------------------------------------------------------ ESP
  esp-blocked-inbound)
    ROOT_CAUSE=ESP_BLOCKED; LAYER=ESP; PHASE=ESP; L2TP_WAIT=36
    DESC="IKE passes; the router drops ESP-in-UDP from the server to the client."
    INJECTED="router forward: $ESP_FROM_SERVER drop"
    SYMPTOMS="SCCRQ reaches the server inside ESP; its SCCRP leaves the server in ESP and never reaches the client."
    ROUTER_FWD_RULES="    $ESP_FROM_SERVER counter drop"
    scenario_checks() { ike_ok_checks
      check "server wire: SCCRQ arrives" min_pkts server-outer.pcap "'l2tp.avp.message_type==1'" 1
      check "server wire: SCCRP sent in ESP" min_pkts server-outer.pcap "'l2tp.avp.message_type==2'" 1
      check "client wire: no ESP from the server" no_pkts client-outer.pcap "'esp && ip.src==$S_NET'"; }
    ;;
  esp-blocked-nat)
    ROOT_CAUSE=ESP_BLOCKED; LAYER=ESP; PHASE=ESP; L2TP_WAIT=36; ROUTER_NAT=yes
    DESC="Client behind NAT; IKE passes; the router drops the client's ESP-in-UDP."
    INJECTED="router forward: $ESP_FROM_CLIENT drop (NAT on)"
    SYMPTOMS="Client sends SCCRQ in ESP repeatedly; the server sees no ESP."
    ROUTER_FWD_RULES="    $ESP_FROM_CLIENT counter drop"
    scenario_checks() { ike_ok_checks
      check "server wire: no ESP" no_pkts server-outer.pcap esp
      check "client wire: SCCRQ retransmitted" min_pkts client-outer.pcap "'l2tp.avp.message_type==1'" 3; }
    ;;
  esp-blocked-encrypted)
    ROOT_CAUSE=ESP_BLOCKED; LAYER=ESP; PHASE=ESP; L2TP_WAIT=36; ENCRYPTED_ESP
    DESC="ESP aes128-sha1 (L2TP unreadable on the wire); the router drops the client's ESP-in-UDP."
    INJECTED="router forward: $ESP_FROM_CLIENT drop; esp=aes128-sha1"
    SYMPTOMS="The client's encrypted ESP never reaches the server; the client's xl2tpd retransmits SCCRQ and gives up."
    ROUTER_FWD_RULES="    $ESP_FROM_CLIENT counter drop"
    scenario_checks() { ike_ok_checks
      check "server wire: no ESP" no_pkts server-outer.pcap esp
      check "client wire: ESP sent" min_pkts client-outer.pcap "'esp && ip.src==$C_NET'" 3; }
    ;;
  esp-corrupted)
    ROOT_CAUSE=ESP_CORRUPTED_IN_PATH; LAYER=ESP; PHASE=ESP; L2TP_WAIT=36
    DESC="The router overwrites 4 bytes inside the client's ESP payload (UDP checksum cleared), so the server's integrity check fails."
    INJECTED="router forward: $ESP_FROM_CLIENT: @th,320,32 set 0xdeadbeef, udp checksum set 0"
    SYMPTOMS="ESP arrives at the server with the client's SPI and sequence numbers but altered bytes; the server drops it (ICV); no L2TP answer."
    ROUTER_FWD_RULES="    $ESP_FROM_CLIENT @th,320,32 set 0xdeadbeef udp checksum set 0 counter"
    scenario_checks() { ike_ok_checks
      check "server wire: ESP from the client arrives" min_pkts server-outer.pcap "'esp && ip.src==$C_NET'" 2
      check "server log: integrity failure" has_log server-charon.log "'ICV|verification failed|MAC mismatch|could not decrypt'"; }
    ;;
  esp-corrupted-inbound-encrypted)
    ROOT_CAUSE=ESP_CORRUPTED_IN_PATH; LAYER=ESP; PHASE=ESP; L2TP_WAIT=36; ROUTER_NAT=yes; ENCRYPTED_ESP
    DESC="Encrypted ESP, client behind NAT; the router alters the server's ESP on its way to the client."
    INJECTED="router forward: $ESP_FROM_SERVER: @th,320,32 set 0xdeadbeef, udp checksum set 0 (NAT on)"
    SYMPTOMS="The server answers SCCRQ; its ESP reaches the client altered and fails the client's integrity check."
    ROUTER_FWD_RULES="    $ESP_FROM_SERVER @th,320,32 set 0xdeadbeef udp checksum set 0 counter"
    scenario_checks() { ike_ok_checks
      check "client wire: ESP from the server arrives" min_pkts client-outer.pcap "'esp && ip.src==$S_NET'" 1
      check "client log: integrity failure" has_log client-charon.log "'ICV|verification failed|MAC mismatch|could not decrypt'"; }
    ;;
  # ------------------------------------------------------------------ L2TP
  l2tp-tunnel-rejected)
    ROOT_CAUSE=L2TP_TUNNEL_REJECTED; LAYER=L2TP; PHASE=L2TP
    DESC="The LNS accepts tunnels only from another LAC address and refuses this client's SCCRQ."
    INJECTED="server xl2tpd [global] access control = yes; [lns default] lac = 192.0.2.77"
    SYMPTOMS="IPsec is up; SCCRQ reaches xl2tpd, which refuses the unauthorised peer (No Authorization) and closes the tunnel (StopCCN)."
    S_L2TP_GLOBAL_EXTRA="access control = yes"
    S_LNS_EXTRA="lac = 192.0.2.77"
    scenario_checks() { ike_ok_checks
      check "server wire: SCCRQ arrives" min_pkts server-outer.pcap "'l2tp.avp.message_type==1'" 1
      check "server xl2tpd: denied" has_log server-xl2tpd.log "'Denied connection to unauthorized peer'"
      check "StopCCN on the wire" min_pkts client-outer.pcap "'l2tp.avp.message_type==4'" 1
      check "no ICCN" no_pkts client-outer.pcap "'l2tp.avp.message_type==12'"; }
    ;;
  l2tp-server-down-nat)
    ROOT_CAUSE=L2TP_NOT_ANSWERING; LAYER=L2TP; PHASE=L2TP; S_XL2TPD=no; L2TP_WAIT=36; ROUTER_NAT=yes
    DESC="Client behind NAT; IPsec is up but xl2tpd does not run on the server."
    INJECTED="server xl2tpd not started (NAT on)"
    SYMPTOMS="SCCRQ arrives at the server inside ESP and is retransmitted; no SCCRP."
    scenario_checks() { ike_ok_checks
      check "server wire: SCCRQ arrives" min_pkts server-outer.pcap "'l2tp.avp.message_type==1'" 1
      check "no SCCRP anywhere" no_pkts server-outer.pcap "'l2tp.avp.message_type==2'"; }
    ;;
  l2tp-blocked-on-server)
    ROOT_CAUSE=L2TP_NOT_ANSWERING; LAYER=L2TP; PHASE=L2TP; L2TP_WAIT=36
    DESC="xl2tpd runs, but the server's firewall drops decrypted UDP 1701 arriving on the IPsec TUN device."
    INJECTED="server nftables input: iifname ipsec0 udp dport 1701 drop"
    SYMPTOMS="SCCRQ arrives inside ESP, is decrypted and dropped before xl2tpd; no SCCRP; the server's xl2tpd log shows no tunnel."
    EXTRA_SETUP="ip netns exec \$NS_S nft add table inet srvblock; ip netns exec \$NS_S nft add chain inet srvblock in '{ type filter hook input priority -10; policy accept; }'; ip netns exec \$NS_S nft add rule inet srvblock in iifname ipsec0 udp dport 1701 counter drop"
    scenario_checks() { ike_ok_checks
      check "server wire: SCCRQ arrives" min_pkts server-outer.pcap "'l2tp.avp.message_type==1'" 1
      check "no SCCRP anywhere" no_pkts server-outer.pcap "'l2tp.avp.message_type==2'"; }
    ;;
  # ------------------------------------------------------------------ held-out variations
  udp500-rejected-admin-prohibited)
    ROOT_CAUSE=IKE_UDP500_BLOCKED; LAYER=NETWORK; PHASE=IKE_MAIN_MODE; AUTH=psk
    DESC="Pre-shared key; the router refuses the client's UDP 500 with ICMP 'administratively prohibited'."
    INJECTED="router forward: ip saddr $C_NET udp dport 500 reject with icmp type admin-prohibited"
    SYMPTOMS="Client sends MM1, the router answers ICMP type 3 code 13; the server sees no IKE."
    ROUTER_FWD_RULES="    ip saddr $C_NET udp dport 500 counter reject with icmp type admin-prohibited"
    scenario_checks() {
      check "client wire: ICMP administratively prohibited from the router" min_pkts client-outer.pcap "'icmp.type==3 && icmp.code==13 && ip.src==198.51.100.1'" 1
      check "server wire: no IKE" no_pkts server-outer.pcap isakmp
      mm_failed_checks; }
    ;;
  udp500-blocked-psk)
    ROOT_CAUSE=IKE_UDP500_BLOCKED; LAYER=NETWORK; PHASE=IKE_MAIN_MODE; AUTH=psk
    DESC="Pre-shared key; the router drops the client's UDP 500."
    INJECTED="router forward: ip saddr $C_NET udp dport 500 drop"
    ROUTER_FWD_RULES="    ip saddr $C_NET udp dport 500 counter drop"
    scenario_checks() {
      check "server wire: no IKE" no_pkts server-outer.pcap isakmp
      mm_failed_checks; }
    ;;
  udp500-replies-dropped-nat)
    ROOT_CAUSE=IKE_UDP500_BLOCKED; LAYER=NETWORK; PHASE=IKE_MAIN_MODE; ROUTER_NAT=yes
    DESC="Client behind NAT; the router drops the server's UDP 500 answers."
    INJECTED="router forward: ip saddr $S_NET udp sport 500 drop (NAT on)"
    ROUTER_FWD_RULES="    ip saddr $S_NET udp sport 500 counter drop"
    scenario_checks() {
      check "server wire: MM2 sent" min_pkts server-outer.pcap "'isakmp && ip.src==$S_NET'" 1
      check "client wire: nothing from the server" no_pkts client-outer.pcap "'isakmp && ip.src==$S_NET'"
      mm_failed_checks; }
    ;;
  esp-blocked-both-ways)
    ROOT_CAUSE=ESP_BLOCKED; LAYER=ESP; PHASE=ESP; L2TP_WAIT=36
    DESC="The router drops ESP-in-UDP in both directions."
    INJECTED="router forward: $ESP_FROM_CLIENT drop; $ESP_FROM_SERVER drop"
    ROUTER_FWD_RULES="    $ESP_FROM_CLIENT counter drop
    $ESP_FROM_SERVER counter drop"
    scenario_checks() { ike_ok_checks
      check "server wire: no ESP" no_pkts server-outer.pcap esp; }
    ;;
  esp-blocked-inbound-encrypted-nat)
    ROOT_CAUSE=ESP_BLOCKED; LAYER=ESP; PHASE=ESP; L2TP_WAIT=36; ROUTER_NAT=yes; ENCRYPTED_ESP
    DESC="Encrypted ESP, client behind NAT; the router drops the server's ESP."
    INJECTED="router forward: $ESP_FROM_SERVER drop (NAT on); esp=aes128-sha1"
    ROUTER_FWD_RULES="    $ESP_FROM_SERVER counter drop"
    scenario_checks() { ike_ok_checks
      check "client wire: no ESP from the server" no_pkts client-outer.pcap "'esp && ip.src==$S_NET'"
      check "server wire: ESP from the client arrives" min_pkts server-outer.pcap "'esp && ip.src==203.0.113.1'" 1; }
    ;;
  ike-proposal-mismatch-hash)
    ROOT_CAUSE=IKE_PROPOSAL_MISMATCH; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE
    C_IKE="aes256-sha1-modp1024,aes128-sha1-modp1024!"; S_IKE="aes256-sha256-modp1024,aes128-sha384-modp1024!"
    DESC="Same ciphers and DH group, different hashes (client SHA-1 only, server SHA-2 only); certificates."
    INJECTED="client ike=aes*-sha1-modp1024 ; server ike=aes*-sha256/384-modp1024"
    scenario_checks() {
      check "wire: NO-PROPOSAL-CHOSEN" min_pkts client-outer.pcap "'isakmp.notify.msgtype==14'" 1
      mm_failed_checks; }
    ;;
  qm-proposal-mismatch-psk-nat)
    ROOT_CAUSE=QM_POLICY_MISMATCH; LAYER=IKE_QUICK_MODE; PHASE=IKE_QUICK_MODE; AUTH=psk; ROUTER_NAT=yes
    C_ESP="3des-md5!"; S_ESP="aes128-sha1,aes256-sha256!"
    DESC="Pre-shared key, client behind NAT; no common ESP proposal."
    INJECTED="client esp=3des-md5! ; server esp=aes128-sha1,aes256-sha256!"
    scenario_checks() {
      check "client: IKE_SA established" has_log client-charon.log "'IKE_SA l2tp\[[0-9]+\] established'"
      mm_failed_checks; }
    ;;
  server-cert-expired-nat)
    ROOT_CAUSE=CERT_EXPIRED; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE; S_CERT=server-expired; ROUTER_NAT=yes
    DESC="The server's certificate expired a year ago; client behind NAT."
    INJECTED="server uses server-expired.crt (NAT on)"
    scenario_checks() {
      check "client log: invalid" has_log client-charon.log "'certificate invalid'"
      mm_failed_checks; }
    ;;
  client-clock-behind)
    ROOT_CAUSE=CLOCK_SKEW; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE; C_FAKETIME="-20d"
    DESC="The client's clock is 20 days behind; by it the server's certificate (issued when the PKI was made) is not yet valid."
    INJECTED="client charon under faketime -20d"
    scenario_checks() {
      check "client log: invalid" has_log client-charon.log "'certificate invalid'"
      mm_failed_checks; }
    ;;
  server-clock-ahead)
    ROOT_CAUSE=CLOCK_SKEW; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE; S_FAKETIME="+900d"
    DESC="The server's clock is 900 days ahead; by it the client's certificate (730 days) has expired."
    INJECTED="server charon under faketime +900d"
    scenario_checks() {
      check "server log: invalid" has_log server-charon.log "'certificate invalid'"
      mm_failed_checks; }
    ;;
  l2tp-server-down-encrypted)
    ROOT_CAUSE=L2TP_NOT_ANSWERING; LAYER=L2TP; PHASE=L2TP; S_XL2TPD=no; L2TP_WAIT=36; ENCRYPTED_ESP
    DESC="Encrypted ESP; xl2tpd does not run on the server."
    INJECTED="server xl2tpd not started; esp=aes128-sha1"
    scenario_checks() { ike_ok_checks
      check "server wire: ESP from the client arrives" min_pkts server-outer.pcap "'esp && ip.src==$C_NET'" 2; }
    ;;
  ike-fragments-dropped-nat)
    ROOT_CAUSE=IKE_FRAGMENTS_DROPPED; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE; ROUTER_NAT=yes
    DESC="Client behind NAT, IKE fragmentation off, MTU 1000; the router drops non-first IP fragments."
    INJECTED="MTU 1000 on c0 and s0; fragmentation=no on both; router forward: ip frag-off & 0x1fff != 0 drop (NAT on)"
    C_CONN_EXTRA="    fragmentation=no"
    EXTRA_SETUP="ip -n \$NS_C link set c0 mtu 1000; ip -n \$NS_S link set s0 mtu 1000; echo '    fragmentation=no' >> $SERVER_CONF"
    ROUTER_FWD_RULES="    ip frag-off & 0x1fff != 0 counter drop"
    scenario_checks() {
      check "client wire: IP fragments of IKE sent" min_pkts client-outer.pcap "'ip.flags.mf==1 && ip.src==$C_NET'" 1
      mm_failed_checks; }
    ;;
  udp4500-replies-dropped)
    ROOT_CAUSE=UDP4500_BLOCKED; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE; AUTH=psk
    DESC="The router drops UDP 4500 from the server to the client: MM5 arrives, MM6 never returns."
    INJECTED="router forward: ip saddr $S_NET udp sport 4500 drop"
    ROUTER_FWD_RULES="    ip saddr $S_NET udp sport 4500 counter drop"
    scenario_checks() {
      check "server wire: MM5 on 4500 arrives" min_pkts server-outer.pcap "'udp.dstport==4500 && ip.src==$C_NET'" 1
      check "client wire: nothing on 4500 from the server" no_pkts client-outer.pcap "'udp.srcport==4500 && ip.src==$S_NET'"
      mm_failed_checks; }
    ;;
  l2tp-tunnel-rejected-nat)
    ROOT_CAUSE=L2TP_TUNNEL_REJECTED; LAYER=L2TP; PHASE=L2TP; ROUTER_NAT=yes
    DESC="Client behind NAT; the LNS refuses the LAC (access control)."
    INJECTED="server xl2tpd access control = yes, lac = 192.0.2.77 (NAT on)"
    S_L2TP_GLOBAL_EXTRA="access control = yes"
    S_LNS_EXTRA="lac = 192.0.2.77"
    scenario_checks() { ike_ok_checks
      check "server xl2tpd: denied" has_log server-xl2tpd.log "'Denied connection to unauthorized peer'"; }
    ;;
  client-cert-untrusted-nat)
    ROOT_CAUSE=CERT_CHAIN_UNTRUSTED; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE; C_CERT=client-rogue; ROUTER_NAT=yes
    DESC="The client's certificate comes from a CA the server does not trust; client behind NAT."
    INJECTED="client uses client-rogue.crt (NAT on)"
    scenario_checks() { mm_failed_checks; }
    ;;
  client-identity-refused)
    ROOT_CAUSE=CERT_NAME_MISMATCH; LAYER=IKE_MAIN_MODE; PHASE=IKE_MAIN_MODE
    DESC="The server accepts only a client identity the client's (valid, trusted) certificate does not carry."
    INJECTED="server ipsec.conf requires rightid C=XX, O=L2TP Lab, CN=other-client.lab.example for the client"
    SYMPTOMS="The server finds no peer configuration for the client's identity and refuses main mode."
    EXTRA_SETUP="echo '    rightid=\"C=XX, O=L2TP Lab, CN=other-client.lab.example\"' >> $SERVER_CONF"
    scenario_checks() {
      check "server log: no peer config" has_log server-charon.log "'no peer config found|no matching peer config'"
      mm_failed_checks; }
    ;;
  gateway-scanner-after-esp-blocked)
    ROOT_CAUSE=ESP_BLOCKED; LAYER=ESP; PHASE=ESP; L2TP_WAIT=36
    DESC="The client's ESP is dropped on the way; 25 s into the attempt a scanner on the router probes the server's IKE port with a proposal it refuses (ike-scan): the most recent, shortest attempt in the server's files."
    INJECTED="router forward: $ESP_FROM_CLIENT drop; ike-scan --trans=1,1,1,1 from the router (203.0.113.1) at +25 s"
    SYMPTOMS="Two attempts at the server: the client's (IKE and quick mode done, no ESP arrives) and the scanner's (main mode refused with NO_PROPOSAL_CHOSEN)."
    ROUTER_FWD_RULES="    $ESP_FROM_CLIENT counter drop"
    EXTRA_SETUP="(sleep 25; ip netns exec \$NS_R ike-scan -q --trans=1,1,1,1 203.0.113.2 > /dev/null 2>&1) &"
    scenario_checks() { ike_ok_checks
      check "server wire: no ESP" no_pkts server-outer.pcap esp
      check "server wire: the scanner's IKE" min_pkts server-outer.pcap "'isakmp && ip.src==203.0.113.1'" 1; }
    ;;
  *) shipped_scenario_def "$1" ;;
  esac
}
