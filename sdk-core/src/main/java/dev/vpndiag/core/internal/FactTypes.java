package dev.vpndiag.core.internal;

import dev.vpndiag.api.fact.AuditCoverage;
import dev.vpndiag.api.fact.CaptureSummary;
import dev.vpndiag.api.fact.CertificateProblemEvent;
import dev.vpndiag.api.fact.ChainValidation;
import dev.vpndiag.api.fact.ConnectionProfile;
import dev.vpndiag.api.fact.EspDrop;
import dev.vpndiag.api.fact.EspFlow;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.HostClock;
import dev.vpndiag.api.fact.HostLoad;
import dev.vpndiag.api.fact.HostPlatform;
import dev.vpndiag.api.fact.IcmpUnreachable;
import dev.vpndiag.api.fact.IkeConversation;
import dev.vpndiag.api.fact.IkeNotify;
import dev.vpndiag.api.fact.IkeProposal;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.IpsecStatistics;
import dev.vpndiag.api.fact.L2tpTunnelAttempt;
import dev.vpndiag.api.fact.OffloadState;
import dev.vpndiag.api.fact.PppNegotiation;
import dev.vpndiag.api.fact.PrivateKeyMatch;
import dev.vpndiag.api.fact.RasError;
import dev.vpndiag.api.fact.RegistryKey;
import dev.vpndiag.api.fact.RegistryValue;
import dev.vpndiag.api.fact.ServiceState;
import dev.vpndiag.api.fact.StoredCertificate;
import dev.vpndiag.api.fact.StoredPrivateKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The fact types of the vocabulary by their JSON type name (the record's simple name). */
public final class FactTypes {
    /** Every fact record of {@code dev.vpndiag.api.fact}; a test checks none is missing. */
    public static final List<Class<? extends Fact>> ALL = List.of(
            IkeSaEvent.class, IkeConversation.class, IkeNotify.class, IkeProposal.class,
            EspFlow.class, EspDrop.class, IcmpUnreachable.class, L2tpTunnelAttempt.class,
            PppNegotiation.class, RasError.class, StoredCertificate.class, ChainValidation.class,
            OffloadState.class, RegistryValue.class, RegistryKey.class, AuditCoverage.class, ServiceState.class,
            IpsecStatistics.class, HostClock.class, HostLoad.class, CaptureSummary.class, StoredPrivateKey.class,
            PrivateKeyMatch.class, CertificateProblemEvent.class, ConnectionProfile.class, HostPlatform.class);

    private static final Map<String, Class<? extends Fact>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private FactTypes() {
    }

    /** The fact type with the given simple name. */
    public static Optional<Class<? extends Fact>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
