package dev.lockscope.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven stamped into the jar. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/lockscope-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"lockscope " + p.getProperty("version", "dev")};
    }
}
