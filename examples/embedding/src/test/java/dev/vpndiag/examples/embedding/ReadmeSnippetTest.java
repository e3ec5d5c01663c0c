package dev.vpndiag.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's API lines compile as they stand, with their imports, against the artifacts a host depends on. */
class ReadmeSnippetTest {
    private static final Path README = Path.of(System.getProperty("vpndiag.readme", "../../README.md"));

    /** The first java block of the README's "The API in five lines" section. */
    private static List<String> snippet() throws IOException {
        String text = Files.readString(README);
        int section = text.indexOf("## The API in five lines");
        assertThat(section).as("README section").isNotNegative();
        int start = text.indexOf("```java\n", section) + "```java\n".length();
        int end = text.indexOf("```", start);
        return text.substring(start, end).lines().toList();
    }

    @Test
    void theApiLinesCompileAsShown(@TempDir Path out) throws IOException {
        List<String> lines = snippet();
        StringBuilder source = new StringBuilder();
        lines.stream().filter(l -> l.startsWith("import ")).forEach(l -> source.append(l).append('\n'));
        source.append("class Snippet {\n    void run() throws Exception {\n");
        lines.stream().filter(l -> !l.startsWith("import ") && !l.isBlank()).forEach(l -> source.append("        ").append(l).append('\n'));
        source.append("    }\n}\n");
        assertThat(lines).filteredOn(l -> !l.startsWith("import ") && !l.isBlank()).hasSize(5);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        StringWriter messages = new StringWriter();
        boolean ok = javac.getTask(messages, null, null,
                List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path"), "-proc:none"),
                null, List.of(file)).call();
        assertThat(ok).as(messages + "\n" + source).isTrue();
    }
}
