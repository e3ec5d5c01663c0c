package dev.vpndiag.plugin.eventlog.windows.internal;

import java.time.Instant;
import java.util.List;

/**
 * One Windows event as read from any format (EVTX record, XML export, CSV or text export), reduced
 * to what the fact mapping needs.
 *
 * @param locator   where it was read, such as {@code record 4711} or {@code line 88}
 * @param recordId  the event record id, or -1 when the format has none
 * @param eventId   the event id without qualifiers
 * @param provider  the provider (source) name, or empty
 * @param channel   the log name (Security, System, ...), or empty
 * @param computer  the computer name, or empty
 * @param level     the level number, or -1
 * @param time      when the event was created, or null
 * @param written   when the record was written (EVTX record header), or null
 * @param data      EventData/UserData values in document order
 * @param message   the rendered message text when the format carries one, or null
 * @param userData  true when the values come from a UserData section rather than EventData
 */
public record WinEvent(String locator, long recordId, int eventId, String provider, String channel,
                       String computer, int level, Instant time, Instant written, List<Datum> data,
                       String message, boolean userData) {

    /**
     * One EventData/UserData value.
     *
     * @param name  the {@code Name} attribute or the element name, or null for unnamed {@code Data};
     *              attribute values of UserData elements are named {@code Element@attribute}
     * @param value the value as text
     */
    public record Datum(String name, String value) {
        /** True when this is an element's text rather than an attribute's value. */
        public boolean isText() {
            return name == null || name.indexOf('@') < 0;
        }
    }

    /** The value of the first datum with the given name (case-insensitive), or null. */
    public String value(String name) {
        for (Datum d : data) {
            if (d.name() != null && d.name().equalsIgnoreCase(name)) {
                return d.value();
            }
        }
        return null;
    }

    /** The value of the datum at the given position (0-based), or null. */
    public String valueAt(int index) {
        return index >= 0 && index < data.size() ? data.get(index).value() : null;
    }
}
