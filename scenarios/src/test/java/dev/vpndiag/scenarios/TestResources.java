package dev.vpndiag.scenarios;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The scenario module's test resources as files. */
final class TestResources {
    private TestResources() {
    }

    /** The file or folder at a class-path resource path such as {@code /lab/EXPECT.json}. */
    static Path path(String resource) {
        URL url = TestResources.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("test resource missing: " + resource);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
