#!/bin/sh
# Builds the time-placement fixtures from real lab logs (see ../lab/PROVENANCE.md): strongSwan's own
# output, only the time stamps of one run moved, as a log that spans a day looks.
set -eu
cd "$(dirname "$0")"
LAB=../lab
shift_log() { # FILE HOURS: the charon file log with every stamp moved by HOURS
  python3 - "$1" "$2" <<'PY'
import sys, datetime
path, hours = sys.argv[1], int(sys.argv[2])
for line in open(path):
    try:
        t = datetime.datetime.strptime(line[:19], "%Y-%m-%d %H:%M:%S")
        line = (t + datetime.timedelta(hours=hours)).strftime("%Y-%m-%d %H:%M:%S") + line[19:]
    except ValueError:
        pass
    sys.stdout.write(line)
PY
}
mkdir -p morning-healthy-afternoon-psk-mismatch morning-psk-mismatch-afternoon-healthy
# a good session at about 09:38, the failure at about 15:43, both to the same gateway
{ shift_log $LAB/healthy-psk-nat/client-charon.log -6; shift_log $LAB/psk-mismatch-nat/client-charon.log 0; } \
  > morning-healthy-afternoon-psk-mismatch/client-charon.log
# the failure in the morning, a good session (after the key was fixed) in the afternoon
{ shift_log $LAB/psk-mismatch-nat/client-charon.log -6; shift_log $LAB/healthy-psk-nat/client-charon.log 0; } \
  > morning-psk-mismatch-afternoon-healthy/client-charon.log

# A certificate that was valid at last year's good session and has expired by today's attempt: the
# lab's healthy run (certificates) moved back 538 days, then the lab's expired-client-certificate run,
# with a certificate store whose dates fit both (made by make-certs.sh, as the lab makes its own).
D=valid-last-year-expired-today
mkdir -p $D
{ shift_log $LAB/healthy-null/client-charon.log $((-538 * 24)); cat $LAB/client-cert-expired/client-charon.log; } > $D/client-charon.log
{ shift_log $LAB/healthy-null/server-charon.log $((-538 * 24)); cat $LAB/client-cert-expired/server-charon.log; } > $D/server-charon.log
./make-certs.sh $D

# A gateway's log of several peers (the lab's scanner run) and one client's error dialog pasted without time:
# which peer the client was, nothing says.
D=gateway-log-and-a-pasted-client-error
mkdir -p $D
cp $LAB/gateway-scanner-after-esp-blocked/server-charon.log $D/
printf 'Error 691: The remote connection was denied because the user name and password combination you provided is not recognized, or the selected authentication protocol is not permitted on the remote access server.\n' > $D/client-dialog.txt

# A good session and, four minutes later, a redial that fails (the lab ran the two runs four minutes apart:
# the stamps are left as they are)
D=good-session-then-failed-redial
mkdir -p $D
cat $LAB/healthy-psk-nat/client-charon.log $LAB/psk-mismatch-nat/client-charon.log > $D/client-charon.log
