package dev.vpndiag.plugin.eventlog.windows.internal.evtx;

import dev.vpndiag.plugin.eventlog.windows.internal.WinEvent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Runs the reader over bytes and keeps what it delivered. */
final class Collect implements EvtxReader.Listener {
    final List<WinEvent> events = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    IOException failure;
    EvtxReader.Stats stats;

    static Collect read(byte[] content) {
        Collect c = new Collect();
        try {
            c.stats = new EvtxReader("test.evtx").read(new ByteArrayInputStream(content), EvtxReader.Filter.ALL, c);
        } catch (IOException e) {
            c.failure = e;
        }
        return c;
    }

    @Override
    public void event(WinEvent event) {
        events.add(event);
    }

    @Override
    public void problem(String locator, String message) {
        problems.add(locator + ": " + message);
    }
}
