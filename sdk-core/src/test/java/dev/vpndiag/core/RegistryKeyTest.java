package dev.vpndiag.core;

import static dev.vpndiag.core.Facts.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.RegistryKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a registry key listing proves about the values it does not show. */
class RegistryKeyTest {
    private static final String KEY = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent";
    private static final String NAT_T = "AssumeUDPEncapsulationContextOnSendRule";

    private static RegistryKey key(List<String> names, boolean complete, String queried) {
        return new RegistryKey(ref("line 1"), Side.CLIENT, null, KEY, names, complete, queried);
    }

    @Test
    void aCompleteListingProvesAbsenceOfEveryNameItLacks() {
        RegistryKey k = key(List.of("DisplayName", "Start"), true, null);
        assertThat(k.lacks(NAT_T)).isTrue();
        assertThat(k.lacks("start")).as("names compare without case").isFalse();
        assertThat(k.lists("START")).isTrue();
    }

    @Test
    void aListingThatMayBeCutProvesNothingAbsent() {
        RegistryKey k = key(List.of("DisplayName"), false, null);
        assertThat(k.lacks(NAT_T)).isFalse();
        assertThat(k.lists("DisplayName")).isTrue();
    }

    @Test
    void aQueryForOneValueSpeaksOnlyOfThatValue() {
        RegistryKey notFound = key(List.of(), true, NAT_T);
        assertThat(notFound.lacks(NAT_T)).isTrue();
        assertThat(notFound.lacks("assumeudpencapsulationcontextonsendrule")).isTrue();
        assertThat(notFound.lacks("Start")).as("other values were not asked for").isFalse();
        RegistryKey found = key(List.of(NAT_T), true, NAT_T);
        assertThat(found.lacks(NAT_T)).isFalse();
    }

    @Test
    void namesAreCopiedAndNeverNull() {
        java.util.ArrayList<String> names = new java.util.ArrayList<>(List.of("A"));
        RegistryKey k = key(names, true, null);
        names.add("B");
        assertThat(k.valueNames()).containsExactly("A");
        assertThat(key(null, false, null).valueNames()).isEmpty();
    }
}
