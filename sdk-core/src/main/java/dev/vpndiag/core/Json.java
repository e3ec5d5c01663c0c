package dev.vpndiag.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.core.internal.FactTypes;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The JSON forms of vpndiag: the diagnosis document (with {@link #SCHEMA_VERSION}) and the
 * one-fact-per-line form that {@code vpndiag facts --json} prints and {@code facts.jsonl} evidence
 * is read from.
 */
public final class Json {
    /** Version of the diagnosis document; raised only on incompatible changes. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Json() {
    }

    /** The diagnosis as one pretty-printed JSON document. */
    public static String diagnosis(Diagnosis diagnosis) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(diagnosisTree(diagnosis));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The diagnosis as a JSON tree, {@code schemaVersion} first. */
    public static ObjectNode diagnosisTree(Diagnosis diagnosis) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.setAll((ObjectNode) MAPPER.valueToTree(diagnosis));
        return root;
    }

    /** One fact as a single JSON line: {@code {"type":"EspFlow","ref":{...},"side":"CLIENT",...}}. */
    public static String fact(Fact fact) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", fact.getClass().getSimpleName());
        node.setAll((ObjectNode) MAPPER.valueToTree(fact));
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses one fact line. A missing {@code ref} becomes {@code defaultSource}/{@code
     * defaultLocator}; a missing {@code side} becomes {@code defaultSide}.
     *
     * @throws IllegalArgumentException when the line is not a fact of a known type
     */
    public static Fact parseFact(String line, String defaultSource, String defaultLocator, Side defaultSide) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        ObjectNode object = (ObjectNode) node;
        String type = object.path("type").asText("");
        Class<? extends Fact> cls = FactTypes.byName(type)
                .orElseThrow(() -> new IllegalArgumentException(type.isEmpty()
                        ? "no \"type\" field" : "unknown fact type \"" + type + "\""));
        object.remove("type");
        if (!object.has("ref") || object.get("ref").isNull()) {
            object.set("ref", MAPPER.valueToTree(Map.of("source", defaultSource, "locator", defaultLocator)));
        }
        if (!object.has("side") || object.get("side").isNull()) {
            object.put("side", defaultSide.name());
        }
        // A count or flag the writer did not know yet (a line from an older version) is zero or false;
        // an explicit null stays an error.
        for (java.lang.reflect.RecordComponent c : cls.getRecordComponents()) {
            if (c.getType().isPrimitive() && !object.has(c.getName())) {
                if (c.getType() == boolean.class) {
                    object.put(c.getName(), false);
                } else {
                    object.put(c.getName(), 0);
                }
            }
        }
        try {
            return MAPPER.treeToValue(object, cls);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid " + type + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The shared mapper (configured for records and java.time). */
    static ObjectMapper mapper() {
        return MAPPER;
    }
}
