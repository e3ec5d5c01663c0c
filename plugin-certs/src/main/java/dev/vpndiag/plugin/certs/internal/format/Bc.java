package dev.vpndiag.plugin.certs.internal.format;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The BouncyCastle provider, used by reference only: never installed into the JVM's provider list. */
public final class Bc {
    /** The provider instance. */
    public static final Provider PROVIDER = new BouncyCastleProvider();

    private Bc() {
    }
}
